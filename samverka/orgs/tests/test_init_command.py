"""`samverka init`: a federation from a YAML file, from flags, or from questions in Swedish."""

import builtins
import getpass
from io import StringIO

import httpx
import pytest
from django.core.management import CommandError, call_command

from samverka.goals import testing as gt
from samverka.goals.scb import ScbClient
from samverka.orgs import populations
from samverka.orgs.models import Federation, Member, Population

pytestmark = pytest.mark.django_db

PASSWORD = "ett-langt-losenord-2026"  # noqa: S105 - a test persona's

SJUHARAD_YAML = f"""\
name: Boråsregionen Sjuhärads kommunalförbund
short_name: Sjuhärad
governance: direktion
year: 2026
fee_per_inhabitant: "30,00"
units: [Kansli]
members:
  - {{code: "1443", inhabitants: 9700}}
  - "1490"
  - "1466"
  - "1463"
  - "1465"
  - "1452"
  - "1491"
  - "1442"
administrator:
  username: admin
  password: "{PASSWORD}"
"""


def run(*args) -> str:
    out = StringIO()
    call_command("init", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def yaml_file(tmp_path):
    def write(text: str = SJUHARAD_YAML):
        path = tmp_path / "federation.yaml"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_init_from_a_file_creates_the_federation_and_reports_its_budget_check(yaml_file, settings):
    settings.SCB_ONLINE = False
    out = run("--file", yaml_file())
    federation = Federation.objects.get()
    assert federation.name == "Boråsregionen Sjuhärads kommunalförbund"
    assert Member.objects.count() == 8
    assert Population.objects.get(member__municipality_code="1443").inhabitants == 9700
    assert "upplagt med 8 medlemmar och planeringsåret 2026" in out
    assert "Folkmängd saknas för 7 medlemmar" in out
    assert "saknas för 7 av 8 medlemmar (Borås, Herrljunga" in out


def test_init_refuses_a_database_that_has_a_federation(yaml_file):
    run("--file", yaml_file())
    with pytest.raises(CommandError, match="en installation har ett enda förbund"):
        run("--file", yaml_file())


def test_an_unknown_code_is_refused_with_the_files_line_and_field(yaml_file):
    path = yaml_file(SJUHARAD_YAML.replace('"1466"', '"1499x"').replace('"1465"', '"1400"'))
    with pytest.raises(CommandError) as refused:
        run("--file", path)
    message = str(refused.value)
    assert f"{path}, rad 10 (medlemmar): Kommunkoden ”1499x” är inte fyra siffror" in message
    assert f"{path}, rad 12 (medlemmar): Kommunkoden 1400 finns inte bland Sveriges 290" in (
        message
    )
    assert not Federation.objects.exists()


def test_a_weak_password_is_refused_on_the_administrators_line(yaml_file):
    path = yaml_file(SJUHARAD_YAML.replace(PASSWORD, "admin"))
    with pytest.raises(CommandError) as refused:
        run("--file", path)
    assert f"{path}, rad 18 (administratör: lösenord):" in str(refused.value)
    assert not Federation.objects.exists()


def test_bad_yaml_is_refused_in_swedish(yaml_file):
    with pytest.raises(CommandError, match="är inte giltig YAML"):
        run("--file", yaml_file("name: [ej stängd"))


def test_online_the_names_and_populations_come_from_scb(yaml_file, monkeypatch):
    answer = {(code, "2024"): 20000 for code in ["1443", "1490", "1466", "1463"]}
    answer |= {(code, "2024"): 15000 for code in ["1465", "1452", "1491", "1442"]}

    def handler(request):
        return gt.json_response(
            gt.json_stat2(answer, "BE0101N1", region_labels={"1490": "1490 Borås"})
        )

    monkeypatch.setattr(
        populations,
        "scb_client",
        lambda: ScbClient(transport=httpx.MockTransport(handler), sleep=lambda s: None, cache=None),
    )
    out = run("--file", yaml_file(), "--online")
    assert "Hämtar namn och folkmängd 2024 från SCB" in out
    assert Population.objects.count() == 8
    assert Population.objects.get(member__municipality_code="1443").inhabitants == 20000
    assert Population.objects.get(member__municipality_code="1490").source.startswith("SCB")
    assert "Folkmängd saknas" not in out


def test_online_a_failing_scb_is_said_and_nothing_is_created(yaml_file, monkeypatch):
    monkeypatch.setattr(
        populations,
        "scb_client",
        lambda: ScbClient(
            transport=httpx.MockTransport(lambda r: httpx.Response(503)),
            sleep=lambda s: None,
            cache=None,
        ),
    )
    with pytest.raises(CommandError, match="SCB svarade inte"):
        run("--file", yaml_file(), "--online")
    assert not Federation.objects.exists()


def test_init_asks_in_swedish_for_what_the_flags_did_not_give(monkeypatch, settings):
    settings.SCB_ONLINE = False
    answers = iter(
        [
            "Fyrbodals kommunalförbund",  # name
            "Fyrbodal",  # short name
            "1499x",  # a bad code: asked again
            "1460, 1438",  # Bengtsfors, Dals-Ed
            "2026",
            "fullmaktige",
            "41,20",  # fee
            "",  # PO rate later
            "Kansli, Näringsliv",
            "admin",
            "9 500",  # Bengtsfors
            "",  # Dals-Ed: later
        ]
    )
    monkeypatch.setattr(builtins, "input", lambda prompt="": next(answers))
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": PASSWORD)
    out = run()
    assert "Kommunkoden ”1499x” är inte fyra siffror" in out
    federation = Federation.objects.get()
    assert federation.name == "Fyrbodals kommunalförbund"
    assert federation.bodies.filter(code="forbundsstyrelse").exists()
    assert Population.objects.get().inhabitants == 9500
    assert list(federation.units.values_list("name", flat=True)) == ["Kansli", "Näringsliv"]
