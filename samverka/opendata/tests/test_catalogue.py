"""The DCAT-AP-SE catalogue parses, in both serialisations, and names every data set."""

import pytest
from django.urls import reverse
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF

from samverka.core.seeding import load_skaraborg
from samverka.opendata.datasets import DATASETS
from samverka.opendata.tests._helpers import adopt
from samverka.orgs.models import Federation

pytestmark = pytest.mark.django_db

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
INDEX = "http://testserver/oppna-data/"


def _graph(client, name: str, fmt: str) -> Graph:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return Graph().parse(data=response.content.decode("utf-8"), format=fmt)


@pytest.fixture
def catalogues(client):
    load_skaraborg()
    federation = Federation.objects.get()
    federation.contact_email = "kansliet@example.se"
    federation.save()
    adopt(2026)
    return (
        _graph(client, "opendata:catalogue_jsonld", "json-ld"),
        _graph(client, "opendata:catalogue_rdf", "xml"),
    )


def test_the_catalogue_names_every_data_set_with_its_licence_and_publisher(catalogues):
    graph, _ = catalogues
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert graph.value(catalogue, DCTERMS.title) == Literal(
        "Öppna data från Skaraborgs Kommunalförbund", lang="sv"
    )
    assert graph.value(catalogue, DCTERMS.description) is not None
    assert graph.value(catalogue, DCTERMS.license) == CC0
    publisher = graph.value(catalogue, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert str(graph.value(publisher, FOAF.name)) == "Skaraborgs Kommunalförbund"
    assert graph.value(publisher, FOAF.mbox) == URIRef("mailto:kansliet@example.se")

    datasets = set(graph.objects(catalogue, DCAT.dataset))
    assert datasets == {URIRef(INDEX + "#" + d.key) for d in DATASETS}
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        assert graph.value(dataset, DCTERMS.title, any=True) is not None
        assert graph.value(dataset, DCTERMS.description, any=True) is not None
        assert graph.value(dataset, DCTERMS.publisher) == publisher
        contact = graph.value(dataset, DCAT.contactPoint)
        assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:kansliet@example.se")
        distributions = set(graph.objects(dataset, DCAT.distribution))
        # 2025 (loaded as adopted) and 2026, each as JSON and CSV; 2025 has no fee model.
        assert len(distributions) == (2 if dataset.endswith("#medlemsavgifter") else 4)
        for distribution in distributions:
            assert graph.value(distribution, DCTERMS.license) == CC0
            assert graph.value(distribution, DCAT.accessURL) is not None
            assert str(graph.value(distribution, DCAT.downloadURL)).startswith(INDEX)
            assert graph.value(distribution, DCTERMS["format"]) is not None


def test_each_distribution_downloads_what_it_names(client, catalogues):
    graph, _ = catalogues
    for url in graph.objects(None, DCAT.downloadURL):
        response = client.get(str(url).removeprefix("http://testserver"))
        assert response.status_code == 200, url
        assert response["Content-Type"].split(";")[0] in ("application/json", "text/csv")


def test_the_titles_and_time_span_read_in_swedish_and_english(catalogues):
    graph, _ = catalogues
    dataset = URIRef(INDEX + "#driftbudget")
    titles = {t.language: str(t) for t in graph.objects(dataset, DCTERMS.title)}
    assert titles["sv"] == "Driftbudget, totalt"
    assert titles["en"] == "Operating budget, total"
    span = graph.value(dataset, DCTERMS.temporal)
    assert str(graph.value(span, DCAT.startDate)) == "2025-01-01"
    assert str(graph.value(span, DCAT.endDate)) == "2026-12-31"
    assert graph.value(dataset, DCTERMS.accrualPeriodicity) == URIRef(
        "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
    )


def test_json_ld_and_rdf_xml_say_the_same_triples(catalogues):
    jsonld, rdfxml = catalogues
    assert len(jsonld) == len(rdfxml) > 100
    assert isomorphic(jsonld, rdfxml)


def test_an_empty_installation_has_a_catalogue_without_data_sets(client):
    from samverka.core import testing

    testing.make_federation(name="Förbund utan data")
    graph = _graph(client, "opendata:catalogue_jsonld", "json-ld")
    (catalogue,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert list(graph.objects(catalogue, DCAT.dataset)) == []
