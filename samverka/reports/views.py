from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from samverka.orgs.federation import periods as federation_periods


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/index.html", {"periods": federation_periods()})
