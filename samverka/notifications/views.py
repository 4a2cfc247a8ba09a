from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverka.core.forms import save_or_conflict
from samverka.notifications.forms import PreferenceForm
from samverka.notifications.models import Notification, Preference


def preferences(request: HttpRequest) -> HttpResponse:
    """The logged-in user's own choices: every user may turn their e-mails off."""
    preference = Preference.objects.filter(user=request.user).first() or Preference(
        user=request.user
    )
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid() and save_or_conflict(form):
        messages.success(request, _("Dina val av aviseringar sparades."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "form": form,
            "recent": Notification.objects.filter(user=request.user)[:10],
        },
    )
