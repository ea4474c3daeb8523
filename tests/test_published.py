"""The site as the deploy workflow publishes it, with its address, version and build day: full addresses
everywhere a reader copies, prints, cites or imports one, and the same in the offline copy.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import EDITION_DAY, EDITION_VERSION, PUBLISHED_URL, TEST_REPO_URL
from giftparse import parse_gift
from pagetext import html_text

SITE, VERSION, DAY = PUBLISHED_URL, EDITION_VERSION, EDITION_DAY
NOTE = "low-latency-garbage-collector"
CONTENT = re.compile(r'<article class="md-content__inner.*?</article>', re.DOTALL)


@pytest.fixture(scope="module")
def published(published_site) -> Path:
    return published_site


@pytest.fixture(scope="module")
def offline(offline_site) -> Path:
    return offline_site


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_internal_link_carries_its_full_published_address(published):
    checked = 0
    for file in published.rglob("index.html"):
        html = file.read_text(encoding="utf-8")
        content = CONTENT.search(html)
        if "Redirecting" in html or content is None:
            continue
        address = SITE + file.parent.relative_to(published).as_posix().removeprefix(".") + "/"
        address = address.replace("annotated//", "annotated/")
        for attributes in re.findall(r"<a\b([^>]*)>", content.group(0)):
            href = re.search(r'\shref="([^"]*)"', attributes)
            if href is None or re.match(r"^([a-z]+:|//)", href.group(1)):
                continue
            url = re.search(r'\sdata-url="([^"]*)"', attributes)
            assert url, f"{file}: <a{attributes}> has no data-url"
            assert url.group(1) == urljoin(address, href.group(1).replace("&amp;", "&")).replace("&", "&amp;")
            checked += 1
    assert checked > 500


def test_the_offline_copy_carries_the_published_addresses_not_its_file_paths(published, offline):
    for path in ["", "claims", "answer-key", f"notes/{NOTE}"]:
        online = re.findall(r'data-url="([^"]*)"', CONTENT.search(page(published, path)).group(0))
        offline_file = offline / (f"{path}.html" if path else "index.html")
        copied = re.findall(r'data-url="([^"]*)"', CONTENT.search(offline_file.read_text(encoding="utf-8")).group(0))
        assert online and copied == online, path
        assert not [url for url in copied if ".html" in url]


def test_every_page_prints_its_address_and_edition(published):
    html = page(published, f"notes/{NOTE}")
    assert f"Version {VERSION}, built <time datetime=\"{DAY}\">{DAY}</time>" in html
    colophon = html_text(re.search(r'<p class="site-colophon">(.*?)</p>', html, re.DOTALL).group(1))
    assert colophon == (f"Rust & ML, Annotated, version {VERSION}, built {DAY}. This page: {SITE}notes/{NOTE}/. "
                        "Notes CC BY 4.0, code MIT.")


def test_note_and_method_pages_have_a_citation_with_address_version_and_date(published):
    note = page(published, f"notes/{NOTE}")
    title = html_text(re.search(r"<h1[^>]*>(.*?)</h1>", note).group(1))
    assert '<h2 id="cite">Cite this note</h2>' in note
    cited = html_text(re.search(r'<p class="cite__plain">(.*?)</p>', note).group(1))
    assert cited.startswith(f"Rust & ML, Annotated contributors. “{title}.” Rust & ML, Annotated, version {VERSION}, "
                            f"built {DAY}. Note reviewed ")
    assert cited.endswith(f" {SITE}notes/{NOTE}/. Licence: CC BY 4.0.")
    entry = html_text(re.search(r'<pre class="cite__bibtex"><code>(.*?)</code></pre>', note, re.DOTALL).group(1))
    assert f"url = {{{SITE}notes/{NOTE}/}}," in entry and f"version = {{{VERSION}}}," in entry
    about = page(published, "about")
    assert html_text(re.search(r'<p class="cite__plain">(.*?)</p>', about).group(1)) == (
        f"Rust & ML, Annotated contributors. Rust & ML, Annotated, version {VERSION}, built {DAY}. {SITE}. "
        "Licence: CC BY 4.0.")


def test_the_instructors_page_shows_full_addresses_and_links_every_download(published):
    html = page(published, "instructors")
    table = re.search(r'<table><thead><tr><th scope="col">to send students to</th>.*?</table>', html, re.DOTALL)
    shown = re.findall(r'<a href="[^"]*"[^>]*>([^<]+)</a>', table.group(0))
    assert f"{SITE}#introduction" in shown and f"{SITE}#quote-{NOTE}" in shown and f"{SITE}notes/{NOTE}/" in shown
    assert all(address.startswith(SITE) for address in shown)
    downloads = re.search(r'<table><thead><tr><th scope="col">what</th>.*?</table>', html, re.DOTALL).group(0)
    hrefs = re.findall(r'<a href="([^"]+)"[^>]*download', downloads)
    # The offline copy is this edition's own, attached to its release and named with its build day.
    assert hrefs == ["../course/quiz-moodle.xml", "../course/quiz.gift", "../course/quiz-qti.zip", "../course/quiz.csv",
                     f"{TEST_REPO_URL}/releases/download/v{VERSION}/rust-ml-annotated-{DAY}.zip",
                     "../annotations.jsonld"]
    for href in hrefs:
        if not href.startswith("https://"):
            assert (published / "instructors" / href).resolve().is_file(), href


def test_quiz_feedback_links_to_the_published_notes(published):
    questions = parse_gift((published / "course" / "quiz.gift").read_text(encoding="utf-8"))
    for question in questions:
        assert re.search(rf'href="{re.escape(SITE)}notes/[a-z0-9-]+/"', question.general_feedback), question.name
    rows = list(csv.DictReader(io.StringIO((published / "course" / "quiz.csv").read_bytes().decode("utf-8-sig"))))
    assert all(row["Note"].startswith(f"{SITE}notes/") and row["Link to the words"].startswith(f"{SITE}#quote-")
               for row in rows)
