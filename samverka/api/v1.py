"""Version 1 of the API: one NinjaAPI, a router per domain, JSON refusals, docs served locally.

Mounted at /api/v1/ (schema: /api/v1/openapi.json); the docs page is /api/docs. Every operation
needs a caller (token or session, `auth.AUTH`) and acts as that caller in the audit log.
"""

from ninja import NinjaAPI, Router, Schema
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from samverka.api import errors
from samverka.api.auth import AUTH, act_as_caller, capabilities
from samverka.api.routers import budget, decisions, goals, orgs, plan, portfolio
from samverka.api.schemas import Error
from samverka.orgs.models import Unit

DESCRIPTION = """
Samverkas API för skript och andra system: läsa allt, och skriva budgetrader, mätvärden,
aktivitetsrapporter och projekt med samma regler som sidorna.

* **Inloggning:** en API-nyckel i huvudet `Authorization: Bearer <nyckel>` (skapas under
  API-nycklar) eller webbläsarens inloggning (ändringar kräver då `X-CSRFToken`). Nyckeln har
  exakt sin användares behörigheter.
* **Belopp** är text med två decimaler, t.ex. `"-6011000.00"`, aldrig flyttal.
* **Ändringar** skickar `version` som lästes; har någon annan sparat emellan blir svaret 409 med
  objektet som det är nu. Att skapa något som redan finns ger också 409.
* **Fel** är JSON: `{"detail": "…", "errors": [{"field": "amount", "message": "…"}]}`.
"""


class Renderer(JSONRenderer):
    # "Förbundskansli", not "F\u00f6rbundskansli": readable with curl, and still UTF-8 JSON.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Samverka API",
    version="1",
    description=DESCRIPTION,
    auth=AUTH,
    urls_namespace="api:v1",
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    renderer=Renderer(),
    docs_url=None,  # the docs page is /api/docs, outside the versioned path (see urls.py)
)
# Operations are named by their function ("line_update"), not its module path.
api.get_openapi_operation_id = lambda operation: operation.view_func.__name__
errors.install(api)
api.add_decorator(act_as_caller)


class MeOut(Schema):
    username: str
    full_name: str
    roles: list[str]
    managed_units: list[str]
    is_admin: bool
    is_controller: bool
    token: str | None  # the prefix of the token used, null for a browser session


account = Router(tags=["Konto"])


@account.get("/me", response={200: MeOut, 401: Error}, summary="Den som anropar")
def me(request):
    """Who the caller is and which roles the calls run with (answers also without a role)."""
    can = capabilities(request)
    user = request.auth
    token = getattr(request, "api_token", None)
    return {
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "roles": sorted(can.roles),
        "managed_units": list(
            Unit.objects.filter(pk__in=can.managed_unit_ids)
            .order_by("code")
            .values_list("code", flat=True)
        ),
        "is_admin": can.is_admin,
        "is_controller": can.is_controller,
        "token": token.prefix if token else None,
    }


api.add_router("", account)
api.add_router("", orgs.router)
api.add_router("", budget.router)
api.add_router("", goals.router)
api.add_router("", plan.router)
api.add_router("", portfolio.router)
api.add_router("", decisions.router)
