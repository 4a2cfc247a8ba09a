"""Every audited object has a natural code on its history page that leads back to it."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from samverka.audit.addressing import get_by_history_code, history_code, history_key
from samverka.audit.models import AuditedModel
from samverka.core.seeding import load_skaraborg

pytestmark = pytest.mark.django_db


def _audited_models():
    return [m for m in apps.get_models() if issubclass(m, AuditedModel)] + [get_user_model()]


def test_every_seeded_object_is_found_again_by_its_history_code():
    load_skaraborg()
    checked = 0
    for model in _audited_models():
        for obj in model._base_manager.all()[:50]:
            code = history_code(obj)
            assert code, f"{model._meta.label} {obj}: no history code"
            assert get_by_history_code(model, code) == obj, (model._meta.label, code)
            checked += 1
    assert checked > 300


def test_codes_are_natural_not_bare_pks_where_the_model_has_a_natural_key():
    bare = [m._meta.label for m in _audited_models() if history_key(m) == ("pk",)]
    assert not bare


def test_a_slash_in_a_name_does_not_break_the_address():
    from samverka.core import testing
    from samverka.orgs.models import Affiliation

    federation = testing.make_federation(code="fbd")
    affiliation = Affiliation.objects.create(
        federation=federation, name="Väst/Öst", kind=Affiliation.Kind.ASSOCIATION
    )
    code = history_code(affiliation)
    assert code == "fbd/Väst~2FÖst"
    assert get_by_history_code(Affiliation, code) == affiliation
