import pytest
from django.urls import reverse

from samverka.audit.models import LogEntry
from samverka.core import testing
from samverka.core.seeding import load_skaraborg
from samverka.plan.models import Activity, ActivityPlan, PriorityArea, Programme

pytestmark = pytest.mark.django_db


def test_it_loads_the_six_priority_areas_of_2026_with_their_texts():
    load_skaraborg()
    areas = list(PriorityArea.objects.filter(period__year=2026))
    assert [a.title for a in areas] == [
        "Sammanhållen riktning för kompetensförsörjning och utbildning",
        "Hållbar samhällsplanering",
        "Stärka Skaraborgs attraktionskraft",
        "Ett inriktningsdokument för samverkan mellan kommunerna i Skaraborg gällande "
        "socialtjänst och kommunal primärvård",
        "Fortsatt utvecklingsarbete inom ramen för förbundet som arbetsplats",
        "Digitalisering ska genomsyra hela verksamheten",
    ]
    assert areas[0].why.startswith("För att möta omställningen i Skaraborg")
    assert "antagningssystem" in areas[0].implementation_plan


def test_the_activities_are_the_stated_measures_without_invented_dates_or_owners():
    load_skaraborg()
    activities = Activity.objects.filter(priority_area__period__year=2026)
    assert activities.count() == 24
    assert not activities.filter(start__isnull=False).exists()
    assert not activities.filter(end__isnull=False).exists()
    assert not activities.filter(owner__isnull=False).exists()
    assert not activities.exclude(owner_name="").exists()
    # The only responsibility the plan states: "RSS Skaraborg/välfärdsutveckling är ansvarig".
    assert list(activities.filter(unit__isnull=False).values_list("unit__code", flat=True)) == [
        "valfardsutveckling"
    ]
    assert activities.filter(
        title__startswith="Bidra till att det nationella AI-projektet"
    ).exists()


def test_it_loads_the_programme_with_its_seven_focus_areas_and_an_empty_draft_plan():
    load_skaraborg()
    programme = Programme.objects.get(code="omstallning-skaraborg")
    assert list(programme.focus_areas.values_list("name", flat=True)) == [
        "Samhällsplanering",
        "Etablering",
        "Kompetens",
        "Platsutveckling",
        "Social hållbarhet",
        "Strategisk samverkan",
        "Finansiering",
    ]
    assert programme.overall_goal.startswith("Omställning Skaraborg ska vara den samlande kraften")
    roles = dict(programme.roles.values_list("title", "text"))
    assert roles["Kommunernas medarbetare"].startswith("Medarbetare från kommunerna")
    assert roles["Kommunalförbundets medarbetare"].startswith("Medarbetarna vid Skaraborgs")
    (plan,) = programme.activity_plans.all()
    assert (plan.year, plan.status, plan.activities.count()) == (2026, ActivityPlan.Status.DRAFT, 0)


def test_loading_twice_changes_nothing():
    load_skaraborg()
    before = LogEntry.objects.count()
    ctx = load_skaraborg()
    assert not ctx.created and not ctx.findings
    assert LogEntry.objects.count() == before


def test_the_programme_page_shows_its_texts_and_reporting_duties(client):
    load_skaraborg()
    client.force_login(testing.make_reader())
    page = client.get(reverse("plan:programme", args=["omstallning-skaraborg"])).content.decode()
    assert "Strategisk samverkan" in page
    assert "Högskolan i Skövde" in page
    assert "Minst en gång per halvår sker en fördjupning." in page
    assert "Uppföljningen har inte börjat" in page
    assert "Kommunernas medarbetare" in page
