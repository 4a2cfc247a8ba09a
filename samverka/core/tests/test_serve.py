"""`samverka serve` starts the production server: it answers the health check and hands out
static files under hashed names cached for ever, stops cleanly on SIGTERM, and refuses to start
with a clear message when the environment is wrong. Runs the real command in a subprocess on
the suite's database (SQLite: a fresh file; PostgreSQL: the test database)."""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from django.db import connection

from samverka.core import deployment

SAMVERKA = str(Path(sys.executable).with_name("samverka"))
SECRET = "a-secret-key-only-for-this-test-0123456789"  # noqa: S105


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def static_root() -> Path:
    # Collecting and compressing the static files costs many seconds of CPU; a folder per set
    # of sources lets every run on this machine (SQLite and PostgreSQL) share one collection,
    # and CI names the folder its own start of `samverka serve` collected into.
    if os.environ.get("STATIC_ROOT"):
        return Path(os.environ["STATIC_ROOT"])
    digest = deployment.static_sources_digest()[:16]
    return Path(tempfile.gettempdir()) / f"samverka-test-static-{digest}" / "static"


# What the proxy that ends TLS adds to every request it passes on.
HTTPS = {"X-Forwarded-Proto": "https"}


def production_env(tmp_path: Path, static_root: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SAMVERKA_", "SECRET_KEY", "DATABASE_URL", "SQLITE_PATH"))
        and key not in ("DEBUG", "ALLOWED_HOSTS", "STATIC_ROOT", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        SAMVERKA_ENV="production",
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1",
        SAMVERKA_DATA_DIR=str(tmp_path / "data"),
        STATIC_ROOT=str(static_root),
        SAMVERKA_WORKERS="1",
        SAMVERKA_THREADS="2",
        # As behind the proxy that ends TLS (deploy/nginx.conf): production redirects plain HTTP.
        SAMVERKA_BEHIND_TLS_PROXY="True",
    )
    if connection.vendor == "postgresql":
        # The test database is migrated already; the server shares it and only reads.
        settings_dict = connection.settings_dict
        env["DATABASE_URL"] = (
            f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@"
            f"{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/"
            f"{settings_dict['NAME']}"
        )
    env.update(extra)
    return env


def wait_for_health(base: str, server: subprocess.Popen, seconds: float = 240) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"samverka serve ended with {server.returncode}:\n{server.stdout.read()}")
        try:
            return httpx.get(f"{base}/halsa/", timeout=2)
        except httpx.HTTPError:
            time.sleep(0.3)
    pytest.fail(f"samverka serve did not answer within {seconds} s")


@pytest.fixture
def server(tmp_path, static_root, django_db_setup):
    port = free_port()
    process = subprocess.Popen(
        [SAMVERKA, "serve"],
        env=production_env(tmp_path, static_root, SAMVERKA_BIND=f"127.0.0.1:{port}"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, stopped as one if the test fails
    )
    try:
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_serve_answers_the_health_check_and_hashed_static_files_then_stops_on_sigterm(
    server, static_root
):
    process, base = server
    health = wait_for_health(base, process)
    assert health.status_code == 200
    assert health.json() == {"status": "ok"}

    manifest = (static_root / "staticfiles.json").read_text()
    original = httpx.get(base + "/static/samverka/samverka.css", headers=HTTPS, timeout=5)
    assert original.status_code == 200  # the original name too, for a page cached before
    stylesheet = _hashed_name(manifest, "samverka/samverka.css")
    response = httpx.get(f"{base}/static/{stylesheet}", headers=HTTPS, timeout=5)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert "max-age=315360000" in response.headers["cache-control"]
    assert "immutable" in response.headers["cache-control"]

    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=40) == 0
    log = process.stdout.read()
    assert "Handling signal: term" in log
    assert "Shutting down: Master" in log
    assert "Traceback" not in log


def _hashed_name(manifest: str, name: str) -> str:
    return json.loads(manifest)["paths"][name]


def test_serve_refuses_to_start_in_production_without_a_secret_key(tmp_path, static_root):
    env = production_env(tmp_path, static_root, SAMVERKA_BIND=f"127.0.0.1:{free_port()}")
    del env["SECRET_KEY"]
    result = subprocess.run(
        [SAMVERKA, "serve"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Listening" not in result.stdout + result.stderr


def test_serve_without_setup_on_start_refuses_a_database_that_is_not_migrated(tmp_path):
    env = production_env(
        tmp_path,
        tmp_path / "static",
        SAMVERKA_BIND=f"127.0.0.1:{free_port()}",
        SAMVERKA_SETUP_ON_START="False",
    )
    env.pop("DATABASE_URL", None)  # a fresh SQLite file: nothing migrated
    result = subprocess.run(
        [SAMVERKA, "serve"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "migreringar är inte körda" in result.stderr
    assert "samverka setup" in result.stderr
    assert "statiska filerna är inte insamlade" in result.stderr
    assert "Listening" not in result.stdout + result.stderr


def test_serve_refuses_a_worker_count_that_is_not_a_number(tmp_path, static_root):
    env = production_env(tmp_path, static_root, SAMVERKA_WORKERS="many")
    result = subprocess.run(
        [SAMVERKA, "serve"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "SAMVERKA_WORKERS must be a whole number" in result.stderr


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the advisory lock is PostgreSQL's")
def test_setup_waits_while_another_instance_holds_the_migration_lock(tmp_path, django_db_setup):
    import threading

    import psycopg

    env = production_env(tmp_path, tmp_path / "static", SAMVERKA_ENV="test")
    setup = None
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [deployment.ADVISORY_LOCK_KEY])
        try:
            setup = subprocess.Popen(
                [SAMVERKA, "setup"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,
            )
            first_line: list[str] = []
            reader = threading.Thread(target=lambda: first_line.append(setup.stdout.readline()))
            reader.start()
            reader.join(timeout=120)
            assert first_line == ["En annan instans förbereder databasen; väntar på den …\n"]
            time.sleep(1)
            assert setup.poll() is None  # still waiting while the lock is held
        finally:
            holder.execute("SELECT pg_advisory_unlock(%s)", [deployment.ADVISORY_LOCK_KEY])
        try:
            assert setup.wait(timeout=120) == 0
            assert "Databasen har alla migreringar." in setup.stdout.read()
        finally:
            if setup.poll() is None:
                os.killpg(setup.pid, signal.SIGKILL)
