import datetime

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from samverka.decisions import obligations
from samverka.decisions.models import Decision, Meeting, ReportingObligation
from samverka.orgs.models import GoverningBody


def index(request: HttpRequest) -> HttpResponse:
    """The decision register: search the text, filter by body and year."""
    query = request.GET.get("q", "").strip()
    body_code = request.GET.get("organ", "")
    year = request.GET.get("ar", "")
    decisions = Decision.objects.select_related("body", "meeting").prefetch_related(
        "links__content_type"
    )
    if query:
        decisions = decisions.filter(
            Q(title__icontains=query) | Q(text__icontains=query) | Q(number__icontains=query)
        )
    if body_code:
        decisions = decisions.filter(body__code=body_code)
    if year.isdigit():
        decisions = decisions.filter(date__year=int(year))
    years = sorted({d.year for d in Decision.objects.dates("date", "year")}, reverse=True)
    return render(
        request,
        "decisions/index.html",
        {
            "decisions": decisions,
            "bodies": GoverningBody.objects.filter(decisions__isnull=False).distinct(),
            "years": years,
            "query": query,
            "body_code": body_code,
            "year": int(year) if year.isdigit() else None,
        },
    )


def meeting_list(request: HttpRequest) -> HttpResponse:
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
        },
    )


def meeting_detail(request: HttpRequest, body: str, date: str) -> HttpResponse:
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError as exc:
        raise Http404 from exc
    meeting = get_object_or_404(Meeting.objects.select_related("body"), body__code=body, date=day)
    agenda = meeting.agenda.select_related("matter__origin", "decision").prefetch_related("fulfils")
    return render(
        request,
        "decisions/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": [
                {"item": item, "path": item.matter.path() if item.matter else []} for item in agenda
            ],
        },
    )


def obligation_list(request: HttpRequest) -> HttpResponse:
    rows = [
        {
            "obligation": o,
            "missed": obligations.missed(o),
            "next": obligations.next_due(o),
            "schedule": obligations.schedule(o),
        }
        for o in ReportingObligation.objects.select_related("body")
    ]
    return render(request, "decisions/obligation_list.html", {"rows": rows})
