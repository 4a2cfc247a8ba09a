"""Who may open and post to every page: one declared rule per URL name.

`ACCESS` maps each named URL of the site to an `Access`: who may GET it, who may POST to it
(views without a form: not checked), and how to build its URL arguments for one's own object
and for another's (a unit the unit manager manages or another unit; a project the project
manager leads or another). `accounts/tests/test_access_matrix.py` walks the URL conf and fails
for a name that is not here, then requests every declared page as every persona;
`samverka access-matrix` prints the table as docs/ACCESS.md.

The API's operations (`api:v1:*`) have their own matrix, by HTTP method and path:
`samverka.api.testing.OPERATIONS`, checked by `api/tests/test_permissions.py`.

Adding a view is one line, e.g.
    "budget:notes": Access(ROLE, OWN_UNIT, unit_args),
with the kwargs builder taking the test world and `own` (True: the persona's own unit or project).
"""

from collections.abc import Callable
from dataclasses import dataclass

# The columns of the matrix: personas, and for unit managers and project managers the object
# they request (own or another's).
ANONYMOUS = "anonymous"
NO_ROLE = "no_role"
READER = "reader"
PM_OWN = "project_manager_own"
PM_OTHER = "project_manager_other"
UM_OWN = "unit_manager_own"
UM_OTHER = "unit_manager_other"
CONTROLLER = "controller"
ADMIN = "admin"
COLUMNS = (ANONYMOUS, NO_ROLE, READER, PM_OWN, PM_OTHER, UM_OWN, UM_OTHER, CONTROLLER, ADMIN)
HEADINGS = {
    ANONYMOUS: "anonymous",
    NO_ROLE: "no role",
    READER: "reader",
    PM_OWN: "project mgr, own",
    PM_OTHER: "project mgr, other",
    UM_OWN: "unit mgr, own",
    UM_OTHER: "unit mgr, other",
    CONTROLLER: "controller",
    ADMIN: "admin",
}


@dataclass(frozen=True)
class Rule:
    name: str
    allowed: frozenset[str]

    def allows(self, column: str) -> bool:
        return column in self.allowed

    @property
    def scoped(self) -> bool:
        """Whether own and other differ (then both are requested)."""
        return (PM_OWN in self.allowed) != (PM_OTHER in self.allowed) or (
            UM_OWN in self.allowed
        ) != (UM_OTHER in self.allowed)


def _rule(name: str, *columns: str) -> Rule:
    return Rule(name, frozenset(columns))


_ROLES = (READER, PM_OWN, PM_OTHER, UM_OWN, UM_OTHER, CONTROLLER, ADMIN)
PUBLIC = _rule("everyone, also without login", ANONYMOUS, NO_ROLE, *_ROLES)
LOGIN = _rule("every logged-in user, also without a role", NO_ROLE, *_ROLES)
ROLE = _rule("every role", *_ROLES)
CONTROLLER_ONLY = _rule("controller, admin", CONTROLLER, ADMIN)
ADMIN_ONLY = _rule("admin", ADMIN)
OWN_UNIT = _rule("the unit's manager, controller, admin", UM_OWN, CONTROLLER, ADMIN)
OWN_PROJECT = _rule("the project's manager, controller, admin", PM_OWN, CONTROLLER, ADMIN)


Kwargs = Callable[[object, bool], dict]


@dataclass(frozen=True)
class Access:
    """get: who may GET (None: the view takes only POST, a GET answers 405).
    post: who may POST (None: the view has no form; POST is not checked).
    kwargs: the URL's arguments from the test world, for the persona's own object or another.
    query: a query string for the GET (e.g. a download format).
    answers: the status an allowed GET gets, where that is not a page (the API's 404s)."""

    get: Rule | None
    post: Rule | None = None
    kwargs: Kwargs | None = None
    query: str = ""
    answers: int | None = None

    @property
    def scoped(self) -> bool:
        return any(rule is not None and rule.scoped for rule in (self.get, self.post))


