"""Load test of the production start: two `samverka serve` behind nginx on one PostgreSQL.

Run from the repository root (nginx and wrk from Debian; as root it installs them if missing):

    .venv/bin/python benchmarks/load.py [--seconds 60] [--users 50] [--no-record]

1. creates a fresh PostgreSQL database (LOAD_DATABASE_URL, default
   postgres://samverka:samverka@127.0.0.1:5432/samverka_load), loads Skaraborg into it and
   makes a controller with a session and an API token;
2. starts two `samverka serve` on free loopback ports (production settings, one shared cache
   table, both preparing at once: the second waits for the first's migration lock), and nginx
   on a free port, round-robin over the two, with a generated config in a temporary folder
   (deploy/nginx.conf's proxy settings, without TLS);
3. drives `--users` concurrent connections with wrk, as as many users, each with a session of
   their own (the controller, unit managers and readers): the health check alone, all pages
   mixed (round-robin in a Lua script: one user's pages, then the next user's), then each page
   alone (each request as the next user). The main pages are kept per user until data changes
   (core/pagecache.py), so the mixed run includes every user's first, rendered, view;
4. restarts without loss: during a mixed run a writer creates projects through the API
   (POST /api/v1/projects), one after the other, recording every 201 and the code it returned;
   instance A is reloaded with SIGHUP, instance B stopped with SIGTERM and started again; then
   every confirmed project must be in the database, the readers must have seen no error, and
   every user's project list, from either server, must show every confirmed project;
5. prints a table and appends it to docs/BENCHMARKS.md (unless --no-record).

Every process it starts is remembered and stopped by its own process group; nothing is stopped
by name. The goal: no errors, and each page at least 30 % of the health check's throughput.
"""

import argparse
import contextlib
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
SAMVERKA = str(Path(sys.executable).with_name("samverka"))
GOAL_RATIO = 0.30
PAGES = [
    "/oversikt/",
    "/budget/2026/",
    "/budget/2026/enhet/kunskapsutveckling/",
    "/mal/",
    "/plan/",
    "/projekt/",
    "/beslut/",
    "/utfall/",
    "/rapporter/",
    "/organisation/",
]
HEALTH = "/halsa/"

COUNT_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; statuses = {} end
function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    statuses[status] = (statuses[status] or 0) + 1
  end
