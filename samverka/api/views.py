"""The API's pages: the docs (public) and the token pages (a user's own; an administrator's
view of everyone's). A token's secret is shown once, on the page that answers its creation."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samverka.accounts.permissions import capabilities, require
from samverka.api import tokens
from samverka.api.errors import body
from samverka.api.forms import TokenForm
from samverka.api.models import ApiToken
from samverka.api.v1 import api


@login_not_required
@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    """Swagger UI from ninja's bundled files: no request leaves the server."""
    return api.docs.render_page(request, api)


@login_not_required
def unknown_path(request: HttpRequest) -> JsonResponse:
    return JsonResponse(body(_("Det finns ingen sådan adress i API:et.")), status=404)


def _account(request: HttpRequest, username: str | None):
    """The account whose tokens the page shows: one's own, or any for an administrator."""
    if username is None or username == request.user.get_username():
        return request.user
    require(capabilities(request).can_manage_users)
    return get_object_or_404(get_user_model(), username=username)


def token_list(request: HttpRequest, username: str | None = None) -> HttpResponse:
    require(capabilities(request).can_view)
    account = _account(request, username)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = tokens.create(account, form.cleaned_data["name"])
        response = render(
            request,
            "api/token_created.html",
            {
                "account": account,
                "token": token,
                "secret": secret,
                "is_own": account == request.user,
                "me_url": request.build_absolute_uri(reverse("api:v1:me")),
            },
        )
        # The secret exists on this page only: no cache may keep a copy.
        response["Cache-Control"] = "no-store"
        return response
    return render(
        request,
        "api/token_list.html",
        {
            "account": account,
            "is_own": account == request.user,
            "tokens": ApiToken.objects.filter(user=account),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def token_overview(request: HttpRequest) -> HttpResponse:
    require(capabilities(request).can_manage_users)
    return render(
        request,
        "api/token_overview.html",
        {"tokens": ApiToken.objects.select_related("user")},
    )


@require_POST
def token_revoke(request: HttpRequest, prefix: str) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.select_related("user"), prefix=prefix)
    if token.user != request.user:
        require(capabilities(request).can_manage_users)
    if tokens.revoke(token):
        messages.success(
            request,
            _("Nyckeln %(name)s är återkallad och fungerar inte längre.") % {"name": token},
        )
    else:
        messages.info(request, _("Nyckeln %(name)s var redan återkallad.") % {"name": token})
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("api:tokens")
