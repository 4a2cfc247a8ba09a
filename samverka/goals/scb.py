"""A client for SCB's statistical database (PxWeb API), answering in JSON-stat 2.0.

v2: GET {V2_URL}/tables/{id}/data?valueCodes[Dim]=a,b&outputFormat=json-stat2
v1: POST {V1_URL}/{path} with {"query": [...], "response": {"format": "json-stat2"}}
A JSON-stat 2.0 dataset has `id` (dimension order), `size`, `dimension[d].category.index`
and a flat `value` list in row-major order (the last dimension varies fastest).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from samverka.goals.http import JsonClient, ServiceError

V2_URL = "https://statistikdatabasen.scb.se/api/v2/"
V1_URL = "https://api.scb.se/OV0104/v1/doris/sv/ssd/"
POPULATION_TABLE = "TAB638"
POPULATION_CONTENTS = "BE0101N1"


@dataclass(frozen=True)
class ScbValue:
    region: str
    year: int
    value: Decimal


def parse_json_stat2(data: dict, region_dim: str = "Region", time_dim: str = "Tid") -> list:
    """Values per region and year; every other dimension must hold a single category."""
    if not isinstance(data, dict) or data.get("class") != "dataset":
        raise ServiceError("SCB svarade inte med ett JSON-stat 2.0-dataset.")
    ids: list[str] = data["id"]
    sizes: list[int] = data["size"]
    for name in (region_dim, time_dim):
        if name not in ids:
            raise ServiceError(f"SCB:s svar saknar dimensionen {name}.")
    for name, size in zip(ids, sizes, strict=True):
        if name not in (region_dim, time_dim) and size != 1:
            raise ServiceError(
                f"SCB:s svar har {size} värden för {name}; välj ett enda (t.ex. totalen)."
            )
    positions = {}
    for name in ids:
        index = data["dimension"][name]["category"]["index"]
        if isinstance(index, list):
            index = {code: i for i, code in enumerate(index)}
        positions[name] = {i: code for code, i in index.items()}
    values = data["value"]
    if isinstance(values, dict):  # sparse form: {"position": value}
        values = [values.get(str(i)) for i in range(_product(sizes))]
    result = []
    for flat, raw in enumerate(values):
        if raw is None:
            continue
        coords = {}
        rest = flat
        for name, size in reversed(list(zip(ids, sizes, strict=True))):
            coords[name] = positions[name][rest % size]
            rest //= size
        result.append(ScbValue(coords[region_dim], int(coords[time_dim][:4]), Decimal(str(raw))))
    return result


def region_names(data: dict, region_dim: str = "Region") -> dict[str, str]:
    """Each region's label without the code SCB may put before it ("1490 Borås" → "Borås")."""
    try:
        labels = data["dimension"][region_dim]["category"].get("label") or {}
    except (KeyError, TypeError, AttributeError):
        return {}
    names = {}
    for code, label in labels.items():
        name = str(label).strip()
        if name.startswith(code):
            name = name[len(code) :].strip()
        if name:
            names[code] = name
    return names


def _product(sizes: list[int]) -> int:
    total = 1
    for size in sizes:
        total *= size
    return total


class ScbClient(JsonClient):
    service = "SCB"

    def __init__(self, v2_url: str = V2_URL, v1_url: str = V1_URL, **kwargs) -> None:
        super().__init__(v2_url, **kwargs)
        self.v1_url = v1_url

    def population(self, regions: Iterable[str], years: Iterable[int]) -> list[ScbValue]:
        """Inhabitants on 31 December per municipality and year (BE0101N1)."""
        params = {
            "valueCodes[Region]": ",".join(sorted(set(regions))),
            "valueCodes[ContentsCode]": POPULATION_CONTENTS,
            "valueCodes[Tid]": ",".join(str(y) for y in sorted(set(years))),
            "outputFormat": "json-stat2",
        }
        data = self.request_json("GET", f"tables/{POPULATION_TABLE}/data", params=params)
        return parse_json_stat2(data)

    def population_and_names(
        self, regions: Iterable[str], years: Iterable[int]
    ) -> tuple[list[ScbValue], dict[str, str]]:
        """As `population`, with each region's name as SCB labels it (a new federation's
        members are named from here)."""
        params = {
            "valueCodes[Region]": ",".join(sorted(set(regions))),
            "valueCodes[ContentsCode]": POPULATION_CONTENTS,
            "valueCodes[Tid]": ",".join(str(y) for y in sorted(set(years))),
            "outputFormat": "json-stat2",
        }
        data = self.request_json("GET", f"tables/{POPULATION_TABLE}/data", params=params)
        return parse_json_stat2(data), region_names(data)

    def table_v1(
        self,
        path: str,
        contents_code: str,
        regions: Iterable[str],
        years: Iterable[int],
        selection: dict[str, list[str]] | None = None,
    ) -> list[ScbValue]:
        query = [
            _item("Region", sorted(set(regions))),
            _item("ContentsCode", [contents_code]),
            _item("Tid", [str(y) for y in sorted(set(years))]),
        ]
        query += [_item(code, list(values)) for code, values in (selection or {}).items()]
        body = {"query": query, "response": {"format": "json-stat2"}}
        data = self.request_json("POST", self.v1_url + path.strip("/"), json=body)
        return parse_json_stat2(data)

    def table_v2(
        self,
        table: str,
        contents_code: str,
        regions: Iterable[str],
        years: Iterable[int],
        selection: dict[str, list[str]] | None = None,
    ) -> list[ScbValue]:
        params = {
            "valueCodes[Region]": ",".join(sorted(set(regions))),
            "valueCodes[ContentsCode]": contents_code,
            "valueCodes[Tid]": ",".join(str(y) for y in sorted(set(years))),
            "outputFormat": "json-stat2",
        }
        for code, values in (selection or {}).items():
            params[f"valueCodes[{code}]"] = ",".join(values)
        return parse_json_stat2(self.request_json("GET", f"tables/{table}/data", params=params))


def _item(code: str, values: list[str]) -> dict:
    return {"code": code, "selection": {"filter": "item", "values": values}}
