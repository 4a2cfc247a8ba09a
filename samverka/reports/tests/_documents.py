"""Synthetic documents for the renderers' tests, the look at the output and the benchmark: every
block kind, budget-like tables with negative figures and sum rows, a chart drawn by the goals'
chart helper, a callout and a table long enough to run over several pages. No database needed.
Not a test module (pytest collects test_*.py only)."""

import datetime
from decimal import Decimal

from samverka.goals.charts import Series, line_chart
from samverka.lib.tabular import Column, Kind, Table
from samverka.reports.document import (
    BulletList,
    Callout,
    Chart,
    Document,
    Facts,
    Heading,
    PageBreak,
    Paragraph,
    TableBlock,
)

UNITS = [
    ("Förbundskansli", 7_806_000, -6_768_000, -6_997_000, 5_774_000),
    ("Kunskapsutveckling", 10_204_000, -6_011_000, -3_252_000, -941_000),
    ("Projektenhet", 16_398_000, -8_768_000, -6_234_000, -1_396_000),
    ("Regional utveckling", 9_870_000, -4_120_000, -4_911_000, -839_000),
    ("Välfärdsutveckling", 12_113_000, -7_431_000, -3_652_000, -1_030_000),
    ("Omställning Skaraborg", 7_904_000, -3_016_000, -4_320_000, -568_000),
]
MEMBERS = [
    "Essunga", "Falköping", "Grästorp", "Gullspång", "Götene", "Hjo", "Karlsborg", "Lidköping",
    "Mariestad", "Skara", "Skövde", "Tibro", "Tidaholm", "Töreboda", "Vara",
]  # fmt: skip
PROSE = (
    "Denna verksamhetsplan syftar till att ge en tydlig översikt över verksamhetens mål, budget "
    "och prioriteringar för det kommande året. Genom att tydliggöra mål och planer för att nå "
    "dem stärker vi vår gemensamma riktning och skapar förutsättningar för en effektiv och "
    "meningsfull verksamhet."
)


def budget_table(unit: str, revenue: int, personnel: int, other: int, overhead: int) -> Table:
    """A unit's budget as the plan prints it: this year and last, costs negative, sums bold."""
    columns = [
        Column("rad", "Kr"),
        Column("budget_2026", "2026", Kind.MONEY),
        Column("budget_2025", "2025", Kind.MONEY),
        Column("forandring_procent", "Förändring (%)", Kind.PERCENT, 1),
    ]
    table = Table(f"budget-2026-{unit.lower().replace(' ', '-')}", f"Budget {unit}", columns)
    last = [round(v * 0.94) for v in (revenue, personnel, other, overhead)]

    def change(a: int, b: int) -> Decimal | None:
        return (Decimal(a - b) * 100 / abs(b)).quantize(Decimal("0.1")) if b else None

    table.add("INTÄKTER", Decimal(revenue), Decimal(last[0]), change(revenue, last[0]))
    table.add("KOSTNADER", None, None, None, emphasis=True)
    for label, a, b in [
        ("Personal", personnel, last[1]),
        ("Övriga kostnader", other, last[2]),
        ("OH-kostnader/intäkt", overhead, last[3]),
    ]:
        table.add(label, Decimal(a), Decimal(b), change(a, b), level=1)
    costs, costs_last = personnel + other + overhead, sum(last[1:])
    table.add("SUMMA KOSTNADER", Decimal(costs), Decimal(costs_last), None, emphasis=True)
    table.add(
        "RESULTAT", Decimal(revenue + costs), Decimal(last[0] + costs_last), None, emphasis=True
    )
    table.source = "Källa: budgetraderna per enhet, antagna av direktionen."
    return table


def fee_table() -> Table:
    table = Table(
        "medlemsavgifter-2026",
        "Medlemsavgifter 2026",
        [
            Column("kommun", "Kommun"),
            Column("invanare", "Invånare", Kind.INTEGER),
            Column("avgift", "Avgift (kr)", Kind.MONEY),
        ],
        source="50,55 kr per invånare, folkmängd 2024-12-31",
    )
    total_people = total_fee = 0
    for n, name in enumerate(MEMBERS):
        people = 5_000 + n * 3_517
        fee = (Decimal(people) * Decimal("50.55")).quantize(Decimal(1))
        total_people, total_fee = total_people + people, total_fee + fee
        table.add(name, people, fee)
    table.add("Summa", total_people, total_fee, emphasis=True)
    return table


def activity_table(rows: int) -> Table:
    """A long table: the plan's activities, over several pages."""
    table = Table(
        "aktiviteter-2026",
        "Aktiviteter 2026",
        [
            Column("aktivitet", "Aktivitet"),
            Column("ansvar", "Ansvarig enhet"),
            Column("start", "Start", Kind.DATE),
            Column("budget", "Budget (kr)", Kind.MONEY),
        ],
    )
    for n in range(rows):
        unit = UNITS[n % len(UNITS)][0]
        table.add(
            f"Aktivitet {n + 1}: samordning av kompetensförsörjning och utbildning i delregionen",
            unit,
            datetime.date(2026, 1 + n % 12, 1),
            Decimal(-25_000 * (n % 9 + 1)),
        )
    table.add("Summa", "", None, sum((r.values[3] for r in table.rows), Decimal(0)), emphasis=True)
    return table


