"""Fetch indicator values from Kolada and SCB, store them, and record how each fetch went.

A fetch writes inside one transaction: when the service fails, nothing is written and the last
good values stay. The FetchRun is saved outside that transaction so that the failure is shown.
"""

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from samverka.audit.context import acting_as
from samverka.audit.recording import log
from samverka.goals.aggregation import regional_value
from samverka.goals.http import ServiceError
from samverka.goals.kolada import KoladaClient
from samverka.goals.models import (
    FetchRun,
    Indicator,
    KoladaMapping,
    Measurement,
    ScbMapping,
    year_end,
)
from samverka.goals.scb import ScbClient, ScbValue
from samverka.orgs.models import Member, Population

Progress = Callable[[int, int, str], None]
SCB_POPULATION_SOURCE = "SCB PxWeb, TAB638 BE0101N1, folkmängd 31 december"


def normalise_title(title: str) -> str:
    return " ".join(unicodedata.normalize("NFC", title).casefold().split())


def _no_progress(done: int, total: int, label: str) -> None:
    return None


class Recorder:
    """Collects what a fetch stored and what went wrong, and finishes the FetchRun."""

    def __init__(self, service: str) -> None:
        self.run = FetchRun.objects.create(service=service, started_at=timezone.now())
        self.problems: list[str] = []
        self.notes: list[str] = []
        self.stored = 0

    def finish(self, failure: str | None = None) -> FetchRun:
        run = self.run
        if failure:
            run.status = FetchRun.Status.FAILED
            run.stored = 0
            lines = [failure, "Inget sparades; de senast hämtade värdena gäller."]
        else:
            run.status = FetchRun.Status.PARTIAL if self.problems else FetchRun.Status.OK
            run.stored = self.stored
            lines = self.problems + self.notes
        run.message = "\n".join(lines)
        run.finished_at = timezone.now()
        run.save()
        return run


def store_value(
    indicator: Indicator,
    year: int,
    member: Member | None,
    value: Decimal,
    origin: str,
    source: str,
    recorder: Recorder,
    known: dict[tuple[int, int | None], Measurement] | None = None,
) -> None:
    """Create or update one measurement; a value entered by hand is kept and reported.

    `known` holds the indicator's stored measurements by (year, member id) when the caller
    has read them already, saving one query per value.
    """
    if known is None:
        existing = Measurement.objects.filter(indicator=indicator, year=year, member=member).first()
    else:
        existing = known.get((year, member.pk if member else None))
    area = member.name if member else indicator.goal.federation.region_name
    if existing is None:
        Measurement.objects.create(
            indicator=indicator,
            year=year,
            member=member,
            value=value,
            origin=origin,
            source=source,
            fetched_at=timezone.now(),
        )
        recorder.stored += 1
        return
    if existing.origin == Measurement.Origin.MANUAL and origin != Measurement.Origin.MANUAL:
        if existing.value != value:
            recorder.notes.append(
                f"{indicator.name}, {area} {year}: det inmatade värdet {existing.value} behölls; "
                f"källan anger {value}."
            )
        return
    if existing.value != value or existing.source != source or existing.origin != origin:
        existing.value = value
        existing.source = source
        existing.origin = origin
        existing.fetched_at = timezone.now()
        existing.save()
        recorder.stored += 1


def _store_in_bulk(
    indicator: Indicator,
    source: str,
    new: list[Measurement],
    changed: list[Measurement],
    recorder: Recorder,
) -> None:
    """A fetch's values for one indicator in a few statements, with one audit entry that counts
    them (a value per entry would be 20 000 entries for one fetch of 150 members)."""
    Measurement.objects.bulk_create(new, batch_size=1000)
    _update_in_bulk(changed)
    recorder.stored += len(new) + len(changed)
    if new or changed:
        log(
            indicator,
            "goals.kolada.stored",
            {"created": len(new), "updated": len(changed), "source": source},
        )


