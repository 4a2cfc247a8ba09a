"""Load Skaraborgs Kommunalförbund from the readable data files in samverka/seed/skaraborg/.

Each app that owns part of the seed has a `seed.py` with `load(ctx)`; they run in the order of
LOADERS, inside one transaction, as the system actor.

The loader never overwrites. It creates what is missing; an object that exists already is left
exactly as it is, because anything in the database may be a user's edit (a unit renamed in the
UI, a line changed through a revision) or part of an adopted period. Where an existing object
differs from the source, the loader reports a finding: what differs and where, with the
source's value as `expected` and the database's as `stated`. A second run on an untouched
database therefore creates nothing, reports nothing and writes no audit entries.
"""

import datetime
import importlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.db import models, transaction
from django.utils.translation import gettext as _

from samverka.audit.context import acting_as
from samverka.lib.findings import Finding, Severity
from samverka.lib.money import format_number
from samverka.orgs.models import PeriodLockedError

M = TypeVar("M", bound=models.Model)

SEED_DIR = Path(__file__).resolve().parent.parent / "seed" / "skaraborg"

# Order matters: later loaders refer to what earlier ones created.
LOADERS = [
    "samverka.orgs.seed",
    "samverka.decisions.seed",
    "samverka.budget.seed",
    "samverka.goals.seed",
    "samverka.plan.seed",
    "samverka.portfolio.seed",
    "samverka.ledger.seed",
    "samverka.reports.seed",
    "samverka.opendata.seed",
]


class SeedError(Exception):
    """The seed cannot be loaded into this database at all (nothing is written)."""


def display(value: Any) -> Decimal | str:
    """A value as a finding shows it: amounts stay Decimal, everything else becomes text."""
    if isinstance(value, Decimal):
        return value
    if value is None or value == "":
        return _("(tomt)")
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def as_text(value: Decimal | str) -> str:
    """A displayed value in a sentence: amounts in Swedish format ("7 806 000", "42,65")."""
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
        return format_number(value, decimals)
    return value


@dataclass
class SeedContext:
    seed_dir: Path = SEED_DIR
    created: Counter = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    current_file: str = ""
    _created_now: set[tuple[str, Any]] = field(default_factory=set)

    def read(self, name: str) -> Any:
        self.current_file = name
        with open(self.seed_dir / name, encoding="utf-8") as f:
            return yaml.safe_load(f)

    def ensure(
        self,
        model: type[M],
        lookup: dict[str, Any],
        values: dict[str, Any] | None = None,
        *,
        initial: dict[str, Any] | None = None,
    ) -> M | None:
        """Create the object if it is missing; otherwise report how it differs from `values`.

        `initial` holds values used on creation only and never compared (a period's status,
        which moves through adoption afterwards). Returns None only when the object is missing
        and may not be created because its period is adopted; that is reported too.
        """
        values = values or {}
        label = model._meta.label  # "orgs.Member": stable whatever the active language
        obj = model._base_manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values, **(initial or {}))
            obj.full_clean()
            try:
                obj.save()
            except PeriodLockedError as exc:
                self._report_missing(model, lookup, exc)
                return None
            self.created[label] += 1
            self._created_now.add((label, obj.pk))
            return obj
        for name, value in values.items():
            stored = getattr(obj, name)
            if stored != value:
                self._report_difference(obj, lookup, name, expected=value, stated=stored)
        return obj

    def was_created(self, obj: models.Model) -> bool:
        """Whether this run created `obj` (so that its relations may be set too)."""
        return (obj._meta.label, obj.pk) in self._created_now

    def ensure_related(self, obj: models.Model, name: str, wanted: Iterable[models.Model]) -> None:
        """Set a many-to-many relation on an object this run created; else compare and report."""
        wanted = list(wanted)
        manager = getattr(obj, name)
        if self.was_created(obj):
            manager.set(wanted)
            return
        stored = list(manager.all())
        if {o.pk for o in stored} != {o.pk for o in wanted}:
            self._report_difference(
                obj,
                {"pk": obj.pk},
                name,
                expected=", ".join(sorted(str(o) for o in wanted)),
                stated=", ".join(sorted(str(o) for o in stored)),
            )

    def _where(self, model: type[models.Model], lookup: dict[str, Any]) -> dict[str, str]:
        where = {_("fil"): self.current_file} if self.current_file else {}
        where[_("objekt")] = str(model._meta.verbose_name)
        for name, value in lookup.items():
            if name == "pk":
                continue
            verbose = model._meta.get_field(name).verbose_name
            where[str(verbose)] = str(display(value))
        return where

    def _report_difference(
        self, obj: models.Model, lookup: dict[str, Any], name: str, *, expected, stated
    ) -> None:
        model = type(obj)
        verbose = model._meta.get_field(name).verbose_name
        where = self._where(model, lookup) | {_("fält"): str(verbose)}
        expected, stated = display(expected), display(stated)
        self.findings.append(
            Finding(
                code="seed.differs",
                severity=Severity.WARNING,
                message=_(
                    "%(object)s «%(name)s»: %(field)s skiljer sig från källan (%(file)s). "
                    "Källan anger «%(expected)s», databasen har «%(stated)s». "
                    "Databasens värde behålls."
                )
                % {
                    "object": str(model._meta.verbose_name).capitalize(),
                    "name": obj,
                    "field": verbose,
                    "file": self.current_file,
                    "expected": as_text(expected),
                    "stated": as_text(stated),
                },
                where=where,
                expected=expected,
                stated=stated,
            )
        )

    def _report_missing(
        self, model: type[models.Model], lookup: dict[str, Any], exc: PeriodLockedError
    ) -> None:
        where = self._where(model, lookup)
        key = ", ".join(f"{k} {v}" for k, v in where.items() if k not in (_("fil"), _("objekt")))
        self.findings.append(
            Finding(
                code="seed.missing_in_locked_period",
                severity=Severity.WARNING,
                message=_(
                    "%(object)s (%(key)s) finns i källan (%(file)s) men inte i databasen, och "
                    "skapas inte: %(reason)s"
                )
                % {
                    "object": str(model._meta.verbose_name).capitalize(),
                    "key": key,
                    "file": self.current_file,
                    "reason": exc.message,
                },
                where=where,
                expected=_("finns"),
                stated=_("saknas"),
            )
        )


def load_skaraborg(seed_dir: Path = SEED_DIR) -> SeedContext:
    return _load(seed_dir)


def load_from_sources(seed_dir: Path = SEED_DIR) -> SeedContext:
    """Run every loader of LOADERS against the data files in `seed_dir`."""
    ctx = SeedContext(seed_dir=seed_dir)
    with transaction.atomic(), acting_as(None, "system: load-skaraborg"):
        for module_name in LOADERS:
            importlib.import_module(module_name).load(ctx)
    return ctx


# The tests replace this with a recording that replays the rows of a load into an empty database
# (core/seed_replay.py): the seed is loaded some four hundred times in a run of the suite.
_load = load_from_sources