# URL argument builders. `w` is the test world (accounts/tests/test_access_matrix.py), `own`
# chooses the persona's own unit or project, or another's.
def year(w, own):
    return {"year": w.year}


def unit_code(w, own):
    return {"code": w.unit(own).code}


def year_unit(w, own):
    return {"year": w.year, "unit": w.unit(own).code}


def year_unit_code(w, own):
    return {"year": w.year, "unit_code": w.unit(own).code}


def project(w, own):
    return {"code": w.project(own).code}


def project_year(w, own):
    return {"code": w.project(own).code, "year": w.year}


def activity(w, own):
    return {"code": w.activity(own).code}


def member(w, own):
    return {"code": w.member.municipality_code}


def population(w, own):
    return {"code": w.member.municipality_code, "date": w.population_date}


def body(w, own):
    return {"code": w.body.code}


def seat(w, own):
    return {"code": w.body.code, "key": w.seat.key}


def meeting(w, own):
    return {"body": w.meeting.body.code, "date": f"{w.meeting.date:%Y-%m-%d}"}


def agenda_item(w, own):
    return meeting(w, own) | {"order": w.agenda_item.order}


def decision(w, own):
    return {"ref": w.decision.ref}


def indicator(w, own):
    return {"code": w.indicator.code}


def programme(w, own):
    return {"code": w.programme.code}


def programme_year(w, own):
    return {"code": w.programme.code, "year": w.plan.year}


def plan_version(w, own):
    return programme_year(w, own) | {"number": w.plan.number}


def job(w, own):
    return {"code": w.objects["job"]}


def scenario(w, own):
    return {"year": w.year, "code": w.objects["scenario"]}


def username(w, own):
    return {"username": w.target_user.username}


