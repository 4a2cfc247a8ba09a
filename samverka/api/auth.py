"""Who is calling: an API token (`Authorization: Bearer <token>`) or the browser's session.

A token stands for its user with exactly the user's capabilities (`accounts.permissions`).
A session works as on the pages; a write with it needs the CSRF token, as in ninja's
`django_auth`. A bad, revoked or deactivated user's token is refused (401) rather than falling
back to the session, so that a script never runs as someone else by accident.
"""

from functools import wraps

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from samverka.accounts.permissions import Capabilities
from samverka.api import tokens
from samverka.audit.context import acting_as


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        api_token = tokens.authenticate(token)
        if api_token is None:
            raise AuthenticationError()
        request.user = api_token.user
        request.api_token = api_token
        return api_token.user


class BrowserSession(SessionAuth):
    """The logged-in browser (an inactive account has no session: Django refuses it)."""

    def authenticate(self, request: HttpRequest, key: str | None):
        user = super().authenticate(request, key)
        return user if user is not None and user.is_active else None


AUTH = [TokenAuth(), BrowserSession(csrf=True)]


def capabilities(request: HttpRequest) -> Capabilities:
    """The caller's capabilities, computed once per request."""
    if not hasattr(request, "_samverka_api_capabilities"):
        request._samverka_api_capabilities = Capabilities(request.auth)
    return request._samverka_api_capabilities


def act_as_caller(operation):
    """Attribute every change an operation makes to its caller; a token's use is named in the
    log's actor label ("anna (API-nyckel Ab12Cd34…)")."""

    @wraps(operation)
    def wrapper(request: HttpRequest, *args, **kwargs):
        user = request.auth
        api_token = getattr(request, "api_token", None)
        label = user.get_username()
        if api_token is not None:
            label = f"{label} (API-nyckel {api_token.prefix}…)"
        with acting_as(user, label):
            return operation(request, *args, **kwargs)

    return wrapper
