import sys
import types

import pytest

from samverka.reports.tests._documents import FakeBuilders


@pytest.fixture
def builders(monkeypatch) -> FakeBuilders:
    """The plan and follow-up builders replaced by FakeBuilders (imported by module name, as
    reports.builders looks them up)."""
    fake = FakeBuilders()
    for name, build in (("plan", fake.plan), ("followup", fake.follow_up)):
        module = types.ModuleType(f"samverka.reports.{name}")
        module.build = build
        monkeypatch.setitem(sys.modules, f"samverka.reports.{name}", module)
    return fake
