"""Single sign-on with OpenID Connect: the provider's groups become Samverka roles.

Configured by the environment only (settings.py, docs/SSO.md); off while OIDC_RP_CLIENT_ID is
empty, and then the login page shows no button and /oidc/… answers 404.

On every login the roles that come from the provider are made equal to the groups in the
roles claim: SAMVERKA_OIDC_ROLE_MAP names a role per group ("samverka-ekonom=controller"), and a
group named SAMVERKA_OIDC_UNIT_MANAGER_PREFIX + a unit's code makes a unit manager of that
unit. Roles given on the user page are left alone. A login whose account ends up with no role
at all is refused with a page that says so.
"""

import hashlib
import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from samverka.accounts.models import Role, RoleAssignment, SsoIdentity
from samverka.audit.context import acting_as
from samverka.audit.recording import log
from samverka.orgs.models import Unit

LOGGER = logging.getLogger(__name__)
MAPPABLE_ROLES = {Role.ADMIN, Role.CONTROLLER, Role.PROJECT_MANAGER, Role.READER}
# Why the last login was refused, for the page the callback sends the browser to.
REFUSAL_KEY = "samverka_sso_refusal"
NO_ROLE, FAILED = "no_role", "failed"


def enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def provider_name() -> str:
    return settings.SAMVERKA_OIDC_PROVIDER_NAME or _("organisationens konto")


def role_map() -> dict[str, str]:
    """SAMVERKA_OIDC_ROLE_MAP as {group: role}; a role that is not mappable stops the start."""
    mapping = {}
    for pair in filter(None, (p.strip() for p in settings.SAMVERKA_OIDC_ROLE_MAP.split(","))):
        group, _sep, role = pair.partition("=")
        if role.strip() not in MAPPABLE_ROLES:
            raise ImproperlyConfigured(
                f"SAMVERKA_OIDC_ROLE_MAP: {pair!r} names no role; use group=ROLE with ROLE one "
                f"of {', '.join(sorted(MAPPABLE_ROLES))} (unit managers: "
                f"SAMVERKA_OIDC_UNIT_MANAGER_PREFIX)"
            )
        mapping[group.strip()] = role.strip()
    return mapping


def groups_of(claims: dict) -> set[str]:
    value = claims.get(settings.SAMVERKA_OIDC_ROLES_CLAIM) or []
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return {str(v) for v in value}


def roles_for(groups: set[str]) -> set[tuple[str, int | None]]:
    """The (role, unit id) pairs the groups give."""
    mapping = role_map()
    wanted: set[tuple[str, int | None]] = {(mapping[g], None) for g in groups if g in mapping}
    prefix = settings.SAMVERKA_OIDC_UNIT_MANAGER_PREFIX
    codes = {g[len(prefix) :] for g in groups if prefix and g.startswith(prefix)}
    units = dict(Unit.objects.filter(code__in=codes).values_list("code", "pk"))
    for code in sorted(codes - set(units)):
        LOGGER.warning("SSO: the group %s%s names no unit; no role given for it", prefix, code)
    wanted |= {(Role.UNIT_MANAGER, pk) for pk in units.values()}
    return wanted


def _label(assignment: RoleAssignment) -> str:
    label = str(assignment.get_role_display())
    return f"{label} ({assignment.unit})" if assignment.unit_id else label


def sync_roles(user, groups: set[str]) -> None:
    """Make the user's SSO roles those the groups give; roles given by hand stay as they are."""
    wanted = roles_for(groups)
    held = {(a.role, a.unit_id): a for a in user.role_assignments.select_related("unit")}
    for key, assignment in held.items():
        if assignment.granted_by_sso and key not in wanted:
            assignment.delete()
            log(user, "accounts.sso.role_removed", _change(_label(assignment), None))
    for role, unit_id in sorted(wanted - set(held), key=str):
        assignment = RoleAssignment.objects.create(
            user=user, role=role, unit_id=unit_id, granted_by_sso=True
        )
        log(user, "accounts.sso.role_added", _change(None, _label(assignment)))


