"""Refusals as JSON: {"detail": Swedish sentence, "errors": [{"field", "message"}]}.

Every exception the API raises or meets ends here: a missing login (401), a missing capability
(403), an object that does not exist (404), a request that does not match the schema (422,
each pydantic error said in Swedish and placed on its field) or a form's errors (422). Any other
exception is raised on, so that the request's transaction is rolled back and the server logs it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError


class ApiError(Exception):
    """A refusal with its status, a Swedish detail and the fields at fault."""

    def __init__(self, status: int, detail: str, errors: list[dict] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors or []

    def body(self) -> dict:
        return body(self.detail, self.errors)


def forbidden(detail: str | None = None) -> ApiError:
    return ApiError(403, detail or _("Du har inte behörighet att göra detta."))


def not_found(detail: str) -> ApiError:
    return ApiError(404, detail)


def require(allowed: bool, detail: str | None = None) -> None:
    if not allowed:
        raise forbidden(detail)


def body(detail: str, errors: list[dict] | None = None) -> dict:
    return {"detail": detail, "errors": errors or []}


def _schema_message(error: dict) -> str:
    """A pydantic error in Swedish (its English text never reaches the client)."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("Uppgiften saknas.")
    if kind == "extra_forbidden":
        return _("Fältet finns inte i den här begäran.")
    if kind.startswith("int_") or kind == "int_type":
        return _("Ange ett heltal.")
    if kind.startswith("bool"):
        return _("Ange true eller false.")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("Ange ett datum som ÅÅÅÅ-MM-DD.")
    if kind == "uuid_parsing" or kind == "uuid_type":
        return _("Ange en nyckel i UUID-form.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Värdet måste vara minst %(limit)s.") % {"limit": ctx.get("ge", ctx.get("gt", ""))}
    if kind in ("less_than_equal", "less_than"):
        return _("Värdet får vara högst %(limit)s.") % {"limit": ctx.get("le", ctx.get("lt", ""))}
    if kind == "string_too_long":
        return _("Högst %(max)s tecken.") % {"max": ctx.get("max_length", "")}
    if kind == "string_too_short":
        return _("Minst %(min)s tecken.") % {"min": ctx.get("min_length", "")}
    if kind == "string_pattern_mismatch":
        return _("Värdet har fel form (mönster %(pattern)s).") % {"pattern": ctx.get("pattern")}
    if kind == "string_type":
        return _("Ange en text.")
    if kind in ("literal_error", "enum"):
        return _("Välj ett av: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("Innehållet ska vara ett JSON-objekt.")
    if kind == "list_type":
        return _("Ange en lista.")
    return _("Ogiltigt värde.")


def _schema_field(loc: tuple | list) -> str | None:
    """("body", "payload", "amount") → "amount"; ("query", "year") → "year"."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        source, parts = parts[0], parts[1:]
        if source == "body" and parts:
            parts = parts[1:]  # the operation's argument name, not a field of the request
    return ".".join(parts) or None


def schema_errors(errors: list[dict]) -> list[dict]:
    return [
        {"field": _schema_field(e.get("loc", ())), "message": _schema_message(e)} for e in errors
    ]


def install(api: NinjaAPI) -> None:
    """Put the JSON refusals on `api`."""

    def respond(request: HttpRequest, status: int, detail: str, errors=None, data=None):
        response = api.create_response(request, data or body(detail, errors), status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="samverka"'
        return response

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return respond(request, exc.status, exc.detail, data=exc.body())

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return respond(
            request,
            401,
            _(
                "Inloggning krävs: skicka en giltig API-nyckel som ”Authorization: Bearer "
                "<nyckel>”. En återkallad nyckel, eller en nyckel vars konto är avaktiverat, "
                "fungerar inte."
            ),
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        if exc.status_code == 400:
            detail = _("Begäran kunde inte läsas: innehållet ska vara JSON.")
        elif exc.status_code == 403:
            detail = _(
                "CSRF-kontrollen misslyckades: en ändring med inloggningens cookie kräver "
                "huvudet X-CSRFToken. Skript använder en API-nyckel i stället."
            )
        else:
            detail = str(exc)
        return respond(request, exc.status_code, detail)

    @api.exception_handler(SchemaError)
    def schema_error(request, exc: SchemaError):
        return respond(
            request,
            422,
            _("Begäran stämmer inte med API:ets schema. Rätta fälten och försök igen."),
            schema_errors(exc.errors),
        )

    @api.exception_handler(PermissionDenied)
    def permission_denied(request, exc):
        return respond(request, 403, str(exc) or _("Du har inte behörighet att göra detta."))

    @api.exception_handler(Http404)
    def not_found_handler(request, exc):
        return respond(request, 404, _("Det finns inget sådant objekt."))

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        # Raised on: Django rolls the request's transaction back and logs the error.
        raise exc
