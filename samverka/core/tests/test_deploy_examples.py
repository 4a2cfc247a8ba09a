"""The deployment examples (deploy/, docs/DEPLOY.md) stay true: the systemd unit starts a
command that exists, every variable they name is one Samverka reads, and nginx lets the largest
upload through."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
DOCS = [ROOT / "docs" / "DEPLOY.md", ROOT / "README.md"]
# Where the environment is read: a variable named in the docs must be read in one of these
# (settings.py, gunicorn_conf.py, a command, or the test setup for the tests' variables).
READERS = [
    path
    for path in [*(ROOT / "samverka").rglob("*.py"), ROOT / "conftest.py"]
    if "tests" not in path.parts
]
# Named in the docs, read by others than Samverka.
NOT_OURS = {"NOTIFY_SOCKET", "XDG_RUNTIME_DIR"}
VARIABLE = re.compile(
    r"\b(SAMVERKA_[A-Z_]+|SECRET_KEY(?:_FILE)?|DATABASE_URL|ALLOWED_HOSTS|"
    r"CSRF_TRUSTED_ORIGINS|STATIC_ROOT|DEBUG|LOG_LEVEL|SQLITE_PATH)\b"
)


def unit_lines(name: str) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for line in (DEPLOY / name).read_text().splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";")):
            key, _equals, value = line.partition("=")
            values.setdefault(key.strip(), []).append(value.strip())
    return values


def read_variables() -> str:
    # A name counts where it is read (os.environ, the env helpers), not where it is mentioned.
    source = "\n".join(path.read_text() for path in READERS)
    reads = re.findall(r"(?:environ|env_\w+|getenv|_int)\b[^)]*", source)
    # env_secret("SECRET_KEY") reads SECRET_KEY_FILE too.
    reads += [f"{name}_FILE" for name in re.findall(r'env_secret\("(\w+)"', source)]
    return "\n".join(reads)


def test_the_systemd_unit_starts_the_serve_command_of_the_samverka_script():
    unit = unit_lines("samverka.service")
    (exec_start,) = unit["ExecStart"]
    program, command = exec_start.split()
    assert Path(program).name == "samverka"
    assert 'samverka = "samverka.__main__:main"' in (ROOT / "pyproject.toml").read_text()
    assert command.replace("-", "_") in get_commands()
    assert unit["ExecReload"] == ["/bin/kill -HUP $MAINPID"]
    assert unit["EnvironmentFile"] == ["/etc/samverka/samverka.env"]


def test_the_systemd_unit_is_hardened():
    unit = unit_lines("samverka.service")
    for setting, value in [
        ("NoNewPrivileges", "yes"),
        ("ProtectSystem", "strict"),
        ("ProtectHome", "yes"),
        ("PrivateTmp", "yes"),
        ("PrivateDevices", "yes"),
        ("CapabilityBoundingSet", ""),
    ]:
        assert unit.get(setting) == [value], setting


def test_the_unit_waits_longer_for_a_stop_than_gunicorn_gives_its_workers():
    from samverka import gunicorn_conf

    unit = unit_lines("samverka.service")
    assert int(unit["TimeoutStopSec"][0]) > gunicorn_conf.graceful_timeout


def test_every_variable_the_deployment_docs_and_examples_name_is_read_by_samverka():
    source = read_variables()
    named = set()
    for path in [*DOCS, *DEPLOY.iterdir()]:
        named |= set(VARIABLE.findall(path.read_text()))
    assert "SAMVERKA_WORKERS" in named  # the pattern finds what it should
    unknown = sorted(name for name in named - NOT_OURS if name not in source)
    assert not unknown, f"named in the docs but read nowhere: {unknown}"


def test_every_variable_in_the_example_environment_file_is_in_the_readmes_table():
    readme = (ROOT / "README.md").read_text()
    for name in unit_lines("samverka.env"):
        assert f"`{name}`" in readme or f"/ `{name}`" in readme, name


def test_nginx_lets_the_largest_attachment_and_sie_file_through():
    config = (DEPLOY / "nginx.conf").read_text()
    sizes = [int(size) for size in re.findall(r"client_max_body_size (\d+)m;", config)]
    default, sie = sizes
    assert default * 1024 * 1024 > settings.SAMVERKA_ATTACHMENT_MAX_BYTES
    assert sie * 1024 * 1024 > settings.SAMVERKA_SIE_MAX_BYTES
    assert "location /utfall/las-in/" in config
    assert "non_idempotent" not in config.split("proxy_next_upstream ", 1)[1].split(";")[0]


def test_nginx_drops_an_idle_upstream_connection_before_gunicorn_does():
    from samverka import gunicorn_conf

    config = (DEPLOY / "nginx.conf").read_text()
    (seconds,) = re.findall(r"keepalive_timeout (\d+)s;", config)
    assert int(seconds) < gunicorn_conf.keepalive


def test_every_unit_runs_the_same_installation_with_the_same_settings():
    """The worker, the notifications and the pruning read the web server's environment file
    and run its virtualenv: a second file or folder would drift apart from the first."""
    web = unit_lines("samverka.service")
    program = web["ExecStart"][0].split()[0]
    for unit in sorted(DEPLOY.glob("samverka-*.service")):
        lines = unit_lines(unit.name)
        assert lines["EnvironmentFile"] == web["EnvironmentFile"], unit.name
        assert lines["WorkingDirectory"] == web["WorkingDirectory"], unit.name
        assert lines["ExecStart"][0].split()[0] == program, unit.name
