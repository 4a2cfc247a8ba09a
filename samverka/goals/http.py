"""The HTTP plumbing shared by the Kolada and SCB clients: timeouts, retries with backoff, cache.

Neither service is reachable from CI: tests hand the clients an httpx.MockTransport that replays
responses in the services' documented formats.
"""

import hashlib
import time
from collections.abc import Callable
from typing import Any

import httpx
from django.core.cache import cache as default_cache

RETRY_STATUSES = {429, 500, 502, 503, 504}
USER_AGENT = "Samverka (open source planning for municipal federations)"


class ServiceError(Exception):
    """The service could not give an answer; the message is Swedish and says what failed."""


class JsonClient:
    service = "tjänsten"

    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        cache: Any = default_cache,
        cache_seconds: int = 6 * 3600,
    ) -> None:
        self.http = httpx.Client(
            base_url=base_url,
            transport=transport,
            timeout=timeout,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=True,
        )
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self.cache = cache
        self.cache_seconds = cache_seconds
        self.requests_made = 0

    def close(self) -> None:
        self.http.close()

    def request_json(
        self, method: str, url: str, *, params: dict | None = None, json: Any = None
    ) -> Any:
        """GET or POST and decode JSON, retrying 429/5xx and network errors with backoff.

        Successful answers are cached by method, URL, parameters and body.
        """
        key = None
        if self.cache is not None:
            raw = repr((self.service, method, str(url), params, json)).encode()
            key = "samverka.goals.http:" + hashlib.sha256(raw).hexdigest()
            cached = self.cache.get(key)
            if cached is not None:
                return cached
        attempt = 0
        while True:
            attempt += 1
            try:
                self.requests_made += 1
                response = self.http.request(method, url, params=params, json=json)
            except httpx.TimeoutException as exc:
                problem = f"{self.service} svarade inte i tid ({exc.__class__.__name__})"
                retry_after = None
            except httpx.TransportError as exc:
                problem = f"{self.service} gick inte att nå ({exc})"
                retry_after = None
            else:
                if response.status_code < 400:
                    try:
                        data = response.json()
                    except ValueError as exc:
                        raise ServiceError(
                            f"{self.service} svarade med något som inte är JSON: {exc}"
                        ) from exc
                    if key is not None:
                        self.cache.set(key, data, self.cache_seconds)
                    return data
                problem = f"{self.service} svarade {response.status_code} på {response.request.url}"
                if response.status_code not in RETRY_STATUSES:
                    raise ServiceError(problem + f": {response.text[:200]}")
                retry_after = response.headers.get("Retry-After")
            if attempt > self.retries:
                raise ServiceError(f"{problem}, även efter {self.retries} nya försök.")
            self.sleep(self._delay(attempt, retry_after))

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after and retry_after.isdigit():
            return float(retry_after)
        return self.backoff * 2 ** (attempt - 1)
