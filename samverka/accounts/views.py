"""User administration (administrator only) and the own password change.

Users are never deleted: the audit log refers to them. An account is deactivated instead.
Django's User is not an AuditedModel, so its changes are logged here with audit.recording.log;
role assignments are AuditedModels and log themselves.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.tokens import default_token_generator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverka.accounts import lockout, sso
from samverka.accounts.forms import RoleAssignmentForm, UserCreateForm, UserDetailsForm
from samverka.accounts.models import Role, RoleAssignment
from samverka.accounts.permissions import capabilities, require
from samverka.audit.history import entries_for_object
from samverka.audit.recording import log
from samverka.core.forms import save_or_conflict

User = get_user_model()


def _require_admin(request: HttpRequest) -> None:
    require(capabilities(request).can_manage_users)


def _user_or_404(username: str):
    return get_object_or_404(User, username=username)


def _role_label(assignment: RoleAssignment) -> str:
    label = assignment.get_role_display()
    return f"{label} ({assignment.unit})" if assignment.unit_id else str(label)


def _role_change(before: RoleAssignment | None, after: RoleAssignment | None) -> dict:
    """Audit data on the user, so that the user's history shows the roles it got and lost."""
    return {
        "changes": {
            "role": {
                "before": _role_label(before) if before else None,
                "after": _role_label(after) if after else None,
            }
        }
    }


def set_password_link(request: HttpRequest, user) -> str:
    """A one-time link where the user chooses a password (valid PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "accounts:password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path)


def user_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    users = User.objects.order_by("-is_active", "username").prefetch_related(
        Prefetch("role_assignments", RoleAssignment.objects.select_related("unit"))
    )
    return render(request, "accounts/user_list.html", {"users": users})


def user_create(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        log(
            user,
            "accounts.user.created",
            {
                "changes": {
                    name: {"before": None, "after": form.cleaned_data[name]}
                    for name in ("username", "first_name", "last_name", "email")
                    if form.cleaned_data[name]
                }
            },
        )
        for assignment in user.role_assignments.all():
            log(user, "accounts.role.added", _role_change(None, assignment))
        messages.success(request, _("Användaren %(name)s skapades.") % {"name": user.username})
        if not user.has_usable_password():
            return render(
                request,
                "accounts/password_link.html",
                {"account": user, "link": set_password_link(request, user)},
            )
        return redirect("accounts:user", username=user.username)
    return render(request, "accounts/user_create.html", {"form": form})


def user_detail(request: HttpRequest, username: str) -> HttpResponse:
    _require_admin(request)
    account = _user_or_404(username)
    details = UserDetailsForm(request.POST or None, instance=account, prefix="details")
    if request.method == "POST":
        before = {name: getattr(account, name) for name in UserDetailsForm.Meta.fields}
        if details.is_valid():
            changes = {
                name: {"before": before[name], "after": details.cleaned_data[name]}
                for name in details.changed_data
                if name in before
            }
            details.save()
            if changes:
                log(account, "accounts.user.updated", {"changes": changes})
            messages.success(request, _("Uppgifterna för %(name)s sparades.") % {"name": username})
            return redirect("accounts:user", username=username)
    return _render_detail(request, account, details=details)


def _render_detail(request, account, details=None, role_form=None) -> HttpResponse:
    return render(
        request,
        "accounts/user_detail.html",
        {
            "account": account,
            "details": details or UserDetailsForm(instance=account, prefix="details"),
            "assignments": account.role_assignments.select_related("unit").order_by("role"),
            "role_form": role_form
            or RoleAssignmentForm(instance=RoleAssignment(user=account), prefix="role"),
            "entries": entries_for_object(account),
            "is_self": account.pk == request.user.pk,
            "locks": lockout.locks(account.username),
        },
    )


@require_POST
def role_add(request: HttpRequest, username: str) -> HttpResponse:
    _require_admin(request)
    account = _user_or_404(username)
    form = RoleAssignmentForm(request.POST, instance=RoleAssignment(user=account), prefix="role")
    if form.is_valid() and save_or_conflict(form):
        log(account, "accounts.role.added", _role_change(None, form.instance))
        messages.success(
            request,
            _("%(name)s har nu rollen %(role)s.")
            % {"name": username, "role": form.instance.get_role_display()},
        )
        return redirect("accounts:user", username=username)
    return _render_detail(request, account, role_form=form)


@require_POST
def role_remove(request: HttpRequest, username: str) -> HttpResponse:
    _require_admin(request)
    account = _user_or_404(username)
    unit = request.POST.get("unit") or None
    assignment = get_object_or_404(
        RoleAssignment,
        user=account,
        role=request.POST.get("role", ""),
        **({"unit__code": unit} if unit else {"unit__isnull": True}),
    )
    if account.pk == request.user.pk and assignment.role == Role.ADMIN:
        messages.error(
            request,
            _("Du kan inte ta bort din egen administratörsroll; be en annan administratör."),
        )
        return redirect("accounts:user", username=username)
    assignment.delete()
    log(account, "accounts.role.removed", _role_change(assignment, None))
    messages.success(
        request,
        _("Rollen %(role)s togs bort från %(name)s.")
        % {"role": _role_label(assignment), "name": username},
    )
    return redirect("accounts:user", username=username)


@require_POST
def user_set_active(request: HttpRequest, username: str) -> HttpResponse:
    """Deactivate (never delete) or reactivate an account."""
    _require_admin(request)
    account = _user_or_404(username)
    active = request.POST.get("active") == "1"
    if account.pk == request.user.pk and not active:
        messages.error(request, _("Du kan inte avaktivera ditt eget konto."))
        return redirect("accounts:user", username=username)
    if account.is_active != active:
        account.is_active = active
        account.save(update_fields=["is_active"])
        log(account, "accounts.user.activated" if active else "accounts.user.deactivated")
    if active:
        messages.success(request, _("Kontot %(name)s är aktivt igen.") % {"name": username})
    else:
        messages.success(
            request,
            _("Kontot %(name)s är avaktiverat och kan inte logga in.") % {"name": username},
        )
    return redirect("accounts:user", username=username)


@require_POST
def user_unlock(request: HttpRequest, username: str) -> HttpResponse:
    """Lift the login throttling's lock on this user name, from every address."""
    _require_admin(request)
    account = _user_or_404(username)
    addresses = [lock.ip_address for lock in lockout.locks(username)]
    if lockout.unlock(username):
        log(account, "accounts.user.unlocked", {"ip_addresses": addresses})
    messages.success(
        request, _("%(name)s kan logga in igen från alla adresser.") % {"name": username}
    )
    return redirect("accounts:user", username=username)


