from collections import defaultdict

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from samverka.accounts.permissions import capabilities, require
from samverka.jobs.forms import DocumentJobForm
from samverka.orgs.federation import get_period_or_404
from samverka.orgs.federation import periods as federation_periods
from samverka.orgs.models import PlanningPeriod
from samverka.reports import builders, outputs, versions
from samverka.reports.forms import FollowUpForm, default_date
from samverka.reports.models import DocumentVersion, Format


def _download(rendered: outputs.Rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = content_disposition_header(True, rendered.filename)
    return response


def _adopted_revisions(periods: list[PlanningPeriod]) -> dict[int, list[dict]]:
    """Per period, its stored versions newest first: revision, decision, date, the files."""
    grouped: dict[tuple[int, int], list[DocumentVersion]] = defaultdict(list)
    stored = DocumentVersion.objects.filter(period__in=periods).select_related(
        "decision", "decision__body"
    )
    for version in stored:
        grouped[(version.period_id, version.revision)].append(version)
    order = {fmt: index for index, fmt in enumerate(Format.values)}
    result: dict[int, list[dict]] = defaultdict(list)
    for (period_id, revision), files in sorted(grouped.items(), key=lambda kv: -kv[0][1]):
        files.sort(key=lambda v: order[v.format])
        result[period_id].append(
            {
                "revision": revision,
                "decision": files[0].decision,
                "created": files[0].created,
                "files": files,
            }
        )
    return result


def _index(request: HttpRequest, bound: dict[int, FollowUpForm], status: int = 200):
    periods = list(federation_periods().select_related("decision", "decision__body"))
    revisions = _adopted_revisions(periods)
    rows = []
    for period in periods:
        adopted = revisions.get(period.pk, [])
        form = bound.get(period.year) or FollowUpForm(
            year=period.year, initial={"datum": default_date(period.year)}
        )
        rows.append(
            {
                "period": period,
                "revisions": adopted,
                "stored": period.is_locked
                and any(r["revision"] == period.revision for r in adopted),
                "form": form,
                "job_form": DocumentJobForm(year=period.year),
            }
        )
    context = {"rows": rows, "formats": Format.choices}
    return render(request, "reports/index.html", context, status=status)


def index(request: HttpRequest) -> HttpResponse:
    require(capabilities(request).can_view)
    return _index(request, {})


def _plan_article(period: PlanningPeriod) -> tuple[SafeString, DocumentVersion | None]:
    """The plan as an article for the page: the stored HTML of an adopted period (what the
    board adopted, not a rebuild), otherwise the plan built now."""
    found = versions.plan_file(period, Format.HTML)
    page = found.rendered.content.decode("utf-8")
    start, end = page.find("<article"), page.rfind("</article>")
    if start < 0 or end < 0:  # pragma: no cover - every stored page holds its article
        raise Http404(_("Den sparade planen saknar sitt innehåll."))
    # Our own output (html.render), escaped when it was rendered.
    return mark_safe(page[start : end + len("</article>")]), found.version  # noqa: S308


def plan(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    article, version = _plan_article(period)
    return render(
        request,
        "reports/plan.html",
        {"period": period, "article": article, "version": version, "formats": Format.choices},
    )


def plan_download(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    if fmt not in Format.values:
        raise Http404(_("Planen finns som PDF, DOCX och HTML."))
    return _download(versions.plan_file(period, fmt).rendered)


def version_download(request: HttpRequest, year: int, revision: int, fmt: str) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    version = get_object_or_404(DocumentVersion, period=period, revision=revision, format=fmt)
    return _download(versions.read(version))


def follow_up(request: HttpRequest, year: int) -> HttpResponse:
    period = get_period_or_404(year)
    require(capabilities(request).can_view)
    form = FollowUpForm(request.GET, year=year)
    if form.is_valid() and form.cleaned_data["datum"] < period.start:
        form.add_error(
            "datum",
            _("Uppföljningen av %(year)s kan göras från %(start)s.")
            % {"year": year, "start": period.start.isoformat()},
        )
    if not form.is_valid():
        return _index(request, {year: form}, status=400)
    document = builders.follow_up(period, form.cleaned_data["datum"])
    return _download(outputs.render(document, form.cleaned_data["format"]))
