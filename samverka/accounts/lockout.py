"""Login throttling: the page a locked-out login gets, and which locks an administrator sees.

django-axes counts failed logins per user name and address in the database (settings:
AXES_*); these are the project's parts around it.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def cooloff_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the Swedish lockout page, 429 with Retry-After."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    response = render(
        request,
        "accounts/locked_out.html",
        {
            "username": username,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": cooloff_minutes(),
        },
        status=429,
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    response["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True)
class Lock:
    ip_address: str
    until: datetime


def locks(username: str) -> list[Lock]:
    """The addresses from which this user name is locked out now, and until when."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(
        username=username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since,
    ).order_by("attempt_time")
    return [
        Lock(attempt.ip_address or "", attempt.attempt_time + settings.AXES_COOLOFF_TIME)
        for attempt in attempts
    ]


def unlock(username: str) -> int:
    """Forget every failed login of this user name, from every address."""
    return reset(username=username)
