"""Publishing an adopted period as open data, once per adoption, and finding what was published.

`publish` runs on `period_adopted`, inside the adoption's transaction: a failure here fails the
adoption, so an adopted version is never without its open data. It writes every data set as the
bytes that will be served, in Swedish whatever language the adopter's interface speaks.
"""

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.lib.tabular import Table, to_csv
from samverka.opendata import serialise
from samverka.opendata.datasets import DATASETS, Sources
from samverka.opendata.models import Publication, PublishedDataset, sha256
from samverka.orgs.federation import current_or_none
from samverka.orgs.models import PlanningPeriod


class NotAdoptedError(Exception):
    """Only an adopted (or revised) period is published."""


def _source(publication: Publication, table: Table) -> str:
    period = publication.period
    parts = [
        _("%(publisher)s, budget och verksamhetsplan %(year)s")
        % {"publisher": publication.publisher, "year": period.year}
    ]
    if publication.decision_label:
        parts.append(
            _("antagen genom beslut %(decision)s") % {"decision": publication.decision_label}
        )
    elif publication.adopted_on:
        parts.append(_("antagen %(date)s") % {"date": publication.adopted_on.isoformat()})
    text = ", ".join(parts) + "."
    return f"{text} {table.source}." if table.source else text


def document(publication: Publication, table: Table, key: str) -> dict:
    """The JSON data set: who published what, when it was adopted, under which licence, the
    columns with their types, and the rows with raw values."""
    return {
        "dataset": key,
        "title": table.title,
        "period": publication.period.year,
        "revision": publication.revision,
        "adopted": publication.adopted_on,
        "decision": publication.decision_label or None,
        "published": timezone.localtime(publication.published_at).isoformat(timespec="seconds"),
        "publisher": publication.publisher,
        "licence": publication.licence,
        "source": _source(publication, table),
        "notes": table.notes,
        "columns": [{"key": c.key, "label": c.label, "type": c.kind.value} for c in table.columns],
        "rows": table.records(),
    }


@transaction.atomic
def publish(period: PlanningPeriod) -> Publication:
    """A new publication of the period as it is now adopted; earlier ones stay as they were."""
    if not period.is_locked:
        raise NotAdoptedError(
            _("Perioden %(year)s är inte antagen och publiceras inte som öppna data.")
            % {"year": period.year}
        )
    # Of two publications at once, the second waits here and takes the next number.
    PlanningPeriod.objects.select_for_update().filter(pk=period.pk).first()
    last = Publication.objects.filter(period=period).aggregate(n=Max("revision"))["n"] or 0
    decision = period.decision
    with translation.override("sv"):
        publication = Publication.objects.create(
            period=period,
            revision=last + 1,
            period_revision=period.revision,
            decision=decision,
            decision_label=str(decision)[:400] if decision else "",
            adopted_on=period.adopted_on,
            licence=period.federation.open_data_licence,
            publisher=period.federation.name,
            published_at=timezone.now().replace(microsecond=0),
        )
        sources = Sources(period)
        for dataset in DATASETS:
            table = dataset.build(sources)
            if table is None:
                continue
            json_text = serialise.dumps(document(publication, table, dataset.key)) + "\n"
            csv_text = to_csv(table, for_excel=False).decode("utf-8")
            PublishedDataset.objects.create(
                publication=publication,
                key=dataset.key,
                title=table.title,
                rows=len(table.rows),
                json_text=json_text,
                json_sha256=sha256(json_text),
                csv_text=csv_text,
                csv_sha256=sha256(csv_text),
            )
    return publication


def publish_if_missing(period: PlanningPeriod) -> Publication | None:
    """Publish an adopted period that has no publication yet (adopted before open data was
    published, or loaded as adopted); None when it has one, which is never touched."""
    if period.publications.exists():
        return None
    return publish(period)


def on_period_adopted(sender, period: PlanningPeriod, **kwargs) -> None:
    publish(period)


# --- Reading --------------------------------------------------------------------------------


def publications() -> QuerySet[Publication]:
    """Every publication of the current federation, newest year and version first."""
    federation = current_or_none()
    if federation is None:
        return Publication.objects.none()
    return Publication.objects.filter(period__federation=federation).select_related(
        "period", "decision"
    )


def latest(year: int) -> Publication | None:
    """The year's latest adopted version: what the stable "current" URL serves."""
    return publications().filter(period__year=year).order_by("-revision").first()


def version(year: int, revision: int) -> Publication | None:
    return publications().filter(period__year=year, revision=revision).first()
