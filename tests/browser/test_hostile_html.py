"""What the allowlist check writes is harmless in Chromium: no dialog, no live handler, no request elsewhere.

Each browser-parsing edge case of tests/test_allowlist.py, and hypothesis-generated hostile HTML and
Markdown, goes through the one check (as a summary and as a body); the output is put in a page the
way the site places it and opened in Chromium. A control case shows that the unchecked HTML of the
issue's CDATA summary does run there, so the harness can see what it is looking for.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from annotate.allowlist import FLOW, INLINE, check_html
from annotate.project import markdown_renderer
from annotate.settings import markdown_settings, read_builder_config
from conftest import ROOT
from helpers import notes_markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page
from test_allowlist import HOSTILE_MARKUP

# Where the site puts a summary and a body; the rest of the page is the site's, not the contributor's.
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>
<aside class="ann-note"><p class="ann-note__summary">{summary}</p></aside>
<article class="md-content__inner">{body}</article>
</body></html>"""
# Everything in the page that could run script or load something, counted in the live DOM.
LIVE = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\s\\x00-\\x1f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(el.tagName + '@' + name);
      if (/^(javascript|data|vbscript):/.test(value)) found.push(el.tagName + '@' + name + '=' + value);
    }
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'LINK', 'META', 'BASE', 'FORM', 'IMG', 'SVG',
         'MATH', 'TEMPLATE', 'NOSCRIPT'].includes(el.tagName.toUpperCase()) && el.closest('aside, article')) {
      found.push(el.tagName);
    }
  }
  return found;
}"""


@dataclass
class Harness:
    """One Chromium page, reused for every case; records dialogs and requests."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self, summary: str, body: str) -> list[str]:
        """Load the page with `summary` and `body`; return what ran, loaded or stayed live."""
        self.dialogs.clear()
        self.requests.clear()
        self.page.set_content(PAGE.format(summary=summary, body=body), wait_until="load")
        self.page.wait_for_timeout(30)  # handlers queued by load (onerror, ontoggle) get their turn
        return [f"dialog: {text}" for text in self.dialogs] + [f"request: {url}" for url in self.requests] + [
            f"live: {what}" for what in self.page.evaluate(LIVE)
        ]


@pytest.fixture(scope="module")
def harness(browser: Browser) -> Iterator[Harness]:
    context = browser.new_context()
    page = context.new_page()
    opened = Harness(page)

    def on_dialog(dialog) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda request: opened.requests.append(request.url)
            if urlsplit(request.url).scheme in {"http", "https", "ws", "wss"} else None)
    yield opened
    context.close()


D1_SUMMARY = "A summary.<![CDATA[><svg\nonload=alert(document.domain)><x\n]]>"


def test_the_harness_sees_script_run_in_the_unchecked_html_of_issue_14(harness):
    # What the site's Markdown makes of the CDATA summary without the check: the <svg onload> runs.
    unchecked = markdown_renderer(*markdown_settings(read_builder_config(ROOT / "mkdocs.yml")))(D1_SUMMARY)
    found = harness.open(summary=unchecked, body="")
    assert any(line.startswith("dialog: ") for line in found), found


def test_the_checked_html_of_issue_14_is_harmless(harness):
    assert harness.open(notes_markdown.summary(D1_SUMMARY).html, notes_markdown.body(D1_SUMMARY).html) == []


@pytest.mark.parametrize("markup", HOSTILE_MARKUP.values(), ids=HOSTILE_MARKUP.keys())
def test_each_browser_parsing_edge_case_is_harmless_after_the_check(harness, markup):
    assert harness.open(check_html(markup, INLINE).html, check_html(markup, FLOW).html) == []
    assert harness.open(notes_markdown.summary(markup).html, notes_markdown.body(markup).html) == []


# Pieces of hostile markup and Markdown that generated inputs are built from.
PIECES = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<svg><script>alert(1)",
    "<math><mi><table><mglyph><style>", "<style>", "</style>", "<noscript>", "</noscript>", "<template>",
    "<iframe srcdoc='<script>alert(1)</script>'>", "<details open ontoggle=alert(1)>", "<select>", "<textarea>",
    "<a href=javascript:alert(1)>", "<a href='jav&#x09;ascript:alert(1)'>", "<img src=https://xss.example/t.png>",
    "<link rel=stylesheet href=https://xss.example/s.css>", "<base href=https://xss.example/>",
    "<![CDATA[", "]]>", "<!--", "-->", "--!>", "<!-->", "<!--!>", "<?", "?>", "<!", ">", "<", "\"", "'", "`",
    "&#x6a;", "&#106", "&lt;", "&", "\n", "\n\n", "    ", "x", " onload=alert(1) ", " onerror=alert(1) ",
    "[x](javascript:alert(1))", "[x](https://xss.example/)", "![x](https://xss.example/i.png)", "[x]: javascript:1",
    "{: onclick=alert(1) }", "{ #note-x }", "<https://xss.example>", "<javascript:alert(1)>", "*", "**", "_",
    "```", "~~~", "!!! note", "???+ note", "| a |\n|:-|\n| b |", "> ", "- ", "1. ", "## ", "*[x]: y",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(text=st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join))
def test_no_generated_hostile_input_runs_script_or_fetches_elsewhere_after_the_check(harness, text):
    summary = notes_markdown.summary(text).html
    body = notes_markdown.body(text).html
    assert harness.open(summary, body) == [], (text, summary, body)