def _change(before, after) -> dict:
    return {"changes": {"role": {"before": before, "after": after}}}


class SamverkaOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with users found by `sub` and roles from groups."""

    def __init__(self, *args, **kwargs):
        # Listed in AUTHENTICATION_BACKENDS always, so that turning SSO on or off is a setting;
        # off, it reads none of the OIDC settings (which would refuse to start without them).
        if enabled():
            super().__init__(*args, **kwargs)
        else:
            self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not enabled() or request is None or "code" not in request.GET:
            return None
        try:
            user = super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError) as exc:
            LOGGER.warning("SSO login refused: %s", exc)
            user = None
        if user is None:
            request.session.setdefault(REFUSAL_KEY, FAILED)
        return user

    def _verify_jws(self, payload, key):
        """The signature, and also the audience (this client), expiry and, when configured,
        the issuer, which mozilla-django-oidc does not check."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The id_token is not signed with OIDC_RP_SIGN_ALGO.")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER or None,
                options={"require": ["exp", "iat", "sub", "aud"]},
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"id_token refused: {exc}") from None

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo is about another subject than the id_token.")
        claims = payload | userinfo
        groups = groups_of(payload) | groups_of(userinfo)
        with transaction.atomic(), acting_as(None, label=f"SSO ({provider_name()})"):
            user = self._user_for(payload.get("iss", ""), str(payload["sub"]), claims)
            sync_roles(user, groups)
        if not user.is_active:
            return None
        if not user.role_assignments.exists() and not user.is_superuser:
            self.request.session[REFUSAL_KEY] = NO_ROLE
            return None
        return user

    def _user_for(self, issuer: str, subject: str, claims: dict):
        identity = (
            SsoIdentity.objects.select_related("user")
            .filter(issuer=issuer, subject=subject)
            .first()
        )
        details = {
            "first_name": str(claims.get("given_name", ""))[:150],
            "last_name": str(claims.get("family_name", ""))[:150],
            "email": str(claims.get("email", ""))[:254],
        }
        if identity is not None:
            user = identity.user
            changes = {
                name: {"before": getattr(user, name), "after": value}
                for name, value in details.items()
                if value and getattr(user, name) != value
            }
            if changes:
                for name, change in changes.items():
                    setattr(user, name, change["after"])
                user.save(update_fields=list(changes))
                log(user, "accounts.user.updated", {"changes": changes})
            return user
        user = get_user_model().objects.create_user(
            self._free_username(claims, subject), **details
        )  # no usable password: this account logs in through the provider only
        SsoIdentity.objects.create(user=user, issuer=issuer, subject=subject)
        log(
            user,
            "accounts.sso.user_created",
            {"changes": {n: {"before": None, "after": v} for n, v in details.items() if v}},
        )
        return user

    def _free_username(self, claims: dict, subject: str) -> str:
        users = get_user_model().objects
        wanted = str(claims.get("preferred_username") or claims.get("email") or "")[:150]
        if wanted and not users.filter(username=wanted).exists():
            return wanted
        return "sso-" + hashlib.sha256(subject.encode()).hexdigest()[:12]


class _Enabled:
    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class AuthenticateView(_Enabled, OIDCAuthenticationRequestView):
    """Sends the browser to the provider (with state, nonce and a PKCE challenge)."""

    def get(self, request):
        request.session.pop(REFUSAL_KEY, None)
        return super().get(request)


class CallbackView(_Enabled, OIDCAuthenticationCallbackView):
    @property
    def failure_url(self):
        return reverse("accounts:sso_refused")


def provider_logout_url(request, id_token: str | None) -> str | None:
    """Where the browser goes to end its session at the provider as well (RP-initiated
    logout), or None without OIDC_OP_LOGOUT_ENDPOINT."""
    if not (enabled() and settings.OIDC_OP_LOGOUT_ENDPOINT):
        return None
    params = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("accounts:login")),
    }
    if id_token:
        params["id_token_hint"] = id_token
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(params)}"
