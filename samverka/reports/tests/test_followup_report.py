"""The board's follow-up report per 2026-08-31 on the Skaraborg seed, with the real SIE sample
moved to 2026 as its actuals (booked January–March), a closed and an open follow-up round, the
programme's adopted activity plan and an in-depth review in February."""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import transaction

from samverka.core.seeding import load_skaraborg
from samverka.ledger import followup as ledger_followup
from samverka.ledger import testing as ledger_testing
from samverka.ledger.sie import read
from samverka.lib.paths import SIE_SAMPLES_DIR
from samverka.lib.tabular import Table
from samverka.reports.document import Callout, Facts, Heading, TableBlock
from samverka.reports.followup import build
from samverka.reports.tests._followup_world import REPORT_DATE, follow_up_world
from samverka.reports.tests._plain import text_of

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not SIE_SAMPLES_DIR.is_dir(), reason="shared/sie-samples is not beside the clone"
    ),
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seed and its year, made once for the module and rolled back after it: each test
    runs in a savepoint inside this transaction, so none sees another's changes."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_skaraborg()
        yield follow_up_world(tmp_path_factory.mktemp("sie"))
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def report(world):
    return build(world.period, REPORT_DATE)


def _table(document, title_start: str) -> Table:
    """The one table whose key is `title_start` or whose title starts with it."""
    matches = [t for t in document.tables() if t.key == title_start]
    matches = matches or [t for t in document.tables() if t.title.startswith(title_start)]
    assert len(matches) == 1, [t.title for t in document.tables()]
    return matches[0]


def _row(table: Table, label: str) -> dict:
    for record in table.records():
        if record[table.columns[0].key] == label:
            return record
    raise AssertionError(f"{label} not in {table.title}")


def _section(document, heading: str, level: int = 1) -> list:
    """The blocks under a heading, up to the next heading of the same or a higher level."""
    blocks = document.blocks
    start = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.startswith(heading)
    )
    end = next(
        (
            i
            for i in range(start + 1, len(blocks))
            if isinstance(blocks[i], Heading) and blocks[i].level <= level
        ),
        len(blocks),
    )
    return blocks[start:end]


def _facts(blocks) -> dict[str, str]:
    return {k: v for b in blocks if isinstance(b, Facts) for k, v in b.pairs}


def test_the_report_per_the_end_of_august_is_the_interim_report_january_to_august(report):
    assert report.title == "Delårsrapport januari–augusti 2026"
    assert report.key == "delarsrapport-2026-08-31"
    assert report.organisation == "Skaraborgs Kommunalförbund"
    assert report.draft and report.date == REPORT_DATE
    chapters = [h.text for h in report.headings(1)]
    assert chapters == [
        "Sammanfattning",
        "Ekonomi",
        "Finansiella mål",
        "Mål och indikatorer",
        "Prioriterade områden och aktiviteter",
        "Projektportföljen",
        "Fördjupad uppföljning: Omställning Skaraborg",
    ]


def test_the_units_and_the_federation_have_the_ledgers_figures_through_march(world, report):
    period = world.period
    table = _table(report, "Resultat per enhet 2026, ackumulerat till och med mars")
    summaries = ledger_followup.period_follow_up(period, 3)
    assert len(table.rows) == len(summaries) + 1  # and the federation's total
    for summary in summaries:
        label = summary.unit.name if summary.unit else summary.result.label
        row = _row(table, label)
        assert row["budget_helar"] == summary.result.year_budget
        assert row["budget_ack"] == summary.result.ytd_budget
        assert row["utfall_ack"] == summary.result.ytd_actual.quantize(Decimal("0.01"))
        assert row["prognos_helar"] == summary.result.forecast.quantize(Decimal("0.01"))
    total = _row(table, "Förbundet totalt")
    assert total["budget_helar"] == sum(s.result.year_budget for s in summaries)
    assert total["prognos_helar"] == sum(s.result.forecast for s in summaries).quantize(
        Decimal("0.01")
    )
    # By hand: the office 7 806 000 + 5 774 000 OH income − 6 768 000 − 6 997 000; the other
    # units balance; three months of it is a quarter.
    assert total["budget_helar"] == Decimal("-185000")
    assert total["budget_ack"] == Decimal("-46250")
    # A unit with nothing booked: its forecast is the budget of April–December only.
    kunskap = _row(_table(report, "Kunskapsutveckling: budget"), "Intäkter")
    assert kunskap["utfall_ack"] == 0
    assert kunskap["prognos_helar"] == Decimal("10204000") * 9 / 12 == Decimal("7653000")


