"""Account → line kind and cost-centre object → unit, as configured for a federation."""

from dataclasses import dataclass, field

from samverka.ledger.models import PREFIX_WIDTH, AccountRange, CostCentreMapping
from samverka.orgs.models import Federation

# Dimension 1 is "Kostnadsställe"/"Resultatenhet" in the SIE standard: it is read as the cost
# centre even before anything is mapped, so that its objects are listed as unmapped.
DEFAULT_COST_CENTRE_DIMENSION = "1"


@dataclass
class Mapping:
    """A federation's mapping, loaded once per import (a handful of queries)."""

    ranges: list[tuple[int, int, str]] = field(default_factory=list)  # (low, high, kind)
    objects: dict[tuple[str, str], int] = field(default_factory=dict)  # (dim, obj) → unit id
    dimensions: tuple[str, ...] = (DEFAULT_COST_CENTRE_DIMENSION,)

    @classmethod
    def for_federation(cls, federation: Federation) -> "Mapping":
        ranges = sorted(
            (
                (r.low, r.high, r.line_kind)
                for r in AccountRange.objects.filter(federation=federation)
            ),
            key=lambda r: (r[1] - r[0], r[0]),  # narrowest first
        )
        objects = {
            (m.dimension, m.object_code): m.unit_id
            for m in CostCentreMapping.objects.filter(federation=federation)
        }
        dimensions = sorted(
            {d for d, _o in objects} | {DEFAULT_COST_CENTRE_DIMENSION}, key=_dim_key
        )
        return cls(ranges=ranges, objects=objects, dimensions=tuple(dimensions))

    def line_kind(self, account: str) -> str | None:
        """The narrowest range containing the account, or None (unmapped)."""
        digits = account[:PREFIX_WIDTH]
        if not digits.isdigit():
            return None
        number = int(digits.ljust(PREFIX_WIDTH, "0"))
        for low, high, kind in self.ranges:
            if low <= number <= high:
                return kind
        return None

    def cost_centre(self, objects: tuple[tuple[str, str], ...]) -> tuple[int | None, str, str]:
        """(unit id or None, dimension, object) for a row's object list.

        The first cost-centre dimension (in number order) with a mapped object decides; when
        none is mapped, the row's first cost-centre object is named as the unmapped one, and
        ("", "") means the row carries no cost centre at all.
        """
        present = dict(objects)  # one object per dimension on a row
        first_unmapped: tuple[str, str] | None = None
        for dim in self.dimensions:
            obj = present.get(dim)
            if obj is None:
                continue
            unit = self.objects.get((dim, obj))
            if unit is not None:
                return unit, dim, obj
            if first_unmapped is None:
                first_unmapped = (dim, obj)
        if first_unmapped:
            return None, *first_unmapped
        return None, "", ""


def _dim_key(dim: str) -> tuple[int, str]:
    return (int(dim), dim) if dim.isdigit() else (10**9, dim)