def _update_in_bulk(changed: list[Measurement]) -> None:
    # One prepared UPDATE run for every row: bulk_update's CASE per field and row takes seconds
    # for 20 000 rows where this takes a fraction of one.
    if not changed:
        return
    fields = [Measurement._meta.get_field(name) for name in UPDATED_FIELDS]
    table = connection.ops.quote_name(Measurement._meta.db_table)
    columns = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    sql = f"UPDATE {table} SET {columns} WHERE id = %s"  # noqa: S608 – names from the model
    rows = [
        [f.get_db_prep_save(getattr(m, f.attname), connection) for f in fields] + [m.pk]
        for m in changed
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


UPDATED_FIELDS = ("value", "source", "origin", "fetched_at", "version")


def recompute_region(indicator: Indicator, years: Iterable[int], recorder: Recorder) -> None:
    """The whole area's value for each year from the members' values, by the indicator's rule."""
    if indicator.aggregation in (
        Indicator.Aggregation.SOURCE,
        Indicator.Aggregation.RESPONDENTS,  # pooled from the answers by goals.survey
    ):
        return
    # Populations read once for all members and years (a weighted mean asks for each).
    members = list(Member.objects.prefetch_related("populations"))
    by_id = {m.pk: m for m in members}
    by_year: dict[int, list[Measurement]] = defaultdict(list)
    for row in Measurement.objects.filter(
        indicator=indicator, year__in=set(years), member__isnull=False
    ).order_by():
        by_year[row.year].append(row)
    for year in sorted(set(years)):
        rows = by_year.get(year, [])
        values = {by_id[row.member_id]: row.value for row in rows}
        if not values:
            continue
        result = regional_value(indicator.aggregation, values, members, year)
        if result.value is None:
            recorder.notes.append(f"{indicator.name} {year}: {result.description}")
            continue
        sources = sorted({row.source for row in rows})
        store_value(
            indicator,
            year,
            None,
            result.value,
            Measurement.Origin.COMPUTED,
            f"{result.description} ({'; '.join(sources)})"[:300],
            recorder,
        )


def fetch_kolada(
    client: KoladaClient,
    years: Iterable[int],
    indicators: Iterable[Indicator] | None = None,
    progress: Progress = _no_progress,
) -> FetchRun:
    years = sorted(set(years))
    recorder = Recorder(FetchRun.Service.KOLADA)
    mappings = KoladaMapping.objects.select_related("indicator").filter(
        indicator__source_kind=Indicator.SourceKind.KOLADA
    )
    if indicators is not None:
        mappings = mappings.filter(indicator__in=list(indicators))
    mappings = list(mappings)
    for mapping in mappings:
        if not mapping.is_fetchable:
            recorder.notes.append(f"{mapping.indicator.name}: inget KPI-id angivet, hämtas inte.")
    mappings = [m for m in mappings if m.is_fetchable]
    members = {m.municipality_code: m for m in Member.objects.all()}
    try:
        progress(0, len(mappings) + 1, "metadata")
        metadata = client.kpis(m.kpi_id.strip() for m in mappings)
        checked = []
        for mapping in mappings:
            problem = _title_problem(mapping, metadata.get(mapping.kpi_id.strip()))
            if problem:
                recorder.problems.append(problem)
            else:
                checked.append(mapping)
        fetched = []
        for done, mapping in enumerate(checked, start=1):
            areas = list(members)
            own_region = mapping.indicator.aggregation == Indicator.Aggregation.SOURCE
            if own_region and mapping.region_area_id:
                areas.append(mapping.region_area_id)
            fetched.append((mapping, client.values([mapping.kpi_id.strip()], areas, years)))
            progress(done, len(checked) + 1, mapping.kpi_id)
    except ServiceError as exc:
        return recorder.finish(str(exc))

    with transaction.atomic(), acting_as(None, "system: fetch-kolada"):
        for mapping, values in fetched:
            indicator = mapping.indicator
            source = f"Kolada {mapping.kpi_id.strip()}"
            touched = set()
            known = {(m.year, m.member_id): m for m in indicator.measurements.all()}
            new: dict[tuple[int, int | None], Measurement] = {}
            changed: dict[tuple[int, int | None], Measurement] = {}
            now = timezone.now()
            for item in values:
                if item.municipality in members:
                    member = members[item.municipality]
                elif item.municipality == mapping.region_area_id:
                    member = None
                else:
                    continue
                touched.add(item.year)
                key = (item.year, member.pk if member else None)
                existing = known.get(key)
                if existing is None:
                    new[key] = Measurement(
                        indicator=indicator,
                        year=item.year,
                        member=member,
                        value=item.value,
                        origin=Measurement.Origin.KOLADA,
                        source=source,
                        fetched_at=now,
                    )
                elif existing.origin == Measurement.Origin.MANUAL:
                    # A value entered by hand wins over any fetch; the difference is reported.
                    if existing.value != item.value:
                        area = member.name if member else indicator.goal.federation.region_name
                        recorder.notes.append(
                            f"{indicator.name}, {area} {item.year}: det inmatade värdet "
                            f"{existing.value} behölls; källan anger {item.value}."
                        )
                elif (existing.value, existing.source, existing.origin) != (
                    item.value,
                    source,
                    Measurement.Origin.KOLADA,
                ):
                    existing.value, existing.source = item.value, source
                    existing.origin, existing.fetched_at = Measurement.Origin.KOLADA, now
                    existing.version += 1
                    changed[key] = existing
            _store_in_bulk(indicator, source, list(new.values()), list(changed.values()), recorder)
            if not values:
                recorder.notes.append(f"{indicator.name}: Kolada har inga värden för åren.")
            recompute_region(indicator, touched, recorder)
    progress(len(fetched) + 1, len(fetched) + 1, "klar")
    return recorder.finish()


def _title_problem(mapping: KoladaMapping, meta: dict | None) -> str | None:
    name = mapping.indicator.name
    kpi = mapping.kpi_id.strip()
    if meta is None:
        return f"{name}: Kolada känner inte till {kpi}. Inget sparades; rätta kopplingen."
    title = meta.get("title", "")
    if not mapping.expected_title.strip():
        return (
            f"{name}: {kpi} heter ”{title}” i Kolada men ingen förväntad titel är angiven. "
            "Inget sparades; bekräfta kopplingen genom att ange titeln."
        )
    if normalise_title(title) != normalise_title(mapping.expected_title):
        return (
            f"{name}: {kpi} heter ”{title}” i Kolada, men kopplingen väntar sig "
            f"”{mapping.expected_title}”. Inget sparades; rätta kopplingen."
        )
    return None


def fetch_scb(
    client: ScbClient,
    years: Iterable[int],
    progress: Progress = _no_progress,
    members: Iterable[Member] | None = None,
    indicators: bool = True,
) -> FetchRun:
    """Population per member (to orgs.Population) and the indicators whose source is SCB.

    `members` narrows the fetch to some members (the member page's button); `indicators=False`
    fetches the population only.
    """
    years = sorted(set(years))
    recorder = Recorder(FetchRun.Service.SCB)
    chosen = Member.objects.all() if members is None else members
    members = {m.municipality_code: m for m in chosen}
    mappings = (
        list(
            ScbMapping.objects.select_related("indicator").filter(
                indicator__source_kind=Indicator.SourceKind.SCB
            )
        )
        if indicators
        else []
    )
    total = len(mappings) + 1
    try:
        progress(0, total, "folkmängd")
        population = client.population(members, years)
        tables = []
        for done, mapping in enumerate(mappings, start=1):
            fetch = client.table_v1 if mapping.api == ScbMapping.Api.V1 else client.table_v2
            tables.append(
                (
                    mapping,
                    fetch(
                        mapping.table,
                        mapping.contents_code,
                        members,
                        years,
                        mapping.selection or None,
                    ),
                )
            )
            progress(done, total, mapping.table)
    except ServiceError as exc:
        return recorder.finish(str(exc))

    with transaction.atomic(), acting_as(None, "system: fetch-scb"):
        _store_population(population, members, recorder)
        for mapping, values in tables:
            touched = set()
            for item in values:
                if item.region in members:
                    store_value(
                        mapping.indicator,
                        item.year,
                        members[item.region],
                        item.value,
                        Measurement.Origin.SCB,
                        f"SCB {mapping.table} {mapping.contents_code}",
                        recorder,
                    )
                    touched.add(item.year)
            recompute_region(mapping.indicator, touched, recorder)
    progress(total, total, "klar")
    return recorder.finish()


def _store_population(values: list[ScbValue], members: dict, recorder: Recorder) -> None:
    """Write orgs.Population; a row from another source is never overwritten, only reported."""
    now = timezone.now()
    by_key: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for item in values:
        if item.region in members:
            by_key[(item.region, item.year)] = item.value
    for (code, year), value in sorted(by_key.items()):
        member = members[code]
        inhabitants = int(value)
        reference = year_end(year)
        source = f"{SCB_POPULATION_SOURCE} {year}"
        row = Population.objects.filter(member=member, reference_date=reference).first()
        if row is None:
            Population.objects.create(
                member=member,
                reference_date=reference,
                inhabitants=inhabitants,
                source=source,
                fetched_at=now,
            )
            recorder.stored += 1
        elif row.source.startswith(SCB_POPULATION_SOURCE):
            if row.inhabitants != inhabitants:
                row.inhabitants = inhabitants
                row.source = source
                row.fetched_at = now
                row.save()
                recorder.stored += 1
        elif row.inhabitants != inhabitants:
            recorder.problems.append(
                f"Folkmängd {member.name} {reference}: {row.inhabitants} från ”{row.source}” "
                f"behölls; SCB anger {inhabitants}. Ändra för hand om SCB:s siffra ska gälla."
            )