def _file_sums_for(path, object_code: str) -> dict[str, Decimal]:
    """Independent of the importer: the imported file's result accounts on one cost centre,
    January–March, by BAS range, in the budget's sign (revenue +, costs −)."""
    sie = read(path)
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for (_y, account, month, objects), amount in sie.trans_sums.items():
        if ("1", object_code) not in objects or account[:1] in "12" or month > 202603:
            continue
        kind = next(k for lo, hi, k in ledger_testing.BAS_RANGES if lo <= account[:2] <= hi)
        sums[kind] -= amount
    return sums


def test_the_programme_units_forecast_is_its_actuals_plus_the_rest_of_the_budget(world, report):
    booked = _file_sums_for(world.sie_file, "Syd")
    table = _table(report, "uppfoljning-2026-omstallning-skaraborg")
    other = _row(table, "Övriga kostnader")
    assert other["budget_helar"] == Decimal("-382000")
    assert other["budget_ack"] == Decimal("-95500")  # 382 000 × 3 / 12
    assert other["utfall_ack"] == booked["other_costs"]
    assert other["prognos_helar"] == booked["other_costs"] + Decimal("-286500")  # 9 / 12
    # The personnel forecast is the one set by hand, and the table says so.
    personnel = _row(table, "Personal (manuell prognos)")
    assert personnel["utfall_ack"] == booked["personnel"]
    assert personnel["prognos_helar"] == Decimal("-2100000")
    assert personnel["prognos_mot_budget"] == Decimal("-119000")
    revenue = _row(table, "Intäkter")
    assert revenue["utfall_ack"] == booked["other_revenue"]
    assert revenue["prognos_helar"] == booked["other_revenue"] + Decimal("2010000")
    economy = text_of(report)
    amount = "\u22122\u00a0100\u00a0000\u00a0kr"  # a real minus sign in the text, as in tables
    assert f"Omställning Skaraborg, personal: {amount} (Ny projektledare från maj)" in economy
    assert "Rekryteringen gjordes tidigare än planerat." in economy


def test_the_report_says_the_file_is_booked_only_through_march(report):
    summary = _section(report, "Sammanfattning")
    facts = _facts(summary)
    assert facts["Utfall till och med"] == "mars 2026"
    warnings = [b.text for b in summary if isinstance(b, Callout)]
    assert any("april–augusti 2026 ingår inte" in text for text in warnings)


def test_the_result_target_is_judged_on_the_forecast_and_the_balance_sheet_on_the_budget(
    report,
):
    table = _table(report, "Finansiella mål 2026")
    result = table.records()[0]
    total = _row(_table(report, "Resultat per enhet"), "Förbundet totalt")
    assert result["bedomt_pa"] == "prognosen"
    assert result["malvarde"] == "136\u00a0310\u00a0kr"  # 1 % of 13 631 000
    expected_met = "Ja" if total["prognos_helar"] >= 136310 else "Nej"
    assert result["uppfyllt"] == expected_met
    assert [r["bedomt_pa"] for r in table.records()[1:]] == ["budgetens balansräkning"] * 2


def test_an_activity_at_risk_in_the_closed_round_shows_so_and_the_open_rounds_answer_does_not(
    world, report
):
    world.at_risk.refresh_from_db()
    assert world.at_risk.status == "done"  # the open round's answer has set it
    activities = _section(report, "Prioriterade områden och aktiviteter")
    tables = [b.table for b in activities if isinstance(b, TableBlock)]
    rows = {
        r["aktivitet"]: r for t in tables if t.columns[0].key == "aktivitet" for r in t.records()
    }
    assert rows[world.at_risk.title]["bedomning"] == "risk för avvikelse"
    assert rows[world.at_risk.title]["status"] == "pågår"
    assert rows[world.at_risk.title]["kommentar"] == "Det nationella systemet är försenat."
    assert rows[world.off_track.title]["bedomning"] == "avviker från plan"
    assert rows[world.unreported.title]["bedomning"] == "ingen rapport"
    assert "Klart." not in text_of(report)
    overview = _row(_table(report, "Aktiviteternas bedömning"), "Summa")
    assert (overview["risk"], overview["avviker"], overview["enligt_plan"]) == (1, 1, 1)
    summary = _facts(_section(report, "Sammanfattning"))
    assert summary["Aktiviteter (Uppföljning augusti 2026)"].startswith(
        "1 enligt plan, 1 med risk för avvikelse, 1 avviker från plan"
    )


