from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from samverka.orgs.models import PlanningPeriod


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "plan/index.html", {"periods": PlanningPeriod.objects.all()})
