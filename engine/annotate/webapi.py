"""Small web clients whose every failure is one plain sentence, never a traceback: a JSON API client,
and a reader of the pages that notes cite.

Requests are bounded: each waits at most TIMEOUT_SECONDS, is never retried, and requests to the
same API are spaced by at least the interval it was created with. The page reader is polite to the
sites it reads: one request per host at a time, spaced by HOST_INTERVAL_SECONDS, a name that says
who is asking, and no more than PAGE_BYTES of any answer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import urljoin, urlsplit

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


HOST_INTERVAL_SECONDS = 1.0
PAGE_BYTES = 4 * 1024 * 1024  # far above a documentation page or a repository's page on GitHub
MAX_REDIRECTS = 5
PERMANENT_REDIRECTS = (301, 308)
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")


@dataclass(frozen=True)
class PageAnswer:
    """What reading one cited page gave: its text, or why there is none, and where it moved for good if it did."""

    url: str  # the address asked for
    moved_to: str | None = None  # the new address, when a permanent redirect led there
    text: str | None = None  # the page's HTML or plain text, when it could be read
    html: bool = False
    gone: str | None = None  # '404 Not Found' or '410 Gone'
    unread: str | None = None  # why the page was not read: a refusal, a time-out, a size, a type
    reached: bool = False  # the site answered 2xx: the page is there, even if its text was not read


def _phrase(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status}"


class PageReader:
    """Reads cited pages as a polite client: one request per host at a time, spaced, bounded in time and size."""

    def __init__(
        self,
        user_agent: str,
        *,
        interval: float = HOST_INTERVAL_SECONDS,
        limit: int = PAGE_BYTES,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.headers = {"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9"}
        self.interval = interval
        self.limit = limit
        self.sleep = sleep
        self.clock = clock
        self._guard = threading.Lock()
        self._hosts: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._limited: dict[str, str] = {}  # host → what it said when it asked to slow down; it is not asked again

    def read(self, url: str) -> PageAnswer:
        """The page at `url`, following redirects (at most MAX_REDIRECTS); permanent ones are reported."""
        address, moved = url, False
        for _ in range(MAX_REDIRECTS + 1):
            try:
                response = self._get(address)
            except RequestFailed as failure:
                return PageAnswer(url, address if moved else None, unread=failure.message)
            with response:
                status = response.status_code
                location = response.headers.get("Location")
                if status in (301, 302, 303, 307, 308) and location:
                    moved = moved or status in PERMANENT_REDIRECTS
                    address = urljoin(address, location)
                    continue
                return self._answer(url, address if moved else None, response)
        return PageAnswer(url, address if moved else None, unread=(
            f"more than {MAX_REDIRECTS} redirects; open the address in a browser to see where it leads"))

    def _host_lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._hosts.setdefault(host, threading.Lock())

    def _get(self, url: str) -> requests.Response:
        host = urlsplit(url).hostname or ""
        with self._host_lock(host):
            if host in self._limited:
                raise RequestFailed(f"not asked: {self._limited[host]}")
            last = self._last.get(host)
            if last is not None:
                wait = self.interval - (self.clock() - last)
                if wait > 0:
                    self.sleep(wait)
            try:
                return requests.get(url, headers=self.headers, timeout=TIMEOUT_SECONDS, allow_redirects=False,
                                    stream=True)
            except requests.Timeout:
                raise RequestFailed(f"{host} did not answer within {TIMEOUT_SECONDS} seconds; "
                                    "run make freshness again later") from None
            except requests.ConnectionError:
                raise RequestFailed(f"could not connect to {host} (no network, no such host, or the connection "
                                    "was refused or cut); check the address and run make freshness again") from None
            except requests.RequestException as error:
                raise RequestFailed(f"the request to {host} failed ({type(error).__name__}); "
                                    "run make freshness again later") from None
            finally:
                self._last[host] = self.clock()

    def _answer(self, url: str, moved_to: str | None, response: requests.Response) -> PageAnswer:
        status = response.status_code
        host = urlsplit(response.url or url).hostname or ""
        if status in (404, 410):
            return PageAnswer(url, moved_to, gone=_phrase(status))
        if status == 429:
            retry_after = response.headers.get("Retry-After", "")
            wait = f", retry after {retry_after} seconds" if retry_after.isdigit() else ""
            limited = f"{host} is limiting requests ({_phrase(status)}{wait}); run make freshness again later"
            with self._guard:
                self._limited[host] = limited
            return PageAnswer(url, moved_to, unread=limited)
        if not 200 <= status < 300:
            return PageAnswer(url, moved_to, unread=f"{host} answered {_phrase(status)}; "
                                                    "open the page in a browser to see why")
        kind = response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if kind not in _TEXT_TYPES:
            return PageAnswer(url, moved_to, reached=True, unread=(
                f"the page is {kind or 'of no stated type'}, not HTML or text; confirm the passage by hand"))
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.limit:
            return PageAnswer(url, moved_to, reached=True, unread=self._too_large())
        body = bytearray()
        try:
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > self.limit:
                    return PageAnswer(url, moved_to, reached=True, unread=self._too_large())
        except requests.RequestException:
            return PageAnswer(url, moved_to, unread=f"{host} cut the answer short; run make freshness again later")
        charset = response.encoding if "charset=" in response.headers.get("Content-Type", "") else None
        try:
            text = bytes(body).decode(charset or "utf-8", errors="replace")
        except LookupError:  # a charset no decoder knows: most pages are UTF-8
            text = bytes(body).decode("utf-8", errors="replace")
        return PageAnswer(url, moved_to, text=text, html=kind not in ("text/plain", "text/markdown"), reached=True)

    def _too_large(self) -> str:
        size = f"{self.limit // (1024 * 1024)} MiB" if self.limit >= 1024 * 1024 else f"{self.limit // 1024} KiB"
        return f"the page is larger than {size}, more than the watch reads of a page; confirm the passage by hand"
