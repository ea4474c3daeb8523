"""Browser fixtures: the built site served on 127.0.0.1, one Chromium per session, one context per page.

Playwright's own browser download is never used: the system Chromium is launched from $CHROMIUM
(as `make test` sets it from scripts/find-chromium.sh) or from `chromium` on PATH.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import build_site
from headless import launch
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, sync_playwright
from sitecopy import copy_sources, without_pinned_article

LOCAL_HOST = "127.0.0.1"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives the browser; `make test-fast` leaves them out with `-m "not browser"`."""
    for item in items:
        if item.path.resolve().parent == HERE:
            item.add_marker(pytest.mark.browser)

# We run as root, without a GPU, and Chromium must not phone Google hosts (they are unreachable here).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Any other host fails to resolve at once: a third-party request is still seen (and recorded), but a test
# never waits on, or depends on, the internet. Cheaper than intercepting every request with page.route.
BLOCK_OTHER_HOSTS = f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOCAL_HOST}"

# Requests to these schemes go over the network; data: and blob: URLs never leave the page.
NETWORK_SCHEMES = {"http", "https", "ws", "wss"}


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    """Does not print a traceback when the browser drops a connection mid-response (closing a context)."""

    def handle_error(self, request, client_address) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serves `directory` over HTTP on 127.0.0.1 and yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = QuietServer((LOCAL_HOST, 0), handler)  # port 0: the OS picks a free one
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site, served over HTTP as a visitor would see it (not file://)."""
    with serve(built_site) as url:
        yield url


# A paragraph with a claim in every sentence, added to the article's last section: the density every
# paragraph reaches once each claim of the article is marked. (quote, sentence) pairs.
DENSE_SENTENCES = [
    ("compiles to native code", "Rust compiles to native code without a garbage collector."),
    ("builds and tests a project with one command", "Its package manager builds and tests a project with one command."),
    ("trains models on several backends", "The burn crate trains models on several backends."),
    ("runs inference on CPUs and GPUs", "The candle crate runs inference on CPUs and GPUs."),
    ("Bindings to PyTorch exist", "Bindings to PyTorch exist through the tch crate."),
    ("called from Python through PyO3", "Rust code can be called from Python through PyO3."),
]
DENSE_SECTION = "conclusion"
DENSE_TEMPLATE_NOTE = "fast-and-safe"


def dense_project(destination: Path) -> Path:
    """A copy of the site whose last section ends with DENSE_SENTENCES, each the quote of its own note.

    The notes are copies of a real note with a new title, section and quote, so they stay valid
    whatever else the note format asks for.
    """
    project = copy_sources(destination)
    without_pinned_article(project)  # its article has words the blog's does not
    article = project / "docs" / "index.md"
    text = article.read_text(encoding="utf-8")
    closing = text.index("</section>", text.index(f"{{#{DENSE_SECTION}}}"))
    paragraph = " ".join(sentence for _, sentence in DENSE_SENTENCES)
    article.write_text(f"{text[:closing]}{paragraph}\n\n{text[closing:]}", encoding="utf-8")
    notes = project / "docs" / "notes"
    template = (notes / f"{DENSE_TEMPLATE_NOTE}.md").read_text(encoding="utf-8")
    # Without the keys that tie a note to its own words or ids (each with its indented lines).
    own_keys = r"^(prefix|suffix|aliases|claims|inference):.*\n(?:[ \t]+.*\n)*"
    template = re.sub(own_keys, "", template, flags=re.MULTILINE)
    for number, (quote, _) in enumerate(DENSE_SENTENCES, start=1):
        note = template
        for key, value in (("title", f"Dense note {number}"), ("section", DENSE_SECTION), ("quote", quote)):
            note = re.sub(rf"^{key}:.*$", f"{key}: {value}", note, count=1, flags=re.MULTILINE)
        (notes / f"dense-{number}.md").write_text(note, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def dense_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site with a paragraph of six claims in six sentences, served like the real one."""
    root = tmp_path_factory.mktemp("dense")
    result = build_site(dense_project(root), root / "site")
    assert result.returncode == 0, result.output
    with serve(result.site) as url:
        yield url


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail(
            "No Chromium for the browser tests: set CHROMIUM=/path/to/chromium or run `make test`, "
            "which finds or installs one with scripts/find-chromium.sh.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless system Chromium for the whole session; each test gets its own context."""
    with sync_playwright() as playwright:
        browser = launch(playwright, chromium_path(), [*CHROMIUM_ARGS, BLOCK_OTHER_HOSTS])
        yield browser
        browser.close()


def is_third_party(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in NETWORK_SCHEMES and parts.hostname != LOCAL_HOST


@dataclass
class OpenedPage:
    """A Playwright page plus what went wrong while it was used, for tests to assert on."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    third_party_requests: list[str] = field(default_factory=list)

    def record(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))
        self.page.on("request", self._on_request)
        self.page.on("requestfailed", lambda request: self.failed_requests.append(
            f"{request.url} ({request.failure})"))
        self.page.on("response", self._on_response)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} at {message.location.get('url', '?')}")

    def _on_request(self, request: Request) -> None:
        if is_third_party(request.url):
            self.third_party_requests.append(request.url)

    def _on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.failed_requests.append(f"{response.url} (HTTP {response.status})")


PageFactory = Callable[..., OpenedPage]

# What a test may leave in the site's storage that the next test would see.
SITE_STORAGE = "cookies,local_storage,session_storage,indexeddb,cache_storage,service_workers"


class SharedContexts:
    """One browser context per colour scheme and JavaScript setting, shared by the tests of a worker.

    A new context starts with empty caches: the first load of `/` costs about three times the CPU of the
    same load in a context that has loaded the site before. Each test still gets a new tab, and the
    context is wiped after it: the site's storage, cookies, permissions and routes.
    """

    def __init__(self, browser: Browser, site_url: str) -> None:
        self.browser = browser
        self.site_url = site_url
        self.contexts: dict[tuple[str, bool], BrowserContext] = {}

    def get(self, scheme: str, javascript: bool) -> BrowserContext:
        key = (scheme, javascript)
        if key not in self.contexts:
            self.contexts[key] = self.browser.new_context(
                color_scheme=scheme, java_script_enabled=javascript, base_url=self.site_url)
        return self.contexts[key]

    def wipe(self, context: BrowserContext) -> None:
        """Clears what the last test left in `context`: its tabs, the site's storage, permissions and routes."""
        cleaner = context.pages[0] if context.pages else context.new_page()
        session = context.new_cdp_session(cleaner)
        session.send("Storage.clearDataForOrigin", {"origin": self.site_url.rstrip("/"), "storageTypes": SITE_STORAGE})
        session.detach()
        for tab in context.pages:
            tab.close()
        context.clear_cookies()
        context.clear_permissions()
        context.unroute_all(behavior="ignoreErrors")

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


@pytest.fixture(scope="session")
def shared_contexts(browser: Browser, site_url: str) -> Iterator[SharedContexts]:
    pool = SharedContexts(browser, site_url)
    yield pool
    pool.close()


@pytest.fixture
def page(browser: Browser, site_url: str, shared_contexts: SharedContexts) -> Iterator[PageFactory]:
    """Opens a new tab: `page(width=1440, height=900, scheme="dark", javascript=True, served=True, isolated=False)`.

    Served pages open in a context shared with earlier tests and wiped after each (see SharedContexts).
    `isolated=True` gives a context of the test's own, with empty caches, for a test that watches what is
    fetched or listens to the context itself; pages opened from disk (`served=False`) always get one.
    `goto("/")` resolves against the local server.
    """
    own: list[BrowserContext] = []
    shared: list[BrowserContext] = []

    def open_page(width: int = 1440, height: int = 900, scheme: str = "light", javascript: bool = True,
                  served: bool = True, isolated: bool = False) -> OpenedPage:
        if served and not isolated:
            context = shared_contexts.get(scheme, javascript)
            shared.append(context)
        else:
            context = browser.new_context(
                color_scheme=scheme,
                java_script_enabled=javascript,
                base_url=site_url if served else None,  # served=False: for file:// pages, no base URL
            )
            own.append(context)
        tab = context.new_page()
        tab.set_viewport_size({"width": width, "height": height})
        opened = OpenedPage(tab)
        opened.record()
        return opened

    yield open_page
    for context in own:
        context.close()
    for context in dict.fromkeys(shared):
        shared_contexts.wipe(context)