ACCESS: dict[str, Access] = {
    # core
    "core:home": Access(PUBLIC),  # sends a fresh installation to /kom-igang/, else to /oversikt/
    "core:overview": Access(ROLE),
    "core:health": Access(PUBLIC),
    "core:search": Access(ROLE, query="q=Skövde"),
    "core:accessibility": Access(PUBLIC),
    "set_language": Access(LOGIN, LOGIN),  # offered in the footer once logged in
    # accounts
    "accounts:login": Access(PUBLIC, PUBLIC),
    "accounts:logout": Access(None, LOGIN),
    "accounts:password_change": Access(LOGIN, LOGIN),
    "accounts:password_change_done": Access(LOGIN),
    "accounts:password_set": Access(PUBLIC, PUBLIC, lambda w, own: w.password_set_kwargs),
    "accounts:password_set_done": Access(PUBLIC),
    "accounts:users": Access(ADMIN_ONLY),
    "accounts:user_create": Access(ADMIN_ONLY, ADMIN_ONLY),
    "accounts:user": Access(ADMIN_ONLY, ADMIN_ONLY, username),
    "accounts:role_add": Access(None, ADMIN_ONLY, username),
    "accounts:role_remove": Access(None, ADMIN_ONLY, username),
    "accounts:user_set_active": Access(None, ADMIN_ONLY, username),
    "accounts:user_password_link": Access(None, ADMIN_ONLY, username),
    "accounts:user_unlock": Access(None, ADMIN_ONLY, username),
    # orgs
    "orgs:index": Access(ROLE),
    "orgs:members": Access(ROLE),
    "orgs:population_fetch_all": Access(None, CONTROLLER_ONLY),
    "orgs:member": Access(ROLE, kwargs=member),
    "orgs:population_add": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, member),
    "orgs:population_fetch": Access(None, CONTROLLER_ONLY, member),
    "orgs:population_edit": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, population),
    "orgs:population_delete": Access(None, CONTROLLER_ONLY, population),
    "orgs:units": Access(ROLE),
    "orgs:unit": Access(ROLE, kwargs=unit_code),
    "orgs:unit_edit": Access(OWN_UNIT, OWN_UNIT, unit_code),
    "orgs:bodies": Access(ROLE),
    "orgs:body": Access(ROLE, kwargs=body),
    "orgs:seat_add": Access(ADMIN_ONLY, ADMIN_ONLY, body),
    "orgs:seat_edit": Access(ADMIN_ONLY, ADMIN_ONLY, seat),
    "orgs:seat_delete": Access(None, ADMIN_ONLY, seat),
    "orgs:networks": Access(ROLE),
    "orgs:periods": Access(ROLE),
    "orgs:period": Access(ROLE, kwargs=year),
    "orgs:period_adopt": Access(None, CONTROLLER_ONLY, year),
    "orgs:period_revision": Access(None, CONTROLLER_ONLY, lambda w, own: {"year": w.adopted_year}),
    # budget
    "budget:index": Access(ROLE),
    "budget:period": Access(ROLE, kwargs=year),
    "budget:unit": Access(ROLE, kwargs=year_unit),
    "budget:line_add": Access(OWN_UNIT, OWN_UNIT, year_unit),
    "budget:line_edit": Access(
        OWN_UNIT, OWN_UNIT, lambda w, own: year_unit(w, own) | {"line": w.line(own).code}
    ),
    "budget:overhead": Access(ROLE, kwargs=year),
    "budget:assumptions_edit": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, year),
    "budget:fees": Access(ROLE, kwargs=year),
    "budget:fee_invoice": Access(ROLE, kwargs=year),
    "budget:fee_share_edit": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, year_unit),
    "budget:targets": Access(ROLE, kwargs=year),
    "budget:balance_sheet_edit": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, year),
    "budget:versions": Access(ROLE, kwargs=year),
    "budget:export": Access(ROLE, kwargs=year),
    "budget:import": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, year),
    # the three-year economic plan
    "economy:plan": Access(ROLE, kwargs=year),
    "economy:unit": Access(ROLE, CONTROLLER_ONLY, year_unit),
    "economy:scenarios": Access(ROLE, CONTROLLER_ONLY, year),
    "economy:scenario_edit": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, scenario),
    "economy:make_proposal": Access(None, CONTROLLER_ONLY, scenario),
    "economy:compare": Access(ROLE, kwargs=year),
    "economy:member_fees": Access(ROLE, kwargs=year),
    # background work (a job started by someone else: the controller sees every job)
    "jobs:index": Access(ROLE),
    "jobs:detail": Access(CONTROLLER_ONLY, kwargs=job),
    "jobs:download": Access(CONTROLLER_ONLY, kwargs=job),
    "jobs:start_document": Access(None, ROLE, year),
    "jobs:start_kolada": Access(None, CONTROLLER_ONLY),
    "notifications:preferences": Access(LOGIN, LOGIN),
    # the yearly budget cycle
    "cycle:status": Access(ROLE, kwargs=year),
    "cycle:start_next_year": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, year),
    "cycle:consolidate": Access(None, CONTROLLER_ONLY, year),
    "cycle:unit": Access(ROLE, kwargs=year_unit),
    "cycle:submit": Access(None, OWN_UNIT, year_unit),
    "cycle:approve": Access(None, CONTROLLER_ONLY, year_unit),
    "cycle:send_back": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, year_unit),
    "cycle:comment": Access(None, OWN_UNIT, year_unit),
    "cycle:unit_text": Access(OWN_UNIT, OWN_UNIT, year_unit),
    # goals
    "goals:index": Access(ROLE),
    "goals:fetch_runs": Access(ROLE),
    "goals:survey_import": Access(CONTROLLER_ONLY, CONTROLLER_ONLY),
    "goals:indicator": Access(ROLE, kwargs=indicator),
    "goals:indicator_edit": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, indicator),
    "goals:mapping_edit": Access(ADMIN_ONLY, ADMIN_ONLY, indicator),
    "goals:target_edit": Access(
        CONTROLLER_ONLY, CONTROLLER_ONLY, lambda w, own: indicator(w, own) | {"year": w.year}
    ),
    "goals:measurement_edit": Access(
        CONTROLLER_ONLY,
        CONTROLLER_ONLY,
        lambda w, own: indicator(w, own) | {"year": 2024, "area": w.member.municipality_code},
    ),
    "goals:goal": Access(ROLE, kwargs=lambda w, own: {"code": w.goal.code}),
    "goals:financial_target_edit": Access(
        CONTROLLER_ONLY, CONTROLLER_ONLY, lambda w, own: {"year": w.year, "measure": "resultat"}
    ),
    # plan
    "plan:index": Access(ROLE),
    "plan:activity": Access(ROLE, kwargs=activity),
    "plan:activity_edit": Access(OWN_UNIT, OWN_UNIT, activity),
    "plan:activity_link_add": Access(None, OWN_UNIT, activity),
    "plan:activity_link_remove": Access(None, OWN_UNIT, activity),
    "plan:rounds": Access(ROLE, CONTROLLER_ONLY),
    "plan:round": Access(ROLE, kwargs=lambda w, own: {"code": w.round.code}),
    "plan:round_close": Access(None, CONTROLLER_ONLY, lambda w, own: {"code": w.round.code}),
    "plan:report": Access(
        OWN_UNIT,
        OWN_UNIT,
        lambda w, own: {"code": w.round.code, "activity": w.activity(own).code},
    ),
    "plan:programme": Access(ROLE, kwargs=programme),
    "plan:funding": Access(ROLE, CONTROLLER_ONLY, programme),
    "plan:plan_versions": Access(ROLE, CONTROLLER_ONLY, programme_year),
    "plan:plan_diff": Access(ROLE, kwargs=programme_year),
    "plan:plan_version": Access(ROLE, kwargs=plan_version),
    "plan:plan_activity_add": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, plan_version),
    "plan:plan_activity_edit": Access(
        CONTROLLER_ONLY,
        CONTROLLER_ONLY,
        lambda w, own: plan_version(w, own) | {"key": w.plan_activity.key},
    ),
    "plan:plan_activity_delete": Access(
        None, CONTROLLER_ONLY, lambda w, own: plan_version(w, own) | {"key": w.plan_activity.key}
    ),
    "plan:plan_adopt": Access(None, CONTROLLER_ONLY, plan_version),
    "plan:plan_revise": Access(None, CONTROLLER_ONLY, plan_version),
    # decisions
    "decisions:index": Access(ROLE),
    "decisions:meetings": Access(ROLE, CONTROLLER_ONLY),
    "decisions:meeting": Access(ROLE, CONTROLLER_ONLY, meeting),
    "decisions:agenda_item_edit": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, agenda_item),
    "decisions:agenda_item_delete": Access(None, CONTROLLER_ONLY, agenda_item),
    "decisions:obligations": Access(ROLE, CONTROLLER_ONLY),
    "decisions:decision": Access(ROLE, kwargs=decision),
    "decisions:decision_edit": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, decision),
    # portfolio
    "portfolio:index": Access(ROLE),
    "portfolio:year": Access(ROLE, kwargs=year),
    "portfolio:pipeline": Access(ROLE),
    "portfolio:funders": Access(ROLE),
    "portfolio:ending": Access(ROLE),
    "portfolio:reconciliation": Access(ROLE, kwargs=year),
    "portfolio:project_create": Access(CONTROLLER_ONLY, CONTROLLER_ONLY),
    "portfolio:project": Access(ROLE, kwargs=project),
    "portfolio:project_edit": Access(OWN_PROJECT, OWN_PROJECT, project),
    "portfolio:project_year_edit": Access(OWN_PROJECT, OWN_PROJECT, project_year),
    "portfolio:financing_add": Access(OWN_PROJECT, OWN_PROJECT, project_year),
    "portfolio:financing_edit": Access(
        OWN_PROJECT, OWN_PROJECT, lambda w, own: project_year(w, own) | {"source": "own"}
    ),
    # ledger
    "ledger:index": Access(ROLE),
    "ledger:upload": Access(CONTROLLER_ONLY, CONTROLLER_ONLY),
    "ledger:confirm_replace": Access(None, CONTROLLER_ONLY),
    "ledger:mapping": Access(ROLE, CONTROLLER_ONLY),
    "ledger:period": Access(ROLE, kwargs=year),
    "ledger:batch": Access(ROLE, kwargs=lambda w, own: {"year": w.year, "code": w.batch.code}),
    "ledger:batch_remap": Access(
        None, CONTROLLER_ONLY, lambda w, own: {"year": w.year, "code": w.batch.code}
    ),
    "ledger:unit": Access(ROLE, kwargs=year_unit_code),
    "ledger:forecast": Access(
        OWN_UNIT, OWN_UNIT, lambda w, own: year_unit_code(w, own) | {"kind": "personnel"}
    ),
    "ledger:comment": Access(
        OWN_UNIT,
        OWN_UNIT,
        lambda w, own: year_unit_code(w, own) | {"month": 3, "kind": "personnel"},
    ),
    # reports
    "reports:index": Access(ROLE),
    "reports:plan": Access(ROLE, kwargs=year),
    "reports:plan_download": Access(ROLE, kwargs=lambda w, own: {"year": w.year, "fmt": "html"}),
    "reports:version_download": Access(
        ROLE, kwargs=lambda w, own: {"year": w.adopted_year, "revision": w.revision, "fmt": "html"}
    ),
    "reports:follow_up": Access(ROLE, kwargs=year, query="datum=2026-03-31&format=docx"),
    "plan_texts:index": Access(CONTROLLER_ONLY, kwargs=year),
    "plan_texts:copy": Access(None, CONTROLLER_ONLY, year),
    "plan_texts:unit": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, year_unit),
    "plan_texts:edit": Access(
        CONTROLLER_ONLY, CONTROLLER_ONLY, lambda w, own: {"year": w.year, "section": "uppdrag"}
    ),
    # audit: the history of a unit (the users' and roles' history is the administrator's)
    "audit:history": Access(
        CONTROLLER_ONLY,
        kwargs=lambda w, own: {"app_label": "orgs", "model": "unit", "code": w.unit(own).code},
    ),
    # attachments: as the object they belong to
    "attachments:upload_decision": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, decision),
    "attachments:upload_meeting": Access(CONTROLLER_ONLY, CONTROLLER_ONLY, meeting),
    "attachments:upload_project": Access(OWN_PROJECT, OWN_PROJECT, project),
    "attachments:download": Access(ROLE, kwargs=lambda w, own: {"code": w.attachment(own).code}),
    "attachments:delete": Access(
        OWN_PROJECT, OWN_PROJECT, lambda w, own: {"code": w.attachment(own).code}
    ),
    # api: pages around the API (its operations: samverka.api.testing.OPERATIONS)
    # the first-run page exists only while no federation does (tested in orgs/tests)
    "first_run:start": Access(PUBLIC, PUBLIC, answers=404),
    "first_run:check": Access(PUBLIC, PUBLIC, answers=404),
    "api:unknown": Access(PUBLIC, answers=404),  # JSON: "no such path", to everyone
    "api:docs": Access(PUBLIC),
    "api:v1:openapi-json": Access(PUBLIC),
    "api:v1:api-root": Access(PUBLIC, answers=404),
    "api:tokens": Access(ROLE, ROLE),
    "api:token_overview": Access(ADMIN_ONLY),
    "api:user_tokens": Access(ADMIN_ONLY, ADMIN_ONLY, username),
    "api:token_revoke": Access(None, ADMIN_ONLY, lambda w, own: {"prefix": w.token_prefix}),
    # single sign-on (accounts/sso.py): 404 unless OIDC_RP_CLIENT_ID is set; with it, public
    # (the login itself), checked in accounts/tests/test_sso.py
    "oidc_authentication_init": Access(PUBLIC, answers=404),
    "oidc_authentication_callback": Access(PUBLIC, answers=404),
    "accounts:sso_refused": Access(PUBLIC, answers=404),
    # open data: public, read-only
    "opendata:index": Access(PUBLIC),
    "opendata:catalogue_jsonld": Access(PUBLIC),
    "opendata:catalogue_rdf": Access(PUBLIC),
    "opendata:versioned": Access(
        PUBLIC,
        kwargs=lambda w, own: {
            "year": w.adopted_year,
            "revision": 1,
            "key": w.dataset,
            "fmt": "json",
        },
    ),
    "opendata:current": Access(
        PUBLIC, kwargs=lambda w, own: {"year": w.adopted_year, "key": w.dataset, "fmt": "csv"}
    ),
}

