"""Downloads of what a table page shows: CSV and Excel (XLSX) of its `lib.tabular.Table`s.

Every table page offers them on its own address, with `?format=xlsx` or `?format=csv` added to
the query string it already has. So the file holds exactly what the page shows (the page's
filters travel with the link), and the page's own view answers it, after the page's own access
check: a download can never be reached by someone who cannot see the page.

**Several tables on one page** (the budget year: the total, every unit, the consolidation):

- XLSX holds them all, one sheet per table, in the page's order. This is the link a controller
  uses: one file that reads like the page.
- CSV holds one table: a CSV is one sheet when Swedish Excel opens it, and tables with
  different columns written one after another would break sorting, filters and pivot tables.
  `?format=csv&tabell=<table key>` picks the table; without `tabell` the first one is given.
  The links name each table, so the user picks by its title.

CSV for Excel: UTF-8 with BOM (so that å, ä, ö survive), semicolons, decimal comma, Swedish
headers (`lib.tabular.to_csv(table, for_excel=True)`). XLSX: numbers are number cells with a
Swedish number format, dates are dates, sum rows bold (`lib.tabular.to_xlsx`).

Usage in a view (access check first, as always; build the tables only for a download):

    from samverka.reports import exports

    def project_list(request):
        require(capabilities(request).can_view)
        projects = queries.filtered(...)
        if exports.requested(request):
            return exports.export_response(request, [tables.projects(projects)], "projekt")
        return render(request, "portfolio/index.html", {
            ...,
            "downloads": exports.links(request, _("projekten")),
        })

and in the template, in the page header beside the h1:

    <div class="page-header">
      <h1>…</h1>
      {% include "reports/_export_links.html" %}
    </div>

The include reads `downloads` from the context. Its link texts name what is downloaded for a
screen reader ("Ladda ner projekten som Excel (XLSX)"); the eye sees "Ladda ner: Excel (XLSX) ·
CSV". For a page with several tables, pass them so that the CSV links can name each one:
`exports.links(request, _("budgeten 2026"), tables)`.

Pass `downloads=None` (or leave it out) where there is nothing to download; the include then
renders nothing. A list that htmx swaps (the decision register) renders the include again out of
band, so that the links keep following the filter (`decisions/_register_results.html`).

`export_response` also takes a format string instead of the request ("xlsx" or "csv") for code
that is not a page (the generated documents' appendices).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverka.lib.tabular import Table, to_csv, to_xlsx

FORMAT_PARAMETER = "format"
TABLE_PARAMETER = "tabell"
# Parameters of the page that do not belong in a download's address: which page of a long list.
PAGE_ONLY_PARAMETERS = ("sida",)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = ("xlsx", "csv")


def requested(request: HttpRequest) -> bool:
    """Whether the request asks for a download instead of the page (any `?format=`)."""
    return bool(request.GET.get(FORMAT_PARAMETER, "").strip())


def _refuse(message: str) -> HttpResponse:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def _filename(stem: str, extension: str) -> str:
    return f"{slugify(stem) or 'tabell'}.{extension}"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def export_response(
    request_or_format: HttpRequest | str, tables: Sequence[Table], stem: str
) -> HttpResponse:
    """The tables as an XLSX (one sheet each) or a CSV (one table), as an attachment named
    `<stem>.xlsx` / `<stem>.csv` ("budget-2026.xlsx"). A CSV of one table out of several is
    named after that table's key. Unknown formats or tables get a 400 that says what to choose.
    """
    if isinstance(request_or_format, str):
        fmt, table_key = request_or_format, ""
    else:
        fmt = request_or_format.GET.get(FORMAT_PARAMETER, "").strip().lower()
        table_key = request_or_format.GET.get(TABLE_PARAMETER, "").strip()
    if fmt not in FORMATS:
        return _refuse(
            _("Okänt format ”%(format)s” för nedladdningen. Välj csv eller xlsx.") % {"format": fmt}
        )
    if not tables:
        return _refuse(_("Sidan har ingen tabell att ladda ner."))
    if fmt == "xlsx":
        return _attachment(to_xlsx(tables), XLSX_TYPE, _filename(stem, "xlsx"))
    table = tables[0]
    if table_key:
        chosen = [t for t in tables if t.key == table_key]
        if not chosen:
            return _refuse(
                _("Tabellen ”%(key)s” finns inte på sidan. Välj en av: %(keys)s.")
                % {"key": table_key, "keys": ", ".join(t.key for t in tables)}
            )
        table = chosen[0]
    name = stem if len(tables) == 1 else table.key
    return _attachment(to_csv(table, for_excel=True), CSV_TYPE, _filename(name, "csv"))


@dataclass(frozen=True, slots=True)
class Download:
    url: str
    label: str  # what the eye reads: "Excel (XLSX)", "CSV", or a table's title
    prefix: str  # read before it by a screen reader only: "Ladda ner budgeten 2026 som"

    @property
    def name(self) -> str:
        """The whole link text a screen reader reads; it contains the visible label."""
        return f"{self.prefix} {self.label}"


@dataclass(frozen=True, slots=True)
class Downloads:
    """The download links of one page, for `reports/_export_links.html`."""

    what: str  # what is downloaded, in a sentence: "budgeten 2026"
    xlsx: Download
    csv: tuple[Download, ...]  # one, or one per table when the page has several

    @property
    def csv_per_table(self) -> bool:
        return len(self.csv) > 1


def _url(request: HttpRequest, fmt: str, table_key: str = "") -> str:
    params = request.GET.copy()
    for name in (FORMAT_PARAMETER, TABLE_PARAMETER, *PAGE_ONLY_PARAMETERS):
        params.pop(name, None)
    params[FORMAT_PARAMETER] = fmt
    if table_key:
        params[TABLE_PARAMETER] = table_key
    return f"{request.path}?{params.urlencode()}"


def links(request: HttpRequest, what: str, tables: Sequence[Table] = ()) -> Downloads:
    """The page's download links, keeping its filters. `what` names the content for the link
    texts ("projekten", "budgeten 2026"); `tables` only when the page has several (one CSV
    link per table, named by its title)."""
    prefix = _("Ladda ner %(what)s som") % {"what": what}
    xlsx = Download(_url(request, "xlsx"), _("Excel (XLSX)"), prefix)
    if len(tables) > 1:
        csv = tuple(
            Download(_url(request, "csv", table.key), table.title, _("Ladda ner som CSV:"))
            for table in tables
        )
    else:
        csv = (Download(_url(request, "csv"), "CSV", prefix),)
    return Downloads(what, xlsx, csv)
