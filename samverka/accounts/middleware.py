from django.core.exceptions import PermissionDenied
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

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
