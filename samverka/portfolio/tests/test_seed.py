import datetime

import pytest

from samverka.audit.models import LogEntry
from samverka.core.seeding import load_skaraborg
from samverka.portfolio.models import Funder, Project
from samverka.portfolio.queries import running_in

pytestmark = pytest.mark.django_db

D = datetime.date

# BVP2026 s. 12, "Under 2026 kommer följande projekt att vara i drift".
PRINTED = {
    "Attraktion till batteri- och fordonsbranschen": (D(2024, 3, 1), D(2027, 3, 1)),
    "Framtidens vård: Attraktion, kvalitet och smarta lösningar": (D(2024, 4, 1), D(2027, 3, 31)),
    "Kompetensnavet": (D(2022, 4, 1), D(2027, 3, 31)),
    "Kompetenstrappa: förskola och fritidshem": (D(2024, 4, 1), D(2026, 3, 31)),
    "Krafttag i Väst – Elsa": (D(2024, 9, 1), D(2026, 12, 31)),
    "Strategi Nätverksstaden Skaraborg: koordinering & finansiering": (
        D(2025, 1, 1),
        D(2026, 12, 31),
    ),
    "Val för livet": (D(2023, 9, 1), D(2026, 8, 31)),
    "Kraftsamling Framtidsrusta barn och unga": (D(2026, 1, 1), D(2028, 12, 31)),
}


def test_the_eight_printed_periods_load_exactly():
    load_skaraborg()
    loaded = {p.name: (p.start, p.end) for p in Project.objects.exclude(start=None)}
    assert loaded == PRINTED


def test_the_projects_running_in_2026_are_the_eight_the_plan_lists():
    load_skaraborg()
    assert [p.name for p in running_in(2026)] == list(PRINTED)


def test_kraftsamling_is_an_application_the_2026_budget_already_counts_on():
    load_skaraborg()
    project = Project.objects.get(code="kraftsamling-framtidsrusta")
    assert project.status == Project.Status.APPLICATION
    assert project.budgeted_before_answer
    assert project.counts_in_budget
    assert [d.code for d in project.decisions.all()] == ["ansokan-kraftsamling-framtidsrusta"]
    assert project.decisions.get().date == D(2025, 10, 10)
    assert [f.name for f in project.funders.all()] == ["VGR"]


def test_the_four_applications_refer_to_the_boards_decisions():
    load_skaraborg()
    applications = Project.objects.filter(status=Project.Status.APPLICATION)
    assert {p.code: [d.code for d in p.decisions.all()] for p in applications} == {
        "kraftsamling-framtidsrusta": ["ansokan-kraftsamling-framtidsrusta"],
        "forstudie-okad-rorlighet": ["ansokan-forstudie-okad-rorlighet"],
        "robust-samhallsbyggande": ["ansokan-robust-samhallsbyggande"],
        "starkt-apl": ["ansokan-starkt-apl"],
    }


def test_it_loads_no_funders_or_amounts_the_plan_does_not_print():
    load_skaraborg()
    assert sorted(Funder.objects.values_list("name", flat=True)) == ["ESF", "Tillväxtverket", "VGR"]
    assert Project.objects.filter(funders__isnull=False).distinct().count() == 1
    assert not Project.objects.exclude(total_budget=None).exists()
    assert not Project.objects.exclude(thematic_unit=None).exists()
    assert set(Project.objects.values_list("owning_unit__code", flat=True)) == {"projektenhet"}


def test_loading_twice_changes_nothing():
    load_skaraborg()
    entries = LogEntry.objects.count()
    ctx = load_skaraborg()
    assert not ctx.created and not ctx.findings
    assert LogEntry.objects.count() == entries
