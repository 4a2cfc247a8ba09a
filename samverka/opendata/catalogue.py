"""The DCAT-AP-SE catalogue of the open data, for dataportal.se to harvest.

One graph, built once per request from the publications, written two ways: JSON-LD
(`katalog.jsonld`) and RDF/XML (`katalog.rdf`, what dataportal.se's harvester reads first).
Both writers walk the same nodes, so they say the same triples.

The model (DCAT-AP-SE 2.x, docs.dataportal.se/dcat/):
- a `dcat:Catalog` with title, description, publisher, language, licence, homepage, issued and
  modified, and its data sets;
- a `dcat:Dataset` per data set key (e.g. "driftbudget"): a series adopted once a year
  (accrualPeriodicity ANNUAL) whose time span covers the published years; title and
  description in Swedish and English, keywords, EU data themes, publisher, contact point;
- a `dcat:Distribution` per published year and format: the year's stable URL (the latest
  adopted version) as download URL, the index page as access URL, format, media type and the
  licence the year was published under;
- the publisher as `foaf:Agent` (with dataportal.se's organisation URI when the federation's
  organisation number is known) and the contact point as `vcard:Organization`.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from samverka.opendata import serialise
from samverka.opendata.datasets import DATASETS
from samverka.opendata.models import Publication
from samverka.opendata.publishing import publications
from samverka.orgs.federation import current
from samverka.orgs.models import OpenDataLicence

PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
THEMES = EU + "data-theme"
ANNUAL = EU + "frequency/ANNUAL"
SWEDISH = EU + "language/SWE"
PUBLIC = EU + "access-right/PUBLIC"
LOCAL_AUTHORITY = "http://purl.org/adms/publishertype/LocalAuthority"
FORMATS = {
    "json": (EU + "file-type/JSON", "application/json"),
    "csv": (EU + "file-type/CSV", "text/csv"),
}
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"


class IRI(str):
    """A resource, as opposed to a literal string."""


@dataclass(frozen=True)
class Literal:
    value: str
    lang: str | None = None
    datatype: str | None = None  # "xsd:date", "xsd:dateTime"


@dataclass
class Node:
    id: str
    type: str  # "dcat:Dataset"
    properties: list[tuple[str, IRI | Literal]] = field(default_factory=list)

    def add(self, predicate: str, *values: IRI | Literal | str | None) -> "Node":
        for value in values:
            if value is None or value == "":
                continue
            self.properties.append((predicate, Literal(value) if type(value) is str else value))
        return self


def _swedish_and_english(text, **params) -> list[Literal]:
    """A translatable text in Swedish and, where the catalogue has a translation, English."""
    with translation.override("sv"):
        swedish = str(text) % params if params else str(text)
    with translation.override("en"):
        english = str(text) % params if params else str(text)
    literals = [Literal(swedish, "sv")]
    if english != swedish:
        literals.append(Literal(english, "en"))
    return literals


def _datetime(value) -> Literal:
    return Literal(timezone.localtime(value).isoformat(timespec="seconds"), datatype="xsd:dateTime")


def _date(value) -> Literal:
    return Literal(value.isoformat(), datatype="xsd:date")


def publisher_iri(federation, index: str) -> str:
    """dataportal.se names Swedish organisations by their organisation number."""
    digits = "".join(ch for ch in federation.organisation_number if ch.isdigit())
    if len(digits) == 10:
        return f"http://dataportal.se/organisation/SE{digits}"
    return f"{index}#utgivare"


def graph(base_url: str) -> list[Node]:
    """The catalogue's nodes. base_url: scheme and host the URLs start with."""
    federation = current()
    index = base_url + reverse("opendata:index")
    published = list(
        publications().prefetch_related("datasets").order_by("period__year", "revision")
    )
    latest_by_year: dict[int, Publication] = {}
    first_by_year: dict[int, Publication] = {}
    for publication in published:
        latest_by_year[publication.period.year] = publication
        first_by_year.setdefault(publication.period.year, publication)

    publisher = Node(publisher_iri(federation, index), "foaf:Agent")
    publisher.add("rdf:type", IRI(PREFIXES["foaf"] + "Organization"))
    publisher.add("foaf:name", Literal(federation.name, "sv"))
    publisher.add("dcterms:type", IRI(LOCAL_AUTHORITY))
    publisher.add("foaf:homepage", IRI(index))
    if federation.contact_email:
        publisher.add("foaf:mbox", IRI(f"mailto:{federation.contact_email}"))
    contact = Node(f"{index}#kontakt", "vcard:Organization")
    contact.add("vcard:fn", Literal(federation.name, "sv"))
    if federation.contact_email:
        contact.add("vcard:hasEmail", IRI(f"mailto:{federation.contact_email}"))
    else:
        contact.add("vcard:hasURL", IRI(index))

    catalogue = Node(f"{index}#katalog", "dcat:Catalog")
    catalogue.add(
        "dcterms:title",
        *_swedish_and_english(_("Öppna data från %(name)s"), name=federation.name),
    )
    catalogue.add(
        "dcterms:description",
        *_swedish_and_english(
            _(
                "Budget och verksamhetsplan som förbundet antagit, som öppna data i JSON och "
                "CSV för varje antaget år. En antagen version ändras aldrig; en revidering blir "
                "en ny version."
            )
        ),
    )
    catalogue.add("dcterms:publisher", IRI(publisher.id))
    catalogue.add("dcterms:language", IRI(SWEDISH))
    catalogue.add("dcterms:license", IRI(federation.open_data_licence))
    catalogue.add("foaf:homepage", IRI(index))
    catalogue.add("dcat:themeTaxonomy", IRI(THEMES))
    if published:
        catalogue.add("dcterms:issued", _datetime(min(p.published_at for p in published)))
        catalogue.add("dcterms:modified", _datetime(max(p.published_at for p in published)))

    nodes = [catalogue]
    licences: set[str] = {federation.open_data_licence}
    for spec in DATASETS:
        years = [
            year
            for year, publication in sorted(latest_by_year.items())
            if any(d.key == spec.key for d in publication.datasets.all())
        ]
        if not years:
            continue
        dataset = Node(f"{index}#{spec.key}", "dcat:Dataset")
        catalogue.add("dcat:dataset", IRI(dataset.id))
        dataset.add("dcterms:title", *_swedish_and_english(spec.title))
        dataset.add("dcterms:description", *_swedish_and_english(spec.description))
        with translation.override("sv"):
            dataset.add("dcat:keyword", *(Literal(str(k), "sv") for k in spec.keywords))
        dataset.add("dcat:theme", *(IRI(f"{THEMES}/{code}") for code in spec.themes))
        dataset.add("dcterms:publisher", IRI(publisher.id))
        dataset.add("dcat:contactPoint", IRI(contact.id))
        dataset.add("dcat:landingPage", IRI(f"{index}#{spec.key}"))
        dataset.add("dcterms:language", IRI(SWEDISH))
        dataset.add("dcterms:accessRights", IRI(PUBLIC))
        dataset.add("dcterms:accrualPeriodicity", IRI(ANNUAL))
        temporal = Node(f"{index}#{spec.key}-tidsperiod", "dcterms:PeriodOfTime")
        temporal.add("dcat:startDate", Literal(f"{years[0]}-01-01", datatype="xsd:date"))
        temporal.add("dcat:endDate", Literal(f"{years[-1]}-12-31", datatype="xsd:date"))
        dataset.add("dcterms:temporal", IRI(temporal.id))
        dataset.add("dcterms:issued", _datetime(first_by_year[years[0]].published_at))
        modified = max(latest_by_year[y].published_at for y in years)
        dataset.add("dcterms:modified", _datetime(modified))
        nodes += [dataset, temporal]
        for year in years:
            publication = latest_by_year[year]
            published_set = next(d for d in publication.datasets.all() if d.key == spec.key)
            licences.add(publication.licence)
            for fmt, (file_type, media_type) in FORMATS.items():
                distribution = Node(f"{index}#{spec.key}-{year}-{fmt}", "dcat:Distribution")
                dataset.add("dcat:distribution", IRI(distribution.id))
                distribution.add(
                    "dcterms:title", Literal(f"{published_set.title} ({fmt.upper()})", "sv")
                )
                distribution.add("dcat:accessURL", IRI(f"{index}#{spec.key}"))
                distribution.add(
                    "dcat:downloadURL",
                    IRI(base_url + reverse("opendata:current", args=[year, spec.key, fmt])),
                )
                distribution.add("dcterms:format", IRI(file_type))
                distribution.add("dcat:mediaType", IRI(MEDIA_TYPES + media_type))
                distribution.add("dcterms:license", IRI(publication.licence))
                distribution.add("dcterms:issued", _datetime(first_by_year[year].published_at))
                distribution.add("dcterms:modified", _datetime(publication.published_at))
                nodes.append(distribution)
    for uri in sorted(licences):
        licence = Node(uri, "dcterms:LicenseDocument")
        label = OpenDataLicence(uri).label if uri in OpenDataLicence.values else uri
        with translation.override("sv"):
            licence.add("dcterms:title", Literal(str(label), "sv"))
        nodes.append(licence)
    return [*nodes, publisher, contact]


