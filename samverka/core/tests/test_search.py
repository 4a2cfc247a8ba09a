"""The header search at /sok/: decisions, projects, activities, indicators, units, members."""

import re

import pytest
from django.urls import reverse

from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.decisions.models import Decision
from samverka.orgs.models import Federation, Member
from samverka.portfolio.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    return client


def _search(client, q):
    response = client.get(reverse("core:search"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def _group(html, key):
    match = re.search(
        rf'<section class="search-group" aria-labelledby="sok-{key}">(.*?)</section>', html, re.S
    )
    return match.group(1) if match else ""


def test_the_header_of_every_page_has_a_labelled_search_form(reader):
    html = reader.get(reverse("core:overview")).content.decode()
    form = re.search(r'<form class="site-search" role="search".*?</form>', html, re.S)
    assert form, "the header has the search form"
    assert f'action="{reverse("core:search")}"' in form.group(0)
    assert '<label for="site-search-q">Sök</label>' in form.group(0)
    assert 'name="q"' in form.group(0)


def test_an_empty_query_shows_the_form_and_no_results(reader):
    html = _search(reader, "  ")
    assert "<h1>Sök</h1>" in html
    assert 'id="search-page-q" name="q"' in html
    assert "träff" not in html


def test_omstallning_finds_the_programme_s_activities_and_unit(reader):
    html = _search(reader, "omställning")
    activities = _group(html, "activities")
    assert "Fortsatt satsning på det långsiktigt politiska uppdraget Omställning Skaraborg" in (
        activities
    )
    assert 'href="/plan/aktiviteter/' in activities
    assert 'href="/organisation/enheter/' in _group(html, "units")
    assert "Omställning Skaraborg" in _group(html, "units")
    assert re.search(r'<a href="#sok-activities">Aktiviteter \(\d+\)</a>', html)


def test_upper_case_swedish_letters_match_lower_case_ones(reader):
    assert "Omställning Skaraborg" in _group(_search(reader, "OMSTÄLLNING"), "units")


def test_mariestad_finds_the_member_with_a_link_to_its_page(reader):
    members = _group(_search(reader, "Mariestad"), "members")
    assert '<a href="/organisation/kommuner/1493/">Mariestad</a>' in members
    assert "(1)" in _search(reader, "Mariestad").split('id="sok-members"')[1][:80]


@pytest.mark.parametrize("query", ["Lidköping", "lidköping", "LIDKÖPING"])
def test_lidkoping_matches_in_any_case(reader, query):
    members = _group(_search(reader, query), "members")
    assert '<a href="/organisation/kommuner/1494/">Lidköping</a>' in members


def test_a_decision_is_found_by_its_title_and_links_to_its_page(reader):
    decisions = _group(_search(reader, "stärkt apl"), "decisions")
    assert '<a href="/beslut/ansokan-starkt-apl/">Ansökan Stärkt APL</a>' in decisions


def test_a_decision_is_found_by_its_diarienummer(reader):
    decision = Decision.objects.get(title="Ansökan Stärkt APL")
    decision.reference_number = "SKF 2025/117"
    decision.save()
    decisions = _group(_search(reader, "skf 2025/117"), "decisions")
    assert '<a href="/beslut/ansokan-starkt-apl/">Ansökan Stärkt APL</a>' in decisions
    assert "SKF 2025/117" in decisions


def test_a_project_is_found_by_its_name_and_links_to_its_page(reader):
    project = Project.objects.get(name="Kompetensnavet")
    projects = _group(_search(reader, "kompetensnav"), "projects")
    assert f'<a href="/projekt/{project.code}/">Kompetensnavet</a>' in projects


def test_every_word_must_match_and_an_indicator_is_found_by_its_name(reader):
    html = _search(reader, "befolkning utveckling")
    assert 'href="/mal/indikator/befolkning/"' in _group(html, "indicators")
    assert _group(_search(reader, "befolkning zzz"), "indicators") == ""


def test_no_result_says_so_in_swedish(reader):
    html = _search(reader, "xyzzy")
    assert "Inga träffar för ”xyzzy”." in html
    assert 'class="search-group"' not in html


def test_the_query_stays_in_the_header_field_and_is_escaped(reader):
    html = _search(reader, '<b>"Mariestad"</b>')
    assert '<b>"Mariestad"</b>' not in html
    assert 'value="&lt;b&gt;&quot;Mariestad&quot;&lt;/b&gt;"' in html


def test_a_user_without_a_role_may_not_search(client):
    Federation.objects.create(code="f", name="Förbundet")
    client.force_login(testing.make_user())
    assert client.get(reverse("core:search"), {"q": "a"}).status_code == 403


def test_not_logged_in_is_redirected_to_the_login_page(client):
    response = client.get(reverse("core:search"), {"q": "Mariestad"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_members_are_counted_per_kind(reader):
    html = _search(reader, "köping")
    expected = Member.objects.filter(name__contains="köping").count()
    assert expected >= 2
    assert f'Medlemskommuner <span class="count">({expected})</span>' in html
