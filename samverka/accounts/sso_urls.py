"""/oidc/…: the OpenID Connect login (samverka.accounts.sso); 404 while it is not configured.

No namespace: mozilla-django-oidc reverses these names."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from samverka.accounts import sso

urlpatterns = [
    path(
        "authenticate/",
        login_not_required(sso.AuthenticateView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "callback/",
        login_not_required(sso.CallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
]
