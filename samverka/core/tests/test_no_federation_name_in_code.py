"""No federation's name is written into code or templates, so that another one can be set up.

The rule: "Skaraborg", in any case, may not appear in a .py or .html file of the package, not
even in a comment, except
- where the Skaraborg data set itself lives or is loaded: samverka/seed/, every seed.py,
  core/seeding.py and the load_skaraborg command;
- in tests, test factories (testing.py), migrations and the translation catalogue;
- as the name of the command that loads the data set ("load-skaraborg", "load_skaraborg"),
  which pages and help texts may name.
The region's name comes from the federation (`Federation.region_name`) at render time.
"""

import re
from pathlib import Path

import samverka

ROOT = Path(samverka.__file__).resolve().parent
EXEMPT_DIRS = {"seed", "tests", "migrations", "locale"}
EXEMPT_FILES = {"seed.py", "testing.py", "seeding.py", "load_skaraborg.py"}
NAME = re.compile(r"(?<!load[-_])skaraborg", re.IGNORECASE)


def _checked_files() -> list[Path]:
    files = []
    for path in sorted([*ROOT.rglob("*.py"), *ROOT.rglob("*.html")]):
        parts = set(path.relative_to(ROOT).parts[:-1])
        if parts & EXEMPT_DIRS or path.name in EXEMPT_FILES:
            continue
        files.append(path)
    return files


def _offences(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if NAME.search(line):
                name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_no_code_or_template_names_skaraborg():
    assert _offences(_checked_files()) == []


def test_the_check_covers_views_models_and_templates():
    checked = {str(p.relative_to(ROOT)) for p in _checked_files()}
    assert {"goals/overview.py", "goals/models.py", "core/views.py"} <= checked
    assert "goals/templates/goals/index.html" in checked
    assert "core/seeding.py" not in checked


def test_the_check_finds_the_name_but_not_the_command(tmp_path):
    offending = tmp_path / "view.py"
    offending.write_text('REGION = "Skaraborg"\n# run samverka load-skaraborg first\n')
    assert len(_offences([offending])) == 1
    template = tmp_path / "page.html"
    template.write_text("<p>Värde för SKARABORG</p>\n")
    assert len(_offences([template])) == 1
