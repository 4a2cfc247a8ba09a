"""Start-up check of the production server: the health check and a static file.

Used by CI right after it started `samverka serve` with production settings:
    python scripts/smoke_serve.py http://127.0.0.1:PORT STATIC_ROOT
Exits non-zero, saying why, unless within 90 s the health check answers and the stylesheet is
served under its hashed name with a cache time of a year.
"""

import json
import sys
from pathlib import Path

import httpx
from smoke_run import wait_for_health  # this script's folder is on the path when run


def main(base: str, static_root: Path) -> int:
    health = wait_for_health(base, 90)
    if health is None:
        print("samverka serve svarade inte på /halsa/ inom 90 s", file=sys.stderr)
        return 1
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    url = f"{base}/static/{manifest['paths']['samverka/samverka.css']}"
    # As the proxy that ends TLS sends it (SAMVERKA_BEHIND_TLS_PROXY): production redirects HTTP.
    response = httpx.get(url, headers={"X-Forwarded-Proto": "https"}, timeout=5)
    caching = response.headers.get("cache-control", "")
    if response.status_code != 200 or "max-age=315360000" not in caching:
        print(f"{url}: {response.status_code}, Cache-Control {caching!r}", file=sys.stderr)
        return 1
    print(f"samverka serve: /halsa/ {health.json()}, {url} cachas ({caching})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
