import sys
import types

import pytest

from samverka.reports.tests._documents import FakeBuilders


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Built documents land in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.core.files.storage import default_storage

    return default_storage


@pytest.fixture
def builders(monkeypatch) -> FakeBuilders:
    """A small plan and follow-up in place of the real ones (as reports/tests/conftest.py)."""
    fake = FakeBuilders()
    for name, build in (("plan", fake.plan), ("followup", fake.follow_up)):
        module = types.ModuleType(f"samverka.reports.{name}")
        module.build = build
        monkeypatch.setitem(sys.modules, f"samverka.reports.{name}", module)
    return fake
