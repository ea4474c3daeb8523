"""A small JSON web API client whose every failure is one plain sentence, never a traceback.

Requests are bounded: each waits at most TIMEOUT_SECONDS, is never retried, and requests to the
same API are spaced by at least the interval it was created with.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

import requests

from .freshness import RequestFailed

TIMEOUT_SECONDS = 20


def user_agent(site: str, contact: str | None) -> str:
    """Names this program after the site called `site`, and the repository to contact when one is known
    (crates.io asks for both)."""
    agent = f"{site}-freshness-watch"
    return f"{agent} ({contact})" if contact else agent


class JsonApi:
    """One web API, such as crates.io's or GitHub's, asked for JSON."""

    def __init__(
        self,
        name: str,
        base: str,
        headers: dict[str, str],
        *,
        rate_limit_advice: str,
        interval: float = 0.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.base = base
        self.rate_limit_advice = rate_limit_advice
        self.interval = interval
        self.session = requests.Session()
        self.session.headers.update(headers)
        self.sleep = sleep
        self.clock = clock
        self._last: float | None = None

    def request(self, method: str, path: str, *, not_found: str, body: Any = None) -> Any:
        """The decoded JSON answer, or RequestFailed saying in plain words what went wrong."""
        if self._last is not None:
            wait = self.interval - (self.clock() - self._last)
            if wait > 0:
                self.sleep(wait)
        try:
            response = self.session.request(method, self.base + path, json=body, timeout=TIMEOUT_SECONDS)
        except requests.Timeout:
            raise RequestFailed(
                f"{self.name} did not answer within {TIMEOUT_SECONDS} seconds; run make freshness again later"
            ) from None
        except requests.ConnectionError:
            raise RequestFailed(
                f"could not connect to {self.name} (no network, or the connection was refused or cut); "
                "check the connection and run make freshness again"
            ) from None
        except requests.RequestException as error:
            raise RequestFailed(
                f"the request to {self.name} failed ({type(error).__name__}); run make freshness again later"
            ) from None
        finally:
            self._last = self.clock()
        self._raise_for_status(response, not_found)
        try:
            return response.json()
        except ValueError:
            raise RequestFailed(
                f"{self.name} answered with something that is not valid JSON; run make freshness again later, "
                "and if it happens again, its API may have changed"
            ) from None

    def _raise_for_status(self, response: requests.Response, not_found: str) -> None:
        status = response.status_code
        if 200 <= status < 300:
            return
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "an unknown status"
        if status == 404:
            raise RequestFailed(f"{not_found} ({self.name} answered 404 Not Found)")
        retry_after = response.headers.get("Retry-After", "")
        if status == 429 or (status == 403 and (response.headers.get("X-RateLimit-Remaining") == "0" or retry_after)):
            wait = f", retry after {retry_after} seconds" if retry_after.isdigit() else ""
            raise RequestFailed(
                f"{self.name} is limiting requests ({status} {phrase}{wait}); {self.rate_limit_advice}"
            )
        if status == 401:
            raise RequestFailed(
                f"{self.name} refused the credentials ({status} {phrase}); "
                "check the token it was given (GITHUB_TOKEN), or unset it"
            )
        if status == 403:
            raise RequestFailed(
                f"{self.name} refused the request ({status} {phrase}); the token may lack a permission it needs"
            )
        raise RequestFailed(f"{self.name} answered {status} {phrase}; run make freshness again later")