def population_chart() -> Chart:
    years = list(range(2018, 2025))
    region = {y: Decimal(267_100 + (y - 2018) * 280) for y in years}
    target = {2024: Decimal(268_500)}
    svg = line_chart(
        "befolkning",
        "Befolkning i Skaraborg",
        [Series("Skaraborg", region, "region"), Series("Mål 2024", target, "target")],
        "invånare",
    )
    table = Table(
        "befolkning",
        "Befolkning i Skaraborg per år",
        [Column("ar", "År"), Column("varde", "Invånare", Kind.INTEGER)],
    )
    for year, value in region.items():
        table.add(str(year), value)
    return Chart(
        svg=str(svg),
        title="Befolkning i Skaraborg",
        summary="Befolkningen har ökat varje år sedan 2018, från 267 100 till 268 780 invånare.",
        table=table,
    )


def sample_document(*, draft: bool = True, chapters: int = 1, activities: int = 60) -> Document:
    """A plan-like document with every block kind. `chapters` repeats the budget chapter and
    `activities` sets the long table's length: the default is about ten pages, (4, 200) about
    twenty-five."""
    document = Document(
        key="budget-och-verksamhetsplan-2026",
        title="Budget och verksamhetsplan 2026",
        organisation="Skaraborgs Kommunalförbund",
        subtitle="Mål, budget och prioriteringar för året",
        draft=draft,
        date=datetime.date(2025, 11, 21),
        decision="" if draft else "Direktionen 2025-11-21 § 45",
    )
    document.add(
        Heading("Inledning", 1),
        Paragraph(PROSE, "lead"),
        Paragraph(
            "Verksamhetsplanen är framtagen i dialog med medarbetare och kommunerna.\n"
            "Den ska ses som ett levande dokument."
        ),  # fmt: skip
        Heading("Förbundets uppdrag", 2),
        Paragraph(
            "Förbundet har till ändamål att tillvarata medlemskommunernas intressen och att "
            "främja deras samverkan.",
            "quote",
        ),
        BulletList(("Tillväxt- och utvecklingsfrågor", "Verksamhetsstöd och intressebevakning")),
        Heading("Mål", 1),
        Heading("Mål 1 – Ökad konkurrenskraft", 2),
        Facts((("Status", "I fas"), ("Indikatorer", "4"), ("Ansvar", "Regional utveckling"))),
        population_chart(),
        Callout(
            "Indikatorn för andelen i arbete saknar utfall för 2024.",
            "warning",
            "Utfall saknas",
        ),
        Heading("Indikatorer", 3),
        Paragraph("Andel som uppger att förbundet har hjälpt kommunen.", "note"),
    )
    for n in range(chapters):
        suffix = f" (del {n + 1})" if chapters > 1 else ""
        document.add(Heading(f"Budget 2026{suffix}", 1), Paragraph(PROSE))
        for unit in UNITS:
            document.add(
                Heading(f"Budget {unit[0]}{suffix}", 2),
                TableBlock(budget_table(*unit), caption_visible=False),
            )
            document.add(Paragraph(PROSE))
        document.add(Heading(f"Medlemsavgifter{suffix}", 2), TableBlock(fee_table()))
    document.add(
        PageBreak(),
        Heading("Prioriterade områden 2026", 1),
        Paragraph(PROSE),
        TableBlock(activity_table(activities)),
        Callout("Fördelningsnyckeln är 16 % (19 % året innan).", "info"),
    )
    document.appendices.extend(
        [
            Heading("Bilaga: Iakttagelser", 1),
            Callout("Summan av enheternas resultat avviker från totalen.", "error", "Avvikelse"),
        ]
    )
    return document


class FakeBuilders:
    """Stand-ins for the plan and follow-up builders (`reports/plan.py`, `reports/followup.py`):
    a small plan-like document per period, a draft until the period is adopted. `edition` is
    printed in the plan, so a test can tell a stored file from a rebuild."""

    def __init__(self) -> None:
        self.edition = "Utgåva 1"
        self.plans_built = 0
        self.fail_with: Exception | None = None

    def plan(self, period) -> Document:
        if self.fail_with is not None:
            raise self.fail_with
        self.plans_built += 1
        document = Document(
            key=f"budget-och-verksamhetsplan-{period.year}",
            title=f"Budget och verksamhetsplan {period.year}",
            organisation=period.federation.name,
            draft=not period.is_locked,
            date=period.adopted_on,
        )
        document.add(
            Heading("Inledning", 1),
            Paragraph(self.edition),
            Paragraph(PROSE),
            Heading(f"Budget {period.year}", 1),
            Heading(f"Budget {UNITS[1][0]}", 2),
            TableBlock(budget_table(*UNITS[1])),
        )
        return document

    def follow_up(self, period, on: datetime.date) -> Document:
        document = Document(
            key=f"uppfoljning-{on.isoformat()}",
            title=f"Uppföljning {period.year} per {on.isoformat()}",
            organisation=period.federation.name,
            date=on,
        )
        document.add(Heading("Ekonomi", 1), TableBlock(budget_table(*UNITS[1])))
        return document
