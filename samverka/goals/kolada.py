"""A client for Kolada's API v3 (https://api.kolada.se/v3/): KPI metadata and values.

Responses are {"count": n, "values": [...], "next_url": url-or-null, "previous_url": ...};
v2 named the link `next_page`, and both are followed. A data row is
{"kpi", "municipality", "period", "values": [{"gender", "value", "count", "status", "isdeleted"}]}.
Lists of ids are at most 25 long per request, as Kolada advises.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from samverka.goals.http import JsonClient, ServiceError

BASE_URL = "https://api.kolada.se/v3/"
MAX_IDS = 25
PER_PAGE = 5000


@dataclass(frozen=True)
class KoladaValue:
    kpi: str
    municipality: str
    year: int
    value: Decimal


def chunks(items: list[str], size: int = MAX_IDS) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class KoladaClient(JsonClient):
    service = "Kolada"

    def __init__(self, base_url: str = BASE_URL, **kwargs) -> None:
        super().__init__(base_url, **kwargs)

    def pages(self, path: str, params: dict | None = None) -> Iterator[dict]:
        """Every page of a listing, following `next_url` (v3) or `next_page` (v2)."""
        url: str | None = path
        seen: set[str] = set()
        while url:
            page = self.request_json("GET", url, params=params)
            if not isinstance(page, dict) or "values" not in page:
                raise ServiceError(f"Kolada svarade utan 'values' på {url}.")
            yield page
            params = None  # the next link carries its own query
            url = page.get("next_url") or page.get("next_page")
            if url in seen:
                raise ServiceError(f"Kolada pekar tillbaka på en redan hämtad sida: {url}")
            if url:
                seen.add(url)

    def kpis(self, ids: Iterable[str]) -> dict[str, dict]:
        """KPI metadata by id; ids Kolada does not know are simply absent."""
        found: dict[str, dict] = {}
        for part in chunks(sorted(set(ids))):
            for page in self.pages(f"kpi/{','.join(part)}"):
                for item in page["values"]:
                    found[item["id"]] = item
        return found

    def values(
        self, kpi_ids: Iterable[str], municipality_ids: Iterable[str], years: Iterable[int]
    ) -> list[KoladaValue]:
        """Total (gender "T") values; null values and deleted rows are left out."""
        result = []
        munis = sorted(set(municipality_ids))
        year_list = ",".join(str(y) for y in sorted(set(years)))
        for kpi_part in chunks(sorted(set(kpi_ids))):
            for muni_part in chunks(munis):
                path = f"data/kpi/{','.join(kpi_part)}/municipality/{','.join(muni_part)}"
                if year_list:
                    path += f"/year/{year_list}"
                for page in self.pages(path, {"per_page": PER_PAGE}):
                    result.extend(_rows(page["values"]))
        return result


def _rows(rows: list[dict]) -> Iterator[KoladaValue]:
    for row in rows:
        for item in row.get("values", []):
            if item.get("gender", "T") != "T" or item.get("value") is None:
                continue
            if item.get("isdeleted"):
                continue
            yield KoladaValue(
                kpi=row["kpi"],
                municipality=str(row["municipality"]),
                year=int(row["period"]),
                value=Decimal(str(item["value"])),
            )
