"""/api/v1/… (the NinjaAPI), /api/docs (its documentation) and /api/nycklar/… (the token pages).

The API's own paths answer for themselves: a caller without a login gets 401 JSON, not the
login page, so they are exempt from LoginRequiredMiddleware (and from RoleRequiredMiddleware,
which passes views marked so); the docs and the schema are public, they describe no data.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, path, re_path

from samverka.api import views
from samverka.api.v1 import api


def _public(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _public(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = login_not_required(pattern.callback)
    return patterns


api_patterns, api_app, api_namespace = api.urls

app_name = "api"
urlpatterns = [
    path("v1/", (_public(api_patterns), api_app, api_namespace)),
    re_path(r"^v1/", views.unknown_path, name="unknown"),
    path("docs", views.docs, name="docs"),
    path("nycklar/", views.token_list, name="tokens"),
    path("nycklar/alla/", views.token_overview, name="token_overview"),
    path("nycklar/anvandare/<str:username>/", views.token_list, name="user_tokens"),
    path("nycklar/<str:prefix>/aterkalla/", views.token_revoke, name="token_revoke"),
]
