"""Start-up check: log in to a running Samverka and read the overview page.

Used by CI right after the README's run command has started the server:
    python scripts/smoke_run.py http://127.0.0.1:8000
Exits non-zero unless the overview shows the loaded Skaraborg data.
"""

import re
import sys
import time

import httpx

EXPECTED = ["Skaraborgs Kommunalförbund", "Skövde", "1496", "Förbundskansli", "Direktionen"]


def wait_for_health(base: str, seconds: int) -> httpx.Response | None:
    """The health check's first 200 answer within `seconds`, or None."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            health = httpx.get(f"{base}/halsa/", timeout=2)
            if health.status_code == 200:
                return health
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            return None
        time.sleep(0.5)


def main(base: str) -> int:
    if wait_for_health(base, 120) is None:
        print("Servern svarade inte inom två minuter", file=sys.stderr)
        return 1
    with httpx.Client(base_url=base, follow_redirects=True, timeout=10) as client:
        login = client.get("/konto/logga-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
        client.post(
            "/konto/logga-in/?next=/oversikt/",
            data={
                "username": "ledamot",
                "password": "samverka-demo",
                "csrfmiddlewaretoken": token,
                "next": "/oversikt/",
            },
            headers={"Referer": f"{base}/konto/logga-in/"},
        )
        page = client.get("/oversikt/")
        # A page whose stylesheet or script answers 404 looks broken however right its figures.
        assets = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text)))
        broken = [a for a in assets if client.get(a).status_code != 200]
    missing = [text for text in EXPECTED if text not in page.text]
    if page.status_code != 200 or missing:
        print(f"Översikten saknar {missing} (status {page.status_code})", file=sys.stderr)
        return 1
    if not any(a.endswith(".css") for a in assets) or broken:
        print(f"Översiktens filer laddas inte: {broken or 'ingen stilmall'}", file=sys.stderr)
        return 1
    print(f"Översikten visar det inlästa förbundet ({len(page.text)} tecken, {len(assets)} filer)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"))
