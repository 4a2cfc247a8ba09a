import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.accounts.permissions import Capabilities, capabilities, require
from samverka.core.forms import save_or_conflict
from samverka.decisions import obligations, register, tables
from samverka.decisions.forms import AgendaItemForm, MeetingForm, TrackingForm
from samverka.decisions.models import AgendaItem, Decision, Meeting, ReportingObligation
from samverka.orgs.models import GoverningBody
from samverka.reports import exports

PAGE_SIZE = 100


def can_record_meetings(can: Capabilities) -> bool:
    """Register meetings, their agendas and which reporting duty an item fulfils."""
    return can.is_controller


def index(request: HttpRequest) -> HttpResponse:
    """The decision register: search the text, filter by body and year."""
    require(capabilities(request).can_view)
    criteria = register.Filter.from_query(request.GET)
    if exports.requested(request):
        stem = "beslutsregister" + (f"-{criteria.year}" if criteria.year else "")
        return exports.export_response(request, [tables.register_table(criteria)], stem)
    decisions = register.decisions(criteria)
    years = sorted({d.year for d in Decision.objects.dates("date", "year")}, reverse=True)
    page = Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("sida"))
    params = request.GET.copy()
    params.pop("sida", None)
    template = "decisions/_register_results.html" if request.headers.get("HX-Request") else None
    return render(
        request,
        template or "decisions/index.html",
        {
            "decisions": page,
            "page": page,
            "query_string": params.urlencode(),
            "bodies": GoverningBody.objects.filter(decisions__isnull=False).distinct(),
            "years": years,
            "query": criteria.query,
            "body_code": criteria.body_code,
            "year": criteria.year,
            "downloads": exports.links(request, _("besluten i listan")),
            # With htmx the download links beside the heading follow the filter too.
            "downloads_oob": bool(template),
        },
    )


def meeting_list(request: HttpRequest) -> HttpResponse:
    can = capabilities(request)
    form = MeetingForm(request.POST or None) if can_record_meetings(can) else None
    if request.method == "POST":
        require(can_record_meetings(can))
        if form.is_valid() and save_or_conflict(form):
            meeting = form.instance
            messages.success(request, _("Sammanträdet registrerades."))
            return redirect(
                "decisions:meeting", body=meeting.body.code, date=f"{meeting.date:%Y-%m-%d}"
            )
    body_code = request.GET.get("organ", "")
    meetings = Meeting.objects.select_related("body").prefetch_related("agenda")
    if body_code:
        meetings = meetings.filter(body__code=body_code)
    return render(
        request,
        "decisions/meeting_list.html",
        {
            "meetings": meetings,
            "bodies": GoverningBody.objects.all(),
            "body_code": body_code,
            "form": form,
        },
    )


def _meeting_or_404(body: str, date: str) -> Meeting:
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError as exc:
        raise Http404 from exc
    return get_object_or_404(Meeting.objects.select_related("body"), body__code=body, date=day)


def _meeting_url_args(meeting: Meeting) -> dict:
    return {"body": meeting.body.code, "date": f"{meeting.date:%Y-%m-%d}"}


def meeting_detail(request: HttpRequest, body: str, date: str) -> HttpResponse:
    meeting = _meeting_or_404(body, date)
    can = capabilities(request)
    if request.method == "POST":
        require(can_record_meetings(can))
    form = None
    if can_record_meetings(can):
        next_order = (meeting.agenda.aggregate(m=Max("order"))["m"] or 0) + 1
        form = AgendaItemForm(
            request.POST or None, instance=AgendaItem(meeting=meeting, order=next_order)
        )
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(
            request,
            _("Punkten %(title)s lades till på dagordningen.") % {"title": form.instance.title},
        )
        return redirect("decisions:meeting", **_meeting_url_args(meeting))
    agenda = meeting.agenda.select_related("matter__origin", "decision").prefetch_related("fulfils")
    return render(
        request,
        "decisions/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": [
                {"item": item, "path": item.matter.path() if item.matter else []} for item in agenda
            ],
            "form": form,
            "can_record": can_record_meetings(can),
        },
    )


def agenda_item_edit(request: HttpRequest, body: str, date: str, order: int) -> HttpResponse:
    meeting = _meeting_or_404(body, date)
    require(can_record_meetings(capabilities(request)))
    item = get_object_or_404(AgendaItem, meeting=meeting, order=order)
    form = AgendaItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Punkten %(title)s sparades.") % {"title": item.title})
        return redirect("decisions:meeting", **_meeting_url_args(meeting))
    return render(
        request,
        "decisions/agenda_item_edit.html",
        {"meeting": meeting, "item": item, "form": form},
    )


@require_POST
def agenda_item_delete(request: HttpRequest, body: str, date: str, order: int) -> HttpResponse:
    meeting = _meeting_or_404(body, date)
    require(can_record_meetings(capabilities(request)))
    item = get_object_or_404(AgendaItem, meeting=meeting, order=order)
    item.delete()
    messages.success(
        request, _("Punkten %(title)s togs bort från dagordningen.") % {"title": item.title}
    )
    return redirect("decisions:meeting", **_meeting_url_args(meeting))


def obligation_list(request: HttpRequest) -> HttpResponse:
    can = capabilities(request)
    if request.method == "POST":
        require(can_record_meetings(can))
        obligation = get_object_or_404(ReportingObligation, code=request.POST.get("code", ""))
        form = TrackingForm(request.POST, instance=obligation)
        if form.is_valid() and save_or_conflict(form):
            messages.success(
                request, _("Uppföljningen av %(t)s är uppdaterad.") % {"t": obligation}
            )
        else:
            messages.error(request, _("Datumet sparades inte: ange ett giltigt datum."))
        return redirect("decisions:obligations")
    rows = [
        {
            "obligation": o,
            "missed": obligations.missed(o),
            "next": obligations.next_due(o),
            "schedule": obligations.schedule(o),
            "form": TrackingForm(instance=o, auto_id=f"id_{o.code}_%s")
            if can_record_meetings(can)
            else None,
        }
        for o in ReportingObligation.objects.select_related("body")
    ]
    return render(
        request,
        "decisions/obligation_list.html",
        {"rows": rows, "can_record": can_record_meetings(can)},
    )
