"""Load Skaraborgs Kommunalförbund from the readable data files in samverka/seed/skaraborg/.

Each app that owns part of the seed has a `seed.py` with `load(ctx)`; they run in the order of
LOADERS, inside one transaction, as the system actor. Loading is idempotent: `upsert` writes
only what differs, so a second run changes nothing and leaves no audit entries.
"""

import importlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from django.db import models, transaction

from samverka.audit.context import acting_as

M = TypeVar("M", bound=models.Model)

SEED_DIR = Path(__file__).resolve().parent.parent / "seed" / "skaraborg"

# Order matters: later loaders refer to what earlier ones created.
LOADERS = [
    "samverka.orgs.seed",
    "samverka.decisions.seed",
    "samverka.budget.seed",
    "samverka.ledger.seed",
]


@dataclass
class SeedContext:
    seed_dir: Path = SEED_DIR
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def read(self, name: str) -> Any:
        with open(self.seed_dir / name, encoding="utf-8") as f:
            return yaml.safe_load(f)

    def upsert(
        self, model: type[M], lookup: dict[str, Any], values: dict[str, Any] | None = None
    ) -> M:
        """Create the object or bring it to `values`, saving only when something differs."""
        values = values or {}
        obj = model._base_manager.filter(**lookup).first()
        label = model._meta.label  # "orgs.Member": stable whatever the active language
        if obj is None:
            obj = model(**lookup, **values)
            obj.full_clean()
            obj.save()
            self.created[label] += 1
            return obj
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.full_clean()
            obj.save()
            self.updated[label] += 1
        return obj


def load_skaraborg(seed_dir: Path = SEED_DIR) -> SeedContext:
    ctx = SeedContext(seed_dir=seed_dir)
    with transaction.atomic(), acting_as(None, "system: load-skaraborg"):
        for module_name in LOADERS:
            importlib.import_module(module_name).load(ctx)
    return ctx
