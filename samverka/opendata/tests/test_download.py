"""Anyone fetches the published data sets, without login, at stable and versioned URLs."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from samverka.budget.models import BudgetLine
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.opendata.tests._helpers import adopt, revise
from samverka.portfolio.models import Project

pytestmark = pytest.mark.django_db


def _current(year, key, fmt="json"):
    return reverse("opendata:current", args=[year, key, fmt])


def _versioned(year, revision, key, fmt="json"):
    return reverse("opendata:versioned", args=[year, revision, key, fmt])


def test_a_visitor_without_login_reads_the_index_and_the_data_sets(client):
    load_skaraborg()
    adopt(2026)
    page = client.get(reverse("opendata:index"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "<h1>Öppna data</h1>" in text
    assert "CC0 1.0" in text and "Skaraborgs Kommunalförbund" in text
    assert _current(2026, "medlemsavgifter", "csv") in text
    assert _versioned(2025, 1, "driftbudget") not in text  # 2025 has one version: no history
    for url in (_current(2026, "driftbudget"), _current(2026, "medlemsavgifter", "csv")):
        assert client.get(url).status_code == 200
    for name in ("opendata:catalogue_jsonld", "opendata:catalogue_rdf"):
        assert client.get(reverse(name)).status_code == 200


def test_a_draft_year_is_not_published(client):
    load_skaraborg()
    response = client.get(_current(2026, "driftbudget"))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "inte antaget" in response.json()["error"]
    assert client.get(_versioned(2026, 1, "driftbudget", "csv")).status_code == 404
    index = client.get(reverse("opendata:index")).content.decode()
    assert 'id="ar-2025"' in index and 'id="ar-2026"' not in index


def test_unknown_years_keys_and_versions_answer_404_in_the_format_asked(client):
    load_skaraborg()
    unknown = client.get(_current(2025, "hemligt"))
    assert unknown.status_code == 404 and "hemligt" in unknown.json()["error"]
    as_csv = client.get(_current(1999, "driftbudget", "csv"))
    assert as_csv.status_code == 404 and as_csv["Content-Type"].startswith("text/plain")
    assert "1999" in as_csv.content.decode()
    assert "version 7" in client.get(_versioned(2025, 7, "driftbudget")).json()["error"]
    assert client.get("/oppna-data/2025/driftbudget.xml").status_code == 404


def test_the_json_amounts_are_numbers_equal_to_the_budget_page(client):
    load_skaraborg()
    adopt(2026)
    document = client.get(_current(2026, "driftbudget")).json()
    revenue = next(r for r in document["rows"] if r["rad"] == "SUMMA INTÄKTER")
    assert revenue["budget"] == 64295000 and type(revenue["budget"]) is int
    assert revenue["budget_foregaende_ar"] == 60487000
    assert revenue["forandring_procent"] == 6.3
    client.force_login(testing.make_reader())
    page = client.get(reverse("budget:period", args=[2026])).content.decode()
    assert "64\u00a0295\u00a0000" in page
    client.logout()
    assert [c["key"] for c in document["columns"]] == [
        "radtyp",
        "rad",
        "budget",
        "budget_foregaende_ar",
        "forandring_kr",
        "forandring_procent",
    ]
    assert {c["type"] for c in document["columns"]} == {"text", "money", "percent"}
    fees = client.get(_current(2026, "medlemsavgifter")).json()
    by_code = {r["kommunkod"]: r for r in fees["rows"]}
    # 5 560 inhabitants × 50,55 kr is whole kronor: an integer. 32 806 × 50,55 has öre: they
    # stay, as a number with its decimals, never rounded through a float.
    assert by_code["1445"] == {
        "radtyp": "rad",
        "kommunkod": "1445",
        "kommun": "Essunga",
        "invanare": 5560,
        "avgift": 281058,
    }
    raw = client.get(_current(2026, "medlemsavgifter")).content.decode()
    assert '"avgift": 1658343.30' in raw and '"avgift": 281058}' in raw
    exact = json.loads(raw, parse_float=Decimal)["rows"]
    assert next(r for r in exact if r["kommunkod"] == "1499")["avgift"] == Decimal("1658343.30")
    assert "50,55 kr per invånare" in fees["source"]


def test_the_csv_is_rfc_4180_with_the_column_keys_as_header(client):
    load_skaraborg()
    adopt(2026)
    response = client.get(_current(2026, "driftbudget", "csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    body = response.content.decode("utf-8")
    assert not body.startswith("\ufeff") and "\r\n" in body
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [
        "radtyp",
        "rad",
        "budget",
        "budget_foregaende_ar",
        "forandring_kr",
        "forandring_procent",
    ]
    assert ["summa", "SUMMA INTÄKTER", "64295000", "60487000", "3808000", "6.3"] in rows


def test_a_versioned_url_is_immutable_and_answers_304_to_its_etag(client):
    load_skaraborg()
    response = client.get(_versioned(2025, 1, "driftbudget"))
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    etag = response["ETag"]
    assert len(etag) == 66 and etag.startswith('"') and not etag.startswith("W/")
    again = client.get(_versioned(2025, 1, "driftbudget"), headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    other = client.get(_versioned(2025, 1, "driftbudget"), headers={"If-None-Match": '"abc"'})
    assert other.status_code == 200
    csv_etag = client.get(_versioned(2025, 1, "driftbudget", "csv"))["ETag"]
    assert csv_etag != etag


def test_a_project_edited_after_adoption_leaves_the_versioned_bytes_and_etag(client):
    load_skaraborg()
    adopt(2026)
    before = client.get(_versioned(2026, 1, "projekt"))
    assert "Kompetensnavet" in before.content.decode()
    project = Project.objects.get(code="kompetensnavet")
    project.name = "Kompetensnavet 2.0"
    project.save()
    after = client.get(_versioned(2026, 1, "projekt"))
    assert (after.content, after["ETag"]) == (before.content, before["ETag"])
    assert "Kompetensnavet 2.0" not in after.content.decode()
    # The project list itself shows the new name: only the publication stands still.
    client.force_login(testing.make_reader())
    assert "Kompetensnavet 2.0" in client.get(reverse("portfolio:index")).content.decode()


def test_a_revision_is_served_as_v2_beside_v1_and_the_current_url_points_to_it(client):
    load_skaraborg()
    adopt(2026)
    v1 = client.get(_versioned(2026, 1, "driftbudget")).content

    def change(period):
        line = BudgetLine.objects.get(period=period, unit=None, code="intakter")
        line.amount = Decimal("65000000")
        line.save()

    revise(2026, change)
    assert client.get(_versioned(2026, 1, "driftbudget")).content == v1
    v2 = client.get(_versioned(2026, 2, "driftbudget"))
    assert json.loads(v2.content)["rows"][0]["budget"] == 65000000
    current = client.get(_current(2026, "driftbudget"))
    assert current.content == v2.content and current["ETag"] == v2["ETag"]
    assert current["Cache-Control"] == "public, max-age=300"
    assert current["Content-Location"] == _versioned(2026, 2, "driftbudget")
    assert (
        current["Link"]
        == f'<http://testserver{_versioned(2026, 2, "driftbudget")}>; rel="canonical"'
    )
    assert (
        client.get(
            _current(2026, "driftbudget"), headers={"If-None-Match": current["ETag"]}
        ).status_code
        == 304
    )
    index = client.get(reverse("opendata:index")).content.decode()
    assert "Tidigare versioner av 2026" in index and _versioned(2026, 1, "driftbudget") in index


def test_the_data_sets_are_public_for_a_logged_in_user_without_a_role_too(client):
    load_skaraborg()
    client.force_login(testing.make_user())
    assert client.get(_current(2025, "driftbudget")).status_code == 200
    assert client.get(reverse("opendata:index")).status_code == 200