@require_POST
def user_password_link(request: HttpRequest, username: str) -> HttpResponse:
    _require_admin(request)
    account = _user_or_404(username)
    log(account, "accounts.user.password_link")
    return render(
        request,
        "accounts/password_link.html",
        {"account": account, "link": set_password_link(request, account)},
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        log(self.request.user, "accounts.password.changed")
        return response


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """Where a new user (or one given a new link) chooses a password."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password_set_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        log(form.user, "accounts.password.set")
        return response


class LoginView(auth_views.LoginView):
    """The password form, and with single sign-on configured its button above it."""

    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if sso.enabled():
            context["sso_provider"] = sso.provider_name()
        return context


class LogoutView(auth_views.LogoutView):
    """Ends the session here and, for a login through the provider that has a logout
    endpoint (OIDC_OP_LOGOUT_ENDPOINT), the session there too."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        if id_token and (url := sso.provider_logout_url(request, id_token)):
            return redirect(url)
        return response


@login_not_required
def sso_refused(request: HttpRequest) -> HttpResponse:
    """Where a refused single sign-on lands: no role in Samverka, or the login failed."""
    if not sso.enabled():
        raise Http404
    reason = request.session.pop(sso.REFUSAL_KEY, sso.FAILED)
    return render(
        request,
        "accounts/sso_refused.html",
        {"no_role": reason == sso.NO_ROLE, "sso_provider": sso.provider_name()},
        status=403,
    )
