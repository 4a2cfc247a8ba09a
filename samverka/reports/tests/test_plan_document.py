"""The plan built from the loaded data has the original's chapters and every printed budget
figure, the goals' indicators with their latest values, and the findings while it is a draft."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from samverka.core.seeding import load_skaraborg
from samverka.decisions.models import Decision
from samverka.goals.models import Indicator, Measurement
from samverka.lib.tabular import rows_of
from samverka.orgs import periods
from samverka.orgs.models import GoverningBody, PlanningPeriod
from samverka.reports.document import Callout, Chart, Heading, TableBlock
from samverka.reports.plan import build
from samverka.reports.testing import (
    normalise,
    plain_text,
    seed_budget_figures,
    seed_budget_tables,
    seed_contents,
    table_texts,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def period() -> PlanningPeriod:
    load_skaraborg()
    return PlanningPeriod.objects.get(year=2026)


def _adopt(period: PlanningPeriod) -> Decision:
    decision = Decision.objects.create(
        federation=period.federation,
        body=GoverningBody.objects.get(code="direktion"),
        number="§ 45",
        date=datetime.date(2025, 11, 21),
        title="Budget och verksamhetsplan 2026",
    )
    # The printed budget has open errors; the board adopted it knowing them.
    periods.adopt(period, decision, errors_acknowledged=True)
    return decision


def _measure(code: str, values: dict[int, str]) -> Indicator:
    indicator = Indicator.objects.get(code=code)
    for year, value in values.items():
        Measurement.objects.create(
            indicator=indicator,
            year=year,
            value=Decimal(value),
            origin=Measurement.Origin.MANUAL,
            source="test",
            fetched_at=timezone.now(),
        )
    return indicator


def _key(title: str) -> str:
    return normalise(title).casefold()


def test_the_figures_are_read_from_every_budget_table_of_the_original():
    tables = seed_budget_tables()
    assert len(tables) == 7  # "Driftbudget, totalt" and the six units
    assert tables["BUDGET FÖRBUNDSKANSLI"][:3] == ["7 806 000", "13 300 000", "-6 254 000"]
    assert "-6 997 000" in tables["BUDGET FÖRBUNDSKANSLI"]
    assert tables["BUDGET OMSTÄLLNING SKARABORG"][-2:] == ["0", "0"]
    assert len(seed_budget_figures()) == 85


def test_every_figure_of_the_printed_budget_tables_is_in_the_built_document(period):
    texts = table_texts(build(period))
    missing = [f for f in seed_budget_figures() if not any(f in text for text in texts)]
    assert missing == []


def test_each_printed_table_finds_its_figures_in_its_own_table_or_its_notes(period):
    document = build(period)
    for title, figures in seed_budget_tables().items():
        table = next(t for t in document.tables() if _key(t.title).startswith(_key(title)))
        cells = {normalise(cell) for row in rows_of(table) for cell in row}
        notes = " ".join(normalise(n) for n in table.notes)
        for figure in figures:
            assert figure in cells or figure in notes, (title, figure)


def test_a_figure_that_differs_from_the_print_is_the_computed_one_with_the_printed_in_a_note(
    period,
):
    document = build(period)
    office = next(t for t in document.tables() if t.title == "Budget Förbundskansli")
    result = next(row for row in rows_of(office) if row[0] == "RESULTAT")
    assert normalise(result[1]) == "-185 000"  # 7 806 000 - 7 991 000
    assert any("185 000" in normalise(n) and "källdokumentet" in n for n in office.notes)


def test_the_document_has_the_chapters_of_the_original_in_order(period):
    document = build(period)
    built = [_key(h.text) for h in document.blocks if isinstance(h, Heading) and h.level <= 2]
    assert built == [_key(title) for title in seed_contents()]
    chapters = [h.text for h in document.blocks if isinstance(h, Heading) and h.level == 1]
    assert chapters == ["Inledning", "Mål", "Budget 2026", "Prioriterade områden 2026"]


def test_the_cover_names_the_plan_the_federation_and_that_it_is_a_draft(period):
    document = build(period)
    assert document.title == "Budget och verksamhetsplan 2026"
    assert document.organisation == period.federation.name
    assert document.draft is True
    assert document.decision == ""
    assert document.key == "budget-och-verksamhetsplan-2026"


def test_the_organisation_is_written_from_the_members_seats_units_and_affiliations(period):
    text = plain_text(build(period))
    assert "de 15 kommunerna i Skaraborg" in text
    assert "Essunga, Falköping, Grästorp" in text and "Töreboda och Vara." in text
    assert "Ordinarie ledamot: 15 platser, en per medlemskommun" in text
    assert "Ersättare: 15 platser" in text
    assert "ingår i VästKom" in text
    assert "delägare i bolagen Gryning Vård AB och Mediapoolen AB" in text
    assert "Förbundet har till ändamål att tillvarata medlemskommunernas intressen" in text


def test_each_goal_lists_its_indicators_with_their_latest_values_and_a_chart(period):
    _measure("befolkning", {2023: "267100", 2024: "268800", 2025: "269500"})
    _measure("nojda", {2025: "81.5"})
    document = build(period)
    table = next(t for t in document.tables() if t.key == "indikatorer-mal-1")
    rows = {row[0]: row for row in rows_of(table)}
    population = rows["Befolkningsutveckling - antal invånare totalt i Skaraborg"]
    assert normalise(population[1]) == "269 500 antal"
    assert population[2] == "2025"
    assert population[4] == "I fas"  # above the baseline year 2024
    assert rows["Livskvalitet - kommunindex livskvalitet"][1] == "inget utfall ännu"
    survey = next(t for t in document.tables() if t.key == "indikatorer-mal-2")
    satisfied = next(r for r in rows_of(survey) if r[0].startswith("Andel som uppger att de är"))
    assert normalise(satisfied[1]) == "81,5 %"
    charts = [b for b in document.blocks if isinstance(b, Chart)]
    assert {c.title for c in charts} == {
        "Befolkningsutveckling - antal invånare totalt i Skaraborg",
        "Andel som uppger att de är sammantaget nöjda med Skaraborgs Kommunalförbunds insatser?",
    }
    population_chart = next(c for c in charts if c.title.startswith("Befolkning"))
    assert population_chart.svg.startswith("<svg")
    assert [c.label for c in population_chart.table.columns[1:]] == ["2023", "2024", "2025"]
    # Every indicator of both goals is listed, also those without values.
    for goal_table in (table, survey):
        assert len(goal_table.rows) == 8


def test_a_draft_carries_the_findings_in_an_appendix_and_a_notice_in_the_budget(period):
    document = build(period)
    assert document.appendices[0] == Heading("Bilaga: Kontrollresultat", 1, "kontrollresultat")
    tables = [b.table for b in document.appendices if isinstance(b, TableBlock)]
    # Five of the budget's own and the balance requirement (samverka/economy).
    assert [t.title for t in tables][0] == "Fel (6)"
    assert {t.title.split(" (")[0] for t in tables} <= {"Fel", "Varningar", "Upplysningar"}
    errors = tables[0]
    assert [c.label for c in errors.columns] == [
        "Vad",
        "Förväntat (kr)",
        "Angivet (kr)",
        "Skillnad (kr)",
    ]
    rows = list(rows_of(errors))[1:]
    assert len(rows) == 6
    office = next(r for r in rows if r[0].startswith("Förbundskansli 2026, Resultat"))
    assert [normalise(c) for c in office[1:]] == ["-185 000", "185 000", "370 000"]
    budget_start = next(
        i for i, b in enumerate(document.blocks) if b == Heading("Budget 2026", 1, "budget")
    )
    notice = document.blocks[budget_start + 1]
    assert isinstance(notice, Callout) and notice.severity == "error"
    assert notice.title == "Budgeten har 6 öppna fel"
    assert "Förbundskansli 2026: Resultat" in notice.text


def test_an_adopted_plan_has_no_appendix_and_names_its_decision(period):
    _adopt(period)
    period.refresh_from_db()
    document = build(period)
    assert document.draft is False
    assert document.appendices == []
    assert document.decision == "Direktionen 2025-11-21 § 45"
    assert document.date == datetime.date(2025, 11, 21)
    assert "Bilaga" not in plain_text(document)


def test_a_draft_says_where_a_chapter_text_is_not_written_and_an_adopted_plan_does_not(period):
    period.plan_texts.filter(section="nulage").delete()
    notice = "Texten till avsnittet ”Nuläge och förutsättningar” är inte skriven ännu."
    assert notice in plain_text(build(period))
    _adopt(period)
    period.refresh_from_db()
    assert notice not in plain_text(build(period))


def test_the_projects_and_applications_are_listed_under_the_project_unit(period):
    text = plain_text(build(period))
    project_unit = text.index("## Budget Projektenhet")
    running = text.index("Tabell: Projekt i drift 2026")
    applications = text.index("Tabell: Ansökningar och idéer")
    assert project_unit < running < applications < text.index("## Budget Regional utveckling")
    assert "| Val för livet | 2023-09-01 | 2026-08-31 |" in text
    assert "Direktionen 2025-12-12 (planerat)" in text
    assert "Kraftsamling Framtidsrusta barn och unga är en ansökan som budgeten räknar med" in text


def test_the_budget_assumptions_are_written_from_the_data(period):
    text = normalise(plain_text(build(period)))
    assert "PO-pålägg: 42,65 % (2025: 41,40 %)" in text
    assert "Fördelningsnyckel för overhead: 16 % av personalkostnader (2025: 19 %)" in text
    assert "Medlemsavgift: 50,55 kr per invånare, indexuppräknad med 2,7 %" in text
    assert "Budgeterade medlemsavgifter: 13 631 000 kr" in text


def test_each_priority_area_has_its_texts_and_its_activities(period):
    document = build(period)
    area = "Hållbar samhällsplanering"
    start = document.blocks.index(Heading(area, 2, "omrade-hallbar-samhallsplanering"))
    following = document.blocks[start : start + 8]
    texts = [b.text for b in following if isinstance(b, Heading)]
    assert texts[:3] == [area, "Varför är detta område viktigt?", "Plan för genomförande 2026"]
    table = next(b.table for b in following if isinstance(b, TableBlock))
    assert len(table.rows) == 3
    assert table.columns[-1].label == "Status"
