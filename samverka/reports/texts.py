"""The plan's chapter texts: looked up per period, turned into document blocks, kept per revision.

A text is plain: paragraphs separated by a blank line; consecutive lines beginning with "•",
"–", "-" or "*" form a bulleted list. That is all the office needs for these chapters, and it
reads the same in a textarea, on a page, in the PDF and in Word.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samverka.orgs.models import PlanningPeriod, Unit
from samverka.orgs.periods import period_adopted, revision_opened
from samverka.reports.document import Block, BulletList, Paragraph
from samverka.reports.models import PlanText, PlanTextSnapshot

Section = PlanText.Section
BULLETS = ("•", "–", "-", "*")


def blocks(text: str, style: str = "") -> list[Block]:
    """The text as paragraphs and bulleted lists."""
    result: list[Block] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        prose: list[str] = []
        items: list[str] = []
        for line in lines:
            if _is_bullet(line):
                if prose:
                    result.append(Paragraph("\n".join(prose), style))
                    prose = []
                items.append(line[1:].strip())
            else:
                if items:
                    result.append(BulletList(tuple(items)))
                    items = []
                prose.append(line)
        if prose:
            result.append(Paragraph("\n".join(prose), style))
        if items:
            result.append(BulletList(tuple(items)))
    return result


def _is_bullet(line: str) -> bool:
    return line.startswith(BULLETS) and len(line) > 1 and line[1] == " "


@dataclass(frozen=True)
class Slot:
    """A text the plan has room for: a section, and for a unit's budget text the unit."""

    section: str
    unit: Unit | None = None

    @property
    def label(self) -> str:
        if self.unit is not None:
            return _("Budget %(unit)s") % {"unit": self.unit.name}
        return str(Section(self.section).label)

    @property
    def chapter(self) -> str:
        return {
            Section.INTRODUCTION: _("Inledning"),
            Section.MISSION: _("Inledning"),
            Section.ORGANISATION: _("Inledning"),
            Section.SITUATION: _("Inledning"),
            Section.GOALS: pgettext("section", "Mål"),
            Section.PRIORITIES: _("Prioriterade områden"),
        }.get(self.section, _("Budget"))

    @property
    def hint(self) -> str:
        return {
            Section.INTRODUCTION: _("Vad planen är och hur den har tagits fram."),
            Section.MISSION: _("Står före ändamålsparagrafen, som hämtas från förbundet."),
            Section.ORGANISATION: _(
                "Står före medlemmarna, direktionens platser, enheterna och de anknutna "
                "organisationerna, som hämtas ur registren."
            ),
            Section.SITUATION: _("Förbundets läge och förutsättningar inför året."),
            Section.GOALS: _(
                "Står före de styrande strategierna och målen, som hämtas ur målregistret."
            ),
            Section.BUDGET: _(
                "Står före budgetförutsättningarna och tabellerna. PO-pålägg, "
                "fördelningsnyckel och medlemsavgift skrivs ut ur budgeten; skriv dem inte här."
            ),
            Section.UNIT: _("Står under enhetens budgettabell."),
            Section.PROJECTS: _(
                "Står efter tabellerna över projekt i drift och ansökningar, under "
                "projektenhetens budget."
            ),
            Section.PRIORITIES: _("Står före de prioriterade områdena och deras aktiviteter."),
        }.get(self.section, "")


def slots(period: PlanningPeriod) -> list[Slot]:
    """Every text the plan of `period` has room for, in the document's order."""
    units = list(Unit.objects.filter(federation=period.federation))
    head = [Section.INTRODUCTION, Section.MISSION, Section.ORGANISATION, Section.SITUATION]
    result = [Slot(s) for s in [*head, Section.GOALS, Section.BUDGET]]
    for unit in units:
        result.append(Slot(Section.UNIT, unit))
        if unit.kind == Unit.Kind.PROJECT_UNIT:
            result.append(Slot(Section.PROJECTS))
    if not any(unit.kind == Unit.Kind.PROJECT_UNIT for unit in units):
        result.append(Slot(Section.PROJECTS))
    result.append(Slot(Section.PRIORITIES))
    return result


