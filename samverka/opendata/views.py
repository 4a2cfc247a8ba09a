"""Open data for everyone, without login: the index page, the data sets and the catalogue.

Every view is `login_not_required` (which RoleRequiredMiddleware honours too) and read-only.
A versioned URL serves bytes that never change (cached for a year, `immutable`); the current
URL of a year serves its latest adopted version for a few minutes and names the versioned URL
as canonical. Both answer If-None-Match with 304.
"""

import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date, parse_etags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from samverka.lib.tabular import Kind
from samverka.opendata import catalogue
from samverka.opendata.datasets import DATASETS, Dataset, by_key
from samverka.opendata.models import Publication, PublishedDataset
from samverka.opendata.publishing import latest, publications, version
from samverka.opendata.ratelimit import parse_rate
from samverka.orgs.federation import current
from samverka.orgs.models import OpenDataLicence

IMMUTABLE = "public, max-age=31536000, immutable"
CURRENT = "public, max-age=300"
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8; header=present",
}


def _not_found(fmt: str, message: str) -> HttpResponse:
    if fmt == "json":
        return JsonResponse(
            {"error": message}, status=404, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(message, status=404, content_type="text/plain; charset=utf-8")


def _unchanged(request: HttpRequest, etag: str) -> bool:
    wanted = parse_etags(request.headers.get("If-None-Match", ""))
    # If-None-Match compares weakly: a cache may hand back W/"…" for our strong tag.
    return "*" in wanted or etag in (tag.removeprefix("W/") for tag in wanted)


def _respond(request: HttpRequest, body: bytes, content_type: str, headers: dict) -> HttpResponse:
    if _unchanged(request, headers["ETag"]):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    for name, value in headers.items():
        response[name] = value
    return response


def _find(year: int, key: str, fmt: str, publication: Publication | None):
    """(data set, None) or (None, the 404 answer)."""
    if by_key(key) is None:
        return None, _not_found(
            fmt, _("Det finns ingen öppen datamängd som heter ”%(key)s”.") % {"key": key}
        )
    if publication is None:
        return None, _not_found(
            fmt,
            _("Det finns inga publicerade öppna data för %(year)s: året är inte antaget.")
            % {"year": year},
        )
    dataset = publication.datasets.filter(key=key).first()
    if dataset is None:
        return None, _not_found(
            fmt,
            _("Datamängden ”%(key)s” finns inte för %(year)s.") % {"key": key, "year": year},
        )
    return dataset, None


def _serve(
    request: HttpRequest, dataset: PublishedDataset, fmt: str, *, current: bool
) -> HttpResponse:
    publication = dataset.publication
    year = publication.period.year
    versioned = reverse("opendata:versioned", args=[year, publication.revision, dataset.key, fmt])
    filename = f"{dataset.key}-{year}-v{publication.revision}.{fmt}"
    headers = {
        "ETag": f'"{dataset.etag(fmt)}"',
        "Last-Modified": http_date(publication.published_at.timestamp()),
        "Cache-Control": CURRENT if current else IMMUTABLE,
        "Content-Disposition": f'inline; filename="{filename}"',
        "Access-Control-Allow-Origin": "*",
    }
    if current:
        headers["Content-Location"] = versioned
        headers["Link"] = f'<{request.build_absolute_uri(versioned)}>; rel="canonical"'
    return _respond(request, dataset.body(fmt), CONTENT_TYPES[fmt], headers)


@login_not_required
@require_safe
def versioned(request: HttpRequest, year: int, revision: int, key: str, fmt: str):
    """One adopted version's data set: the same bytes for ever."""
    publication = version(year, revision)
    if publication is None and by_key(key) is not None and latest(year) is not None:
        return _not_found(
            fmt,
            _("Det finns ingen version %(revision)s av %(year)s.")
            % {"revision": revision, "year": year},
        )
    dataset, missing = _find(year, key, fmt, publication)
    if missing is not None:
        return missing
    return _serve(request, dataset, fmt, current=False)


@login_not_required
@require_safe
def current_dataset(request: HttpRequest, year: int, key: str, fmt: str):
    """The year's latest adopted version of the data set."""
    dataset, missing = _find(year, key, fmt, latest(year))
    if missing is not None:
        return missing
    return _serve(request, dataset, fmt, current=True)


# --- The catalogue ----------------------------------------------------------------------------


def _catalogue(request: HttpRequest, write, content_type: str) -> HttpResponse:
    body = write(catalogue.graph(request.build_absolute_uri("/").rstrip("/"))).encode("utf-8")
    headers = {
        "ETag": f'"{hashlib.sha256(body).hexdigest()}"',
        "Cache-Control": CURRENT,
        "Access-Control-Allow-Origin": "*",
    }
    return _respond(request, body, content_type, headers)


@login_not_required
@require_safe
def catalogue_jsonld(request: HttpRequest) -> HttpResponse:
    return _catalogue(request, catalogue.to_jsonld, "application/ld+json; charset=utf-8")


@login_not_required
@require_safe
def catalogue_rdf(request: HttpRequest) -> HttpResponse:
    return _catalogue(request, catalogue.to_rdfxml, "application/rdf+xml; charset=utf-8")


# --- The index page ---------------------------------------------------------------------------


@dataclass
class Year:
    year: int
    latest: Publication
    older: list[Publication]

    @property
    def all(self) -> list[Publication]:
        return [self.latest, *self.older]


@dataclass
class DatasetEntry:
    spec: Dataset
    latest: PublishedDataset | None  # in the newest published year

    @property
    def columns(self) -> list[dict]:
        """The columns as the newest JSON describes them, with the type in Swedish."""
        if self.latest is None:
            return []
        # A published data set never changes (its SHA-256 names its bytes): its columns are
        # read from the JSON once and kept, instead of parsing every data set on every visit.
        key = f"opendata:columns:{self.latest.json_sha256}"
        columns = cache.get(key)
        if columns is None:
            text = (
                PublishedDataset.objects.filter(pk=self.latest.pk)
                .values_list("json_text", flat=True)
                .get()
            )
            columns = json.loads(text)["columns"]
            cache.set(key, columns, None)
        return [c | {"type_label": KIND_LABELS.get(c["type"], c["type"])} for c in columns]


KIND_LABELS = {
    Kind.TEXT: gettext_lazy("text"),
    Kind.MONEY: gettext_lazy("belopp i kronor"),
    Kind.INTEGER: gettext_lazy("heltal"),
    Kind.DECIMAL: gettext_lazy("decimaltal"),
    Kind.PERCENT: gettext_lazy("procent"),
    Kind.DATE: gettext_lazy("datum"),
}


@login_not_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """What is published, in Swedish: each data set, each adopted year and its versions."""
    federation = current()
    years: dict[int, Year] = {}
    for publication in (
        publications()
        .prefetch_related(
            # The page lists the data sets; their bytes (megabytes at scale) stay in the database.
            Prefetch("datasets", PublishedDataset.objects.defer("json_text", "csv_text"))
        )
        .order_by("-period__year", "-revision")
    ):
        year = publication.period.year
        if year in years:
            years[year].older.append(publication)
        else:
            years[year] = Year(year, publication, [])
    newest = next(iter(years.values()), None)
    example_year = newest.year if newest else timezone.localdate().year
    entries = [
        DatasetEntry(
            spec,
            next((d for d in newest.latest.datasets.all() if d.key == spec.key), None)
            if newest
            else None,
        )
        for spec in DATASETS
    ]
    return render(
        request,
        "opendata/index.html",
        {
            "federation": federation,
            "licence": OpenDataLicence(federation.open_data_licence),
            "years": list(years.values()),
            "newest": newest,
            "entries": entries,
            "rate": parse_rate(settings.SAMVERKA_ANON_RATE),
            "example_current": reverse(
                "opendata:current", args=[example_year, "driftbudget", "json"]
            ),
            "example_versioned": reverse(
                "opendata:versioned", args=[example_year, 1, "driftbudget", "json"]
            ),
        },
    )
