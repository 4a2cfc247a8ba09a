"""The plan as adopted: stored when the board adopts a period, served instead of a rebuild.

On `period_adopted` (sent inside the adoption's transaction) the plan is built and rendered in
every format and stored through Django's default storage, one `DocumentVersion` per format and
revision. If that fails, the adoption fails with it: a period is never adopted without its
document. A later revision stores its own files and keeps the earlier ones.

`plan_file(period, fmt)` is what the pages and the command hand out: the stored file of the
period's adopted revision, or, for a draft or a revision under way, a fresh build.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from samverka.decisions.models import Decision
from samverka.orgs.models import PeriodLockedError, PlanningPeriod
from samverka.reports import builders, outputs
from samverka.reports.document import Document
from samverka.reports.models import DocumentVersion, Format

logger = logging.getLogger(__name__)


class DocumentNotStoredError(PeriodLockedError):
    """The plan could not be built or stored, so the period was not adopted."""


def decision_text(decision: Decision) -> str:
    """How the cover names the adopting decision: "Direktionen 2025-11-21 § 45"."""
    parts = [str(decision.body) if decision.body else "", decision.date.isoformat()]
    return " ".join([*filter(None, parts), decision.number]).strip()


def suffix(revision: int) -> str:
    return f"-revidering-{revision}" if revision else ""


def adopted(document: Document, period: PlanningPeriod) -> Document:
    """The document as adopted: never a draft, the decision on its cover."""
    document.draft = False
    if not document.decision and period.decision is not None:
        document.decision = decision_text(period.decision)
    if document.date is None:
        document.date = period.adopted_on
    return document


def store(period: PlanningPeriod, decision: Decision) -> list[DocumentVersion]:
    """Build the plan of the adopted period and store it in every format for its revision."""
    document = adopted(builders.plan(period), period)
    stored: list[DocumentVersion] = []
    try:
        for fmt in Format.values:
            rendered = outputs.render(document, fmt)
            name = outputs.filename(document, fmt, suffix(period.revision))
            version = DocumentVersion(
                period=period,
                revision=period.revision,
                format=fmt,
                filename=name,
                sha256=hashlib.sha256(rendered.content).hexdigest(),
                size=len(rendered.content),
                decision=decision,
            )
            version.file.save(name, ContentFile(rendered.content), save=False)
            stored.append(version)
            version.save()
    except BaseException:
        # The transaction takes back the rows; the files are ours to take back.
        for version in stored:
            version.file.delete(save=False)
        raise
    return stored


def on_period_adopted(sender, period: PlanningPeriod, decision: Decision, **kwargs) -> None:
    try:
        store(period, decision)
    except Exception as exc:
        logger.exception("The plan of %s could not be stored; the adoption is undone.", period)
        raise DocumentNotStoredError(
            _(
                "Perioden %(year)s antogs inte: planen kunde inte skapas och sparas "
                "(%(reason)s). Rätta felet och anta igen."
            )
            % {"year": period.year, "reason": str(exc) or type(exc).__name__}
        ) from exc


def stored_versions(period: PlanningPeriod, revision: int | None = None):
    versions = DocumentVersion.objects.filter(period=period).select_related("decision")
    return versions if revision is None else versions.filter(revision=revision)


@dataclass(frozen=True, slots=True)
class PlanFile:
    rendered: outputs.Rendered
    version: DocumentVersion | None  # the stored file handed out, or None for a fresh build


def plan_file(period: PlanningPeriod, fmt: str) -> PlanFile:
    """The plan in `fmt`: the stored file of an adopted period, otherwise built now."""
    if period.is_locked:
        version = stored_versions(period, period.revision).filter(format=fmt).first()
        if version is not None:
            return PlanFile(read(version), version)
    document = builders.plan(period)
    if period.is_locked:
        document = adopted(document, period)
    return PlanFile(outputs.render(document, fmt), None)


def read(version: DocumentVersion) -> outputs.Rendered:
    with version.file.open("rb") as stored:
        content = stored.read()
    return outputs.Rendered(version.filename, outputs.FORMATS[version.format][0], content)