class Texts:
    """A period's texts, read once: `texts.get(section, unit)` is "" where none is written."""

    def __init__(self, period: PlanningPeriod) -> None:
        self.period = period
        self._by_key = {(t.section, t.unit_id): t for t in PlanText.objects.filter(period=period)}

    def text(self, section: str, unit: Unit | None = None) -> PlanText | None:
        return self._by_key.get((section, unit.pk if unit else None))

    def get(self, section: str, unit: Unit | None = None) -> str:
        found = self.text(section, unit)
        return found.text.strip() if found else ""


def text_for(period: PlanningPeriod, section: str, unit: Unit | None = None) -> PlanText:
    """The stored text, or a new unsaved one (what the edit form shows as version 0)."""
    return PlanText.objects.filter(period=period, section=section, unit=unit).first() or PlanText(
        period=period, section=section, unit=unit
    )


@transaction.atomic
def copy_from(source: PlanningPeriod, target: PlanningPeriod) -> int:
    """Copy every text `target` lacks from `source` (the year before); returns how many.

    Nothing written in `target` is replaced. Raises PeriodLockedError for an adopted target.
    """
    target.check_editable()
    have = set(PlanText.objects.filter(period=target).values_list("section", "unit_id"))
    copied = 0
    for text in PlanText.objects.filter(period=source).exclude(text=""):
        if (text.section, text.unit_id) in have:
            continue
        PlanText(
            period=target,
            section=text.section,
            unit=text.unit,
            text=text.text,
            source=_("Kopierad från %(year)s") % {"year": source.year},
        ).save(expected_version=PlanText.UNSAVED_VERSION)
        copied += 1
    return copied


# --- Versions ----------------------------------------------------------------------------------


def current_texts(period: PlanningPeriod) -> list[dict]:
    return [
        {"section": section, "unit": unit or "", "text": text}
        for section, unit, text in PlanText.objects.filter(period=period)
        .order_by("section", F("unit__sort_order").asc(nulls_first=True))
        .values_list("section", "unit__code", "text")
    ]


def ensure_snapshot(period: PlanningPeriod, revision: int) -> PlanTextSnapshot:
    snapshot, _created = PlanTextSnapshot.objects.get_or_create(
        period=period, revision=revision, defaults={"texts": current_texts(period)}
    )
    return snapshot


def changed_since_adoption(period: PlanningPeriod) -> set[tuple[str, str]]:
    """(section, unit code or "") of the texts a revision has changed from the version adopted
    before it; empty for a period that has never been adopted."""
    if period.status != PlanningPeriod.Status.REVISION:
        return set()
    snapshot = PlanTextSnapshot.objects.filter(period=period, revision=period.revision - 1).first()
    if snapshot is None:
        return set()
    before = {(t["section"], t["unit"]): t["text"] for t in snapshot.texts}
    now = {(t["section"], t["unit"]): t["text"] for t in current_texts(period)}
    return {key for key in before.keys() | now.keys() if before.get(key, "") != now.get(key, "")}


@receiver(period_adopted, dispatch_uid="reports_texts_snapshot_on_adoption")
def _snapshot_on_adoption(sender, period: PlanningPeriod, **kwargs) -> None:
    PlanTextSnapshot.objects.update_or_create(
        period=period, revision=period.revision, defaults={"texts": current_texts(period)}
    )


@receiver(revision_opened, dispatch_uid="reports_texts_snapshot_before_revision")
def _snapshot_before_revision(sender, period: PlanningPeriod, revision: int, **kwargs) -> None:
    # A period adopted before the texts were kept (the seeded 2025) still gets its version.
    ensure_snapshot(period, revision - 1)