end
function done(summary, latency, requests)
  local total, seen = 0, {}
  for _, thread in ipairs(threads) do
    total = total + thread:get("bad")
    for status, count in pairs(thread:get("statuses")) do
      seen[#seen + 1] = status .. "=" .. count
    end
  end
  io.write(string.format("RESULT bad=%d statuses=%s p50=%.1f p99=%.1f\\n", total,
    table.concat(seen, ","), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""

# Each request as the next user; a mixed run goes through every page for one user, then the
# next user's, so that every user sees every page.
USERS_LUA = """
local sessions = {%s}
local user = 0
function cookie()
  user = user %% #sessions + 1
  return {["Cookie"] = "sessionid=" .. sessions[user]}
end
"""

ONE_PAGE_LUA = """
function request()
  return wrk.format("GET", wrk.path, cookie())
end
"""

MIXED_LUA = """
local paths = {%s}
local index = 0
local headers = cookie()
function request()
  index = index %% #paths + 1
  if index == 1 then headers = cookie() end
  return wrk.format("GET", paths[index], headers)
end
"""

NGINX_CONF = """
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  log_format upstreamlog '$status $request_method $uri $upstream_addr $upstream_status';
  access_log {tmp}/nginx-access.log upstreamlog;
  client_body_temp_path {tmp}/nginx-body;
  proxy_temp_path {tmp}/nginx-proxy;
  fastcgi_temp_path {tmp}/nginx-fastcgi;
  uwsgi_temp_path {tmp}/nginx-uwsgi;
  scgi_temp_path {tmp}/nginx-scgi;

  # As deploy/nginx.conf: kept-alive connections for reads; writes on a fresh connection.
  upstream samverka {{
    server 127.0.0.1:{port_a} max_fails=0;
    server 127.0.0.1:{port_b} max_fails=0;
    keepalive 32;
    keepalive_timeout 4s;
  }}
  upstream samverka_writes {{
    server 127.0.0.1:{port_a} max_fails=0;
    server 127.0.0.1:{port_b} max_fails=0;
  }}
  map $request_method $samverka_upstream {{
    default samverka_writes;
    GET samverka;
    HEAD samverka;
  }}

  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 21m;
    location / {{
      proxy_pass http://$samverka_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
      proxy_next_upstream_timeout 15s;
    }}
  }}
}}
"""

# The users: as many as connections, each logged in with a session of their own, in the roles
# of a federation's readers: the controller, unit managers (each their unit) and readers
# (politicians, the members' economists). The first is the controller, who also writes.
PREPARE = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from samverka.accounts.models import Role, RoleAssignment
from samverka.api import tokens
from samverka.orgs.models import Unit
units = list(Unit.objects.order_by("sort_order", "code"))
sessions = []
for n in range(%(users)d):
    user, _ = get_user_model().objects.get_or_create(
        username=f"last{n}", defaults={"first_name": "Last", "last_name": str(n)}
    )
    if n == 0:
        RoleAssignment.objects.get_or_create(user=user, role=Role.CONTROLLER, unit=None)
    elif n %% 3 == 1:
        unit = units[n %% len(units)]
        RoleAssignment.objects.get_or_create(user=user, role=Role.UNIT_MANAGER, unit=unit)
    else:
        RoleAssignment.objects.get_or_create(user=user, role=Role.READER, unit=None)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
    if n == 0:
        _token, secret = tokens.create(user, "load")
print(json.dumps({"sessions": sessions, "token": secret}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Processes:
    """Every process this script starts, each in its own process group, stopped by that group."""

    def __init__(self) -> None:
        self.started: dict[str, subprocess.Popen] = {}

    def start(self, name: str, argv: list[str], env: dict, log: Path) -> subprocess.Popen:
        handle = open(log, "ab")  # noqa: SIM115 - the child writes it until it ends
        process = subprocess.Popen(
            argv, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.started[name] = process
        return process

    def stop(self, name: str, timeout: float = 40) -> int | None:
        process = self.started.pop(name, None)
        if process is None or process.poll() is not None:
            return None if process is None else process.returncode
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            return process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            return process.wait()

    def stop_all(self) -> None:
        for name in list(self.started):
            self.stop(name)


def ensure_tools() -> None:
    missing = [tool for tool in ("nginx", "wrk") if not shutil.which(tool)]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit(f"Missing {', '.join(missing)}: apt-get install -y nginx wrk")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "nginx", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def fresh_database(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        sys.exit(f"Database name {name!r}: letters, digits and _ only")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


def drop_database(url: str) -> None:
    parsed = urlparse(url)
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {parsed.path.lstrip('/')} WITH (FORCE)")


def wait_healthy(base: str, process: subprocess.Popen, log: Path, seconds: float = 600) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{base} ended ({process.returncode}):\n{log.read_text()[-3000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + HEALTH, timeout=2).status_code == 200:
                return
        time.sleep(0.5)
    sys.exit(f"{base} did not answer within {seconds} s")


def settle(ports: list[int], seconds: float = 180) -> None:
    """Wait until both servers answer the health check quickly three times in a row.

    When wrk stops, its requests still in the servers' queues are worked off (nginx closes the
    connection, gunicorn finishes the request): without this wait the next run would start on
    servers still busy with up to `--users` requests of the previous one.
    """
    deadline = time.monotonic() + seconds
    quick = 0
    while quick < 3 and time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(httpx.HTTPError):
            for own_port in ports:
                httpx.get(f"http://127.0.0.1:{own_port}{HEALTH}", timeout=30)
        quick = quick + 1 if time.monotonic() - started < 0.5 else 0
        time.sleep(0.5)


def wrk(url: str, script: Path, seconds: int, users: int) -> dict:
    argv = ["wrk", "-t2", f"-c{users}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
    argv += [url]
    output = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    result = re.search(r"RESULT bad=(\d+) statuses=(\S*) p50=([\d.]+) p99=([\d.]+)", output)
    return {
        "rps": rps,
        "requests": requests,
        "errors": int(result.group(1))
        + (sum(map(int, socket_errors.groups())) if socket_errors else 0),
        "non_200": int(result.group(1)),
        "timeouts": int(socket_errors.group(4)) if socket_errors else 0,
        "statuses": result.group(2),
        "socket_errors": socket_errors.group(0) if socket_errors else "",
        "p50": float(result.group(3)),
        "p99": float(result.group(4)),
    }


class Writer(threading.Thread):
    """Creates projects through the API one after the other; remembers each confirmed one."""

    def __init__(self, base: str, token: str) -> None:
        super().__init__(daemon=True)
        self.base, self.token = base, token
        self.confirmed: list[str] = []
        self.failed: list[str] = []
        self.running = True

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        number = 0
        with httpx.Client(base_url=self.base, headers=headers, timeout=30) as client:
            while self.running:
                number += 1
                code = f"last-{number}"
                try:
                    response = client.post(
                        "/api/v1/projects", json={"code": code, "name": f"Lasttest {number}"}
                    )
                except httpx.HTTPError as error:
                    self.failed.append(f"{code}: {type(error).__name__}")
                    continue
                if response.status_code == 201:
                    self.confirmed.append(response.json()["code"])
                else:
                    self.failed.append(f"{code}: {response.status_code} {response.text[:80]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="the mixed run and the restart")
    parser.add_argument("--page-seconds", type=int, default=10, help="each page alone")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--workers", default="", help="SAMVERKA_WORKERS of each instance")
    parser.add_argument("--threads", default="", help="SAMVERKA_THREADS of each instance")
    parser.add_argument("--no-record", action="store_true", help="do not append to BENCHMARKS")
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()
    ensure_tools()
    database_url = os.environ.get(
        "LOAD_DATABASE_URL", "postgres://samverka:samverka@127.0.0.1:5432/samverka_load"
    )
    tmp = Path(tempfile.mkdtemp(prefix="samverka-load-"))
    tmp.chmod(0o755)  # nginx's workers run as another user and write their temp files here
    processes = Processes()
    try:
        return run(args, database_url, tmp, processes)
    finally:
        processes.stop_all()
        if not args.keep_database:
            drop_database(database_url)
        print(f"Logs in {tmp}")


def run(args, database_url: str, tmp: Path, processes: Processes) -> int:
    port_a, port_b, port = free_port(), free_port(), free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SAMVERKA_", "SECRET_KEY"))},
        "SAMVERKA_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(tmp / "static"),
        "SAMVERKA_DATA_DIR": str(tmp / "data"),
        "SAMVERKA_CACHE_TABLE": "samverka_cache",
        "SAMVERKA_TRUSTED_PROXIES": "127.0.0.1",
        # nginx sends X-Forwarded-Proto: https, as a proxy that ends TLS does.
        "SAMVERKA_BEHIND_TLS_PROXY": "True",
    }
    if args.workers:
        env["SAMVERKA_WORKERS"] = args.workers
    if args.threads:
        env["SAMVERKA_THREADS"] = args.threads

    print(f"Fresh database {urlparse(database_url).path.lstrip('/')}, Skaraborg loaded …")
    fresh_database(database_url)
    subprocess.run([SAMVERKA, "setup"], env=env, check=True)
    subprocess.run([SAMVERKA, "load-skaraborg"], env=env, check=True, capture_output=True)
    prepared = subprocess.run(
        [SAMVERKA, "shell", "-c", PREPARE % {"users": args.users}],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    credentials = json.loads(prepared.stdout.strip().splitlines()[-1])
    sessions, token = credentials["sessions"], credentials["token"]

    print(f"Two instances on ports {port_a} and {port_b}, nginx on {port} …")
    for name, own_port in (("a", port_a), ("b", port_b)):
        processes.start(
            name,
            [SAMVERKA, "serve"],
            {**env, "SAMVERKA_BIND": f"127.0.0.1:{own_port}"},
            tmp / f"serve-{name}.log",
        )
    for name, own_port in (("a", port_a), ("b", port_b)):
        wait_healthy(
            f"http://127.0.0.1:{own_port}", processes.started[name], tmp / f"serve-{name}.log"
        )
    (tmp / "nginx.conf").write_text(
        NGINX_CONF.format(tmp=tmp, port=port, port_a=port_a, port_b=port_b)
    )
    nginx = processes.start(
        "nginx",
        [
            "nginx",
            "-p",
            str(tmp),
            "-c",
            str(tmp / "nginx.conf"),
            "-e",
            str(tmp / "nginx-error.log"),
        ],
        env,
        tmp / "nginx.log",
    )
    base = f"http://127.0.0.1:{port}"
    wait_healthy(base, nginx, tmp / "nginx-error.log", 30)

    for session in sessions[:3]:  # the controller, a unit manager, a reader
        with httpx.Client(base_url=base, cookies={"sessionid": session}, timeout=60) as client:
            for path in PAGES:
                response = client.get(path)
                if response.status_code != 200:
                    sys.exit(f"{path} answers {response.status_code} before the load; see {tmp}")
    users = USERS_LUA % ", ".join(f'"{session}"' for session in sessions)
    (tmp / "count.lua").write_text(COUNT_LUA)
    (tmp / "page.lua").write_text(users + ONE_PAGE_LUA + COUNT_LUA)
    quoted = ", ".join(f'"{path}"' for path in PAGES)
    (tmp / "mixed.lua").write_text(users + MIXED_LUA % quoted + COUNT_LUA)

    results: dict[str, dict] = {}
    ports = [port_a, port_b]
    print(f"Health check, {args.users} users, {args.seconds} s …")
    results[HEALTH] = wrk(base + HEALTH, tmp / "count.lua", args.seconds, args.users)
    settle(ports)
    print(f"All pages mixed, {args.users} users, {args.seconds} s …")
    results["mixed"] = wrk(base + "/", tmp / "mixed.lua", args.seconds, args.users)
    for path in PAGES:
        settle(ports)
        print(f"{path} alone, {args.page_seconds} s …")
        results[path] = wrk(base + path, tmp / "page.lua", args.page_seconds, args.users)
    settle(ports)

    print(f"Restart without loss, {args.seconds} s: SIGHUP to A, SIGTERM and start to B …")
    restart = restart_without_loss(args, base, env, tmp, processes, port_b, sessions, token)

    table = report(args, results, restart)
    print(table)
    if not args.no_record:
        with open(ROOT / "docs" / "BENCHMARKS.md", "a", encoding="utf-8") as benchmarks:
            benchmarks.write("\n" + table)
    pages_ok = all(results[path]["rps"] >= GOAL_RATIO * results[HEALTH]["rps"] for path in PAGES)
    no_errors = all(result["errors"] == 0 for result in results.values())
    fresh = restart["lost"] == 0 and restart["unseen"] == 0
    return 0 if pages_ok and no_errors and fresh else 1


def restart_without_loss(args, base, env, tmp, processes, port_b, sessions, token) -> dict:
    readers_result: dict = {}
    readers = threading.Thread(
        target=lambda: readers_result.update(
            wrk(base + "/", tmp / "mixed.lua", args.seconds, args.users)
        )
    )
    writer = Writer(base, token)
    readers.start()
    writer.start()
    time.sleep(args.seconds / 4)
    os.kill(processes.started["a"].pid, signal.SIGHUP)  # graceful reload: new workers, same socket
    time.sleep(args.seconds / 4)
    stopped_with = processes.stop("b")  # SIGTERM to its group, waits for the graceful stop
    b_log = tmp / "serve-b.log"
    processes.start(
        "b", [SAMVERKA, "serve"], {**env, "SAMVERKA_BIND": f"127.0.0.1:{port_b}"}, b_log
    )
    wait_healthy(f"http://127.0.0.1:{port_b}", processes.started["b"], b_log)
    readers.join()
    writer.running = False
    writer.join()
    confirmed = writer.confirmed
    check = subprocess.run(
        [
            SAMVERKA,
            "shell",
            "-c",
            "import json, sys; from samverka.portfolio.models import Project; "
            f"codes = {json.dumps(confirmed)}; "
            "print(Project.objects.filter(code__in=codes).count())",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    found = int(check.stdout.strip().splitlines()[-1])
    # Every reader has the project list kept on both servers from before the writes: each of
    # them must now see every confirmed project, whichever server answers (core/pagecache.py).
    unseen = 0
    for session in sessions:
        for _server in range(2):
            html = httpx.get(base + "/projekt/", cookies={"sessionid": session}, timeout=60).text
            unseen += sum(code not in html for code in confirmed)
    reloads = (tmp / "serve-a.log").read_text().count("Handling signal: hup")
    access_log = (tmp / "nginx-access.log").read_text().splitlines()
    statuses = [line.split(" ", 1)[0] for line in access_log]
    refused = (tmp / "nginx-error.log").read_text().count("Connection refused")
    return {
        "readers": readers_result,
        "confirmed": len(confirmed),
        "found": found,
        "lost": len(confirmed) - found,
        "unseen": unseen,
        "write_errors": writer.failed,
        "b_stopped_with": stopped_with,
        "a_reloads": reloads,
        "proxy_5xx": sum(status.startswith("5") for status in statuses),
        "refused": refused,
    }


LOAD_AT_START = os.getloadavg()


def machine() -> str:
    model = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    start = ", ".join(f"{value:.1f}" for value in LOAD_AT_START)
    end = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{len(os.sched_getaffinity(0))} cores ({model}), Python {platform.python_version()}; "
        f"load average (1, 5, 15 min) {start} at the start, {end} at the end"
    )


def report(args, results: dict, restart: dict) -> str:
    health = results[HEALTH]["rps"]
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    workers = args.workers or "cores"
    threads = args.threads or "4"
    lines = [
        f"### Load: two app servers behind nginx, {now}",
        "",
        f"`benchmarks/load.py`: {args.users} users (wrk connections, each its own login: "
        "the controller, unit managers, readers), two `samverka serve` "
        f"(workers {workers}, threads {threads}) on one PostgreSQL with Skaraborg loaded, "
        f"nginx round-robin; {machine()}.",
        "",
        "| what | requests/s | of the health check | p50 ms | p99 ms | not 200 | timeouts |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        share = "" if name == HEALTH else f"{result['rps'] / health:.0%}"
        if name != HEALTH and name != "mixed" and result["rps"] < GOAL_RATIO * health:
            share += " (below 30 %)"
        errors = str(result["non_200"]) + (f" ({result['statuses']})" if result["statuses"] else "")
        lines.append(
            f"| `{name}` | {result['rps']:.1f} | {share} | {result['p50']:.0f} | "
            f"{result['p99']:.0f} | {errors} | {result['timeouts']} |"
        )
    readers = restart["readers"]
    lines += [
        "",
        f"Restart without loss ({args.seconds} s, mixed pages as above and one writer): instance A "
        f"reloaded with SIGHUP ({restart['a_reloads']}×), instance B stopped with SIGTERM "
        f"(exit {restart['b_stopped_with']}) and started again. Writes confirmed (201) "
        f"{restart['confirmed']}, found in the database {restart['found']}, **lost "
        f"{restart['lost']}**; writes refused or failed {len(restart['write_errors'])}"
        + (f" ({'; '.join(restart['write_errors'][:5])})" if restart["write_errors"] else "")
        + f". Readers meanwhile: {readers.get('rps', 0):.1f} requests/s, not 200 "
        f"{readers.get('non_200', '?')}"
        + (f" ({readers['statuses']})" if readers.get("statuses") else "")
        + f", timeouts (10 s) {readers.get('timeouts', '?')}. Answers nginx sent with a 5xx "
        f"status during the whole run: {restart['proxy_5xx']}; connections it could not make to "
        f"an app server and tried on the other: {restart['refused']}. Afterwards, each user's "
        f"project list from both servers: confirmed projects missing **{restart['unseen']}**.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