# --- Writers --------------------------------------------------------------------------------


def _expand(name: str) -> str:
    prefix, local = name.split(":", 1)
    return PREFIXES[prefix] + local


def _jsonld_value(value: IRI | Literal) -> dict:
    if isinstance(value, IRI):
        return {"@id": str(value)}
    item = {"@value": value.value}
    if value.lang:
        item["@language"] = value.lang
    if value.datatype:
        item["@type"] = value.datatype
    return item


def to_jsonld(nodes: list[Node]) -> str:
    described = []
    for node in nodes:
        item: dict = {"@id": node.id, "@type": [node.type]}
        grouped: dict[str, list] = defaultdict(list)
        for predicate, value in node.properties:
            if predicate == "rdf:type":
                item["@type"].append(str(value))
            else:
                grouped[predicate].append(_jsonld_value(value))
        item.update(grouped)
        described.append(item)
    context = {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "rdf"}
    return serialise.dumps({"@context": context, "@graph": described}, expand=3) + "\n"


def to_rdfxml(nodes: list[Node]) -> str:
    namespaces = " ".join(f"xmlns:{p}={quoteattr(iri)}" for p, iri in PREFIXES.items())
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f"<rdf:RDF {namespaces}>"]
    for node in nodes:
        lines.append(f"  <{node.type} rdf:about={quoteattr(node.id)}>")
        for predicate, value in node.properties:
            if isinstance(value, IRI):
                lines.append(f"    <{predicate} rdf:resource={quoteattr(str(value))}/>")
                continue
            attributes = ""
            if value.lang:
                attributes += f" xml:lang={quoteattr(value.lang)}"
            if value.datatype:
                attributes += f" rdf:datatype={quoteattr(_expand(value.datatype))}"
            lines.append(f"    <{predicate}{attributes}>{escape(value.value)}</{predicate}>")
        lines.append(f"  </{node.type}>")
    lines.append("</rdf:RDF>")
    return "\n".join(lines) + "\n"
