from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.accounts.permissions import capabilities

# Paths a logged-in user without a role may still use: to leave, or to reach the admin (which
# checks its own permissions).
OPEN_PREFIXES = ("/konto/", "/i18n/", "/admin/", "/static/")


class RoleRequiredMiddleware(MiddlewareMixin):
    """A login is not enough: every private page needs a role (reader at least).

    Accounts are created before an administrator gives them a role; until then they see nothing.
    Views marked @login_not_required (login, health, open data) are public and pass.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        if not request.user.is_authenticated or request.path.startswith(OPEN_PREFIXES):
            return None
        if not capabilities(request).can_view:
            raise PermissionDenied(_("Ditt konto har ingen roll i Samverka ännu."))
        return None


LAST_ACTIVITY = "samverka_last_activity"
LOGGED_IN_AT = "samverka_logged_in_at"


class SessionTimeoutMiddleware:
    """Log out a session left idle for SAMVERKA_IDLE_MINUTES, or older than SESSION_COOKIE_AGE.

    The last activity is stored in the session at most once a minute, so an active user costs a
    session write a minute, not one per request. Django's own expiry slides with every write;
    the login time kept here makes SESSION_COOKIE_AGE the longest a login lasts. The logged-out
    request goes on as anonymous: a private page sends it to the login page, with the reason.
    Before the audit middleware, so that nothing is attributed to the expired login.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request, int(timezone.now().timestamp()))
        return self.get_response(request)

    def _check(self, request, now: int) -> None:
        session = request.session
        idle = settings.SAMVERKA_IDLE_MINUTES * 60
        last = session.get(LAST_ACTIVITY)
        logged_in_at = session.get(LOGGED_IN_AT)
        if idle and last is not None and now - last > idle:
            self._log_out(
                request,
                ngettext(
                    "Du har loggats ut efter %(n)s minut utan aktivitet.",
                    "Du har loggats ut efter %(n)s minuter utan aktivitet.",
                    settings.SAMVERKA_IDLE_MINUTES,
                )
                % {"n": settings.SAMVERKA_IDLE_MINUTES},
            )
            return
        if logged_in_at is not None and now - logged_in_at > settings.SESSION_COOKIE_AGE:
            hours = round(settings.SESSION_COOKIE_AGE / 3600, 1)
            self._log_out(
                request,
                _("Du har loggats ut: en inloggning gäller i %(hours)s timmar.")
                % {"hours": f"{hours:g}".replace(".", ",")},
            )
            return
        if logged_in_at is None:
            session[LOGGED_IN_AT] = now
        if last is None or now - last >= 60:
            session[LAST_ACTIVITY] = now

    def _log_out(self, request, message: str) -> None:
        logout(request)
        messages.info(request, message)