# Names outside the matrix: Django's admin checks its own staff permissions, and the API's
# operations have their own matrix by method and path.
EXCLUDED_NAMESPACES = ("admin:",)


def url_routes(resolver=None, namespace: str = "", prefix: str = "") -> dict[str, tuple]:
    """Every named URL of the site: {"namespace:name": (route, view)}."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= url_routes(pattern, inner, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[f"{namespace}{pattern.name}"] = ("/" + route, pattern.callback)
    return found


def is_api_operation(view) -> bool:
    """A django-ninja operation: the API's own matrix checks it (by method and path)."""
    return view.__module__ == "ninja.operation"


def site_routes() -> dict[str, str]:
    """The names the matrix must cover, with their routes."""
    return {
        name: route
        for name, (route, view) in url_routes().items()
        if not name.startswith(EXCLUDED_NAMESPACES) and not is_api_operation(view)
    }


def _cells(rule: Rule | None, answers: int | None = None) -> str:
    if rule is None:
        return " | ".join("405" for _c in COLUMNS[1:]).join(("login | ", ""))
    mark = str(answers) if answers else "✓"
    return " | ".join(mark if rule.allows(c) else "–" for c in COLUMNS)


def markdown() -> str:
    """docs/ACCESS.md: the table as a document (`samverka access-matrix`)."""
    routes = site_routes()
    lines = [
        "# Who may do what",
        "",
        "Generated from `samverka/accounts/access_matrix.py` by `samverka access-matrix > "
        "docs/ACCESS.md`; `accounts/tests/test_access_matrix.py` requests every row as every "
        "persona and checks that this file is up to date. Do not edit it by hand.",
        "",
        "✓ allowed (for POST: not refused, the form may still find errors); – refused (403, "
        "or the login page for anonymous visitors); 405: the view takes POST only (outside "
        "`/konto/` a login without a role gets 403 first); login: "
        "sent to the login page; 404: answered so to everyone (single sign-on while it is "
        "not configured, unknown API paths). *own* and *other*: the unit manager's own unit "
        "or another, the project manager's own project or another, where the page is about "
        "one.",
        "",
        "The REST API's operations (`/api/v1/…`) have their own matrix, by method and path, "
        "in `samverka/api/tests/test_permissions.py`: every role reads; writes are for the "
        "unit's manager, the project's managers, controllers and administrators as on the "
        "pages; without a token 401. Django's admin (`/admin/`) checks staff permissions.",
        "",
        "| URL name | path | method | " + " | ".join(HEADINGS[c] for c in COLUMNS) + " |",
        "|---|---|---|" + "---|" * len(COLUMNS),
    ]
    for name in sorted(ACCESS):
        access = ACCESS[name]
        route = routes.get(name, "").replace("|", "\\|")
        lines.append(f"| `{name}` | `{route}` | GET | {_cells(access.get, access.answers)} |")
        if access.post is not None:
            lines.append(f"| | | POST | {_cells(access.post)} |")
    return "\n".join(lines) + "\n"