def test_a_round_due_after_the_report_date_is_not_used(world):
    document = build(world.period, datetime.date(2026, 8, 20))
    text = text_of(document)
    assert "Ingen uppföljningsomgång med sista rapportdag senast 2026-08-20 är stängd" in text
    assert "risk för avvikelse" not in text


def test_projects_ending_within_six_months_and_past_their_end_are_listed(report):
    ending = _table(report, "Projekt som slutar inom sex månader")
    assert [r["projekt"] for r in ending.records()] == [
        "Val för livet",
        "Krafttag i Väst – Elsa",
        "Strategi Nätverksstaden Skaraborg: koordinering & finansiering",
    ]
    assert _row(ending, "Krafttag i Väst – Elsa")["personal"] == Decimal("800000")
    past = _table(report, "Projekt som passerat sitt slutdatum")
    assert [r["projekt"] for r in past.records()] == ["Kompetenstrappa: förskola och fritidshem"]
    running = _table(report, "Projekt i budgeten 2026")
    elsa = _row(running, "Krafttag i Väst – Elsa")
    assert (elsa["budget"], elsa["finansiering"]) == (Decimal("1200000"), Decimal("400000"))


def test_the_programme_review_lists_every_focus_area_with_the_adopted_plan(world, report):
    section = _section(report, "Fördjupad uppföljning: Omställning Skaraborg")
    focus = _table(report, "Aktivitetsplanen per insatsområde")
    names = [r["insatsomrade"] for r in focus.records()][:-1]
    assert names == [a.name for a in world.programme.focus_areas.all()]
    assert names == [
        "Samhällsplanering",
        "Etablering",
        "Kompetens",
        "Platsutveckling",
        "Social hållbarhet",
        "Strategisk samverkan",
        "Finansiering",
    ]
    # By the plan's dates on 2026-08-31: the analysis ended in June, the support runs, the
    # competence work starts in September, the policy has no dates.
    assert _row(focus, "Samhällsplanering")["avslutade"] == 1
    assert _row(focus, "Etablering")["pagar"] == 1
    assert _row(focus, "Kompetens")["ej_startade"] == 1
    assert _row(focus, "Finansiering")["utan_datum"] == 1
    assert _row(focus, "Platsutveckling")["aktiviteter"] == 0
    facts = _facts(section)
    assert facts["Tids- och aktivitetsplan 2026"] == (
        "Version 1, fastställd av Direktionen 2026-02-13 § 7."
    )
    assert facts["Registrerad finansiering 2026"] == "2\u00a0680\u00a0000\u00a0kr"


def test_the_last_in_depth_review_is_named_and_a_missed_half_year_is_flagged(world, report):
    facts = _facts(_section(report, "Fördjupad uppföljning"))
    assert facts["Senaste fördjupning"] == "Direktionen 2026-02-13"
    assert facts["Nästa fördjupning senast"] == "2026-08-13 (försenad)"
    # Two weeks earlier the half year had not passed.
    earlier = _facts(_section(build(world.period, datetime.date(2026, 7, 31)), "Fördjupad"))
    assert earlier["Nästa fördjupning senast"] == "2026-08-13"


def test_each_goals_indicators_have_their_latest_value_up_to_the_year_and_a_status(report):
    goal_1 = _table(report, "Mål 1: indikatorer")
    population = next(r for r in goal_1.records() if r["indikator"].startswith("Befolkning"))
    assert (population["ar"], population["varde"], population["status"]) == (
        2025,
        Decimal("268800"),
        "I fas",
    )
    goal_2 = _table(report, "Mål 2: indikatorer")
    row = next(r for r in goal_2.rows if r.values[2] is not None)
    survey = dict(zip([c.key for c in goal_2.columns], goal_2.texts(row), strict=True))
    # A share, printed with the indicator's one decimal; the year never as "2 026".
    assert (survey["ar"], survey["varde"], survey["malvarde"], survey["status"]) == (
        "2026",
        "50,0",
        "60,0",
        "Ur fas",
    )


def test_a_date_before_any_month_is_over_says_there_are_no_actuals_yet(world):
    document = build(world.period, datetime.date(2026, 1, 20))
    text = text_of(document)
    assert "Ingen månad av 2026 är avslutad per 2026-01-20" in text
    assert not any(c.key == "utfall_ack" for t in document.tables() for c in t.columns)
