"""The worksheet in Chromium: students mark sentences, the marks survive a reload, and "Check my answers"
compares them with the claims; before that, neither the page nor its accessibility tree says anything about
the claims, and its print is a numbered worksheet with a separate answer key.
"""

from __future__ import annotations

import re

import pytest
from annotate.worksheet import read_answers_script
from conftest import ROOT
from helpers import settings_of
from playwright.sync_api import expect
from pypdf import PdfReader

SCREENS = {"desktop": (1440, 900), "phone": (390, 844)}
SENTENCE = ".worksheet__sentence"

STORAGE_KEY = settings_of(ROOT).worksheet_storage


@pytest.fixture(scope="module")
def answers(built_site) -> dict:
    return read_answers_script((built_site / "exercise" / "answers.js").read_text(encoding="utf-8"))


def first(answers: dict, expect_kind: str) -> int:
    return next(item["number"] for item in answers["items"] if item["expect"] == expect_kind)


def open_worksheet(page, screen: str = "desktop", javascript: bool = True):
    opened = page(*SCREENS[screen], javascript=javascript)
    requests: list[str] = []
    opened.page.on("request", lambda request: requests.append(request.url))
    opened.page.goto("/exercise/")
    return opened, requests


@pytest.mark.parametrize("screen", SCREENS)
def test_marks_survive_a_reload_and_check_compares_them_with_the_claims(page, answers, screen):
    opened, requests = open_worksheet(page, screen)
    browser_page = opened.page
    doubt, holds, nothing = first(answers, "doubt"), first(answers, "holds"), first(answers, "none")
    missed = [item["number"] for item in answers["items"] if item["expect"] == "doubt" and item["number"] != doubt]

    for number in (doubt, holds, nothing):
        browser_page.locator(f"#sentence-{number}").click()
    expect(browser_page.locator(".worksheet__status")).to_have_text("You have marked 3 sentences.")
    browser_page.reload()

    for number in (doubt, holds, nothing):
        expect(browser_page.locator(f"#sentence-{number}")).to_have_attribute("aria-checked", "true")
    expect(browser_page.locator(".worksheet__status")).to_have_text("You have marked 3 sentences.")
    saved = browser_page.evaluate("(key) => JSON.parse(localStorage.getItem(key))", STORAGE_KEY)
    assert saved == {"sentences": len(answers["items"]), "marked": sorted([doubt, holds, nothing])}
    assert not [url for url in requests if url.endswith("/answers.js")], "answers loaded before checking"

    browser_page.get_by_role("button", name="Check my answers").click()

    summary = browser_page.locator(".worksheet__summary")
    expect(summary).to_be_visible()
    doubtful = 1 + len(missed)
    expect(summary).to_contain_text(
        f"You marked 3 sentences. The notes find {doubtful} sentences worth doubting: you found 1 and missed "
        f"{len(missed)}.")
    results = browser_page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-result]')]"
        ".map((s) => [s.dataset.number, s.dataset.result]))")
    expected = {str(doubt): "found", str(holds): "holds", str(nothing): "holds"} | {str(n): "missed" for n in missed}
    assert results == expected
    shown = browser_page.locator(f"#sentence-{doubt} + .worksheet__result")
    for claim in next(item for item in answers["items"] if item["number"] == doubt)["claims"]:
        expect(shown.get_by_role("link", name=f"Claim {claim['number']}", exact=True)).to_have_attribute(
            "href", claim["href"])
        expect(shown).to_contain_text(claim["why"])  # each claim explained by its own summary
    assert opened.console_errors == []

    browser_page.get_by_role("button", name="Hide the answers").click()
    expect(browser_page.locator(".worksheet__result")).to_have_count(0)
    browser_page.get_by_role("button", name="Clear my marks").click()
    expect(browser_page.locator(f'{SENTENCE}[aria-checked="true"]')).to_have_count(0)
    assert browser_page.evaluate("(key) => JSON.parse(localStorage.getItem(key)).marked", STORAGE_KEY) == []


def test_a_sentence_is_marked_from_the_keyboard_with_a_visible_focus_ring(page):
    browser_page = open_worksheet(page)[0].page
    target = browser_page.locator("#sentence-1")
    for _ in range(50):
        browser_page.keyboard.press("Tab")
        if target.evaluate("(element) => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first sentence")
    assert target.evaluate("(e) => e.matches(':focus-visible') && getComputedStyle(e).outlineStyle !== 'none'")
    browser_page.keyboard.press("Space")
    expect(target).to_have_attribute("aria-checked", "true")
    browser_page.keyboard.press("Enter")
    expect(target).to_have_attribute("aria-checked", "false")


def test_before_checking_the_accessibility_tree_holds_the_article_and_nothing_about_claims(page, answers):
    browser_page = open_worksheet(page)[0].page
    tree = browser_page.locator(".worksheet__text").aria_snapshot()
    # Playwright writes each node as a YAML list item, quoted when its name holds a colon.
    checkboxes = re.findall(r'^\s*- \'?checkbox "([^"]*)"\'?$', tree, re.MULTILINE)
    assert len(checkboxes) == len(answers["items"]), tree
    texts = browser_page.locator(SENTENCE).all_text_contents()
    # Each sentence is a checkbox named by its number and its words, nothing else.
    assert checkboxes == [f"Sentence {number}: {text}" for number, text in enumerate(texts, start=1)]
    lines = [line.strip() for line in tree.splitlines()]
    others = [line for line in lines if line and not re.fullmatch(
        r'- (\'?checkbox "[^"]*"\'?|\'?heading "[^"]*" \[level=2\]\'?|paragraph:)', line)]
    assert others == [], "the worksheet's accessibility tree holds more than sentences and headings"
    page_html = browser_page.content()
    for giveaway in ("ann-quote", "ann-note", 'id="quote-', 'id="note-', "<mark", "worksheetAnswers = {"):
        assert giveaway not in page_html, giveaway
    assert browser_page.evaluate("() => window.worksheetAnswers === undefined")


def test_without_javascript_the_worksheet_is_plain_text_with_a_way_to_the_answer_key(page):
    browser_page = open_worksheet(page, javascript=False)[0].page
    expect(browser_page.locator(".worksheet__controls")).to_be_hidden()
    expect(browser_page.locator("#sentence-1")).not_to_have_attribute("role", "checkbox")
    # The answers are not a click away from the worksheet: the page for instructors gives the answer key.
    expect(browser_page.locator(".md-content").get_by_role("link", name="answer key")).to_have_count(0)
    browser_page.locator(".md-content").get_by_role("link", name="For instructors", exact=True).click()
    # Its files for a course list the answer key (the text above them names it too).
    browser_page.locator(".md-content table").get_by_role("link", name="answer key", exact=True).click()
    expect(browser_page.locator("h1")).to_contain_text("Exercise: the answer key")


def test_an_old_link_to_a_claim_on_the_exercise_goes_to_its_sentence_without_answers(page, answers):
    item = next(item for item in answers["items"] if item["number"] > 15 and item["claims"])
    anchor = next(anchor for anchor in item["anchors"] if anchor.startswith("quote-"))
    opened = page(1440, 900)
    opened.page.goto(f"/exercise/#{anchor}")
    sentence = opened.page.locator(f"#sentence-{item['number']}")
    expect(sentence).to_be_focused()
    expect(sentence).to_be_in_viewport()
    expect(opened.page.locator(".worksheet__result")).to_have_count(0)


def printed_text(browser, site_url, tmp_path, path: str, prepare=None) -> tuple[str, int]:
    context = browser.new_context(base_url=site_url)
    try:
        browser_page = context.new_page()
        browser_page.goto(path, wait_until="networkidle")
        if prepare:
            prepare(browser_page)
        pdf = tmp_path / "printed.pdf"
        browser_page.pdf(path=pdf, format="A4")
    finally:
        context.close()
    reader = PdfReader(pdf)
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def test_the_printed_worksheet_is_numbered_with_room_to_write_and_no_answers(browser, site_url, tmp_path, answers):
    def mark_one(browser_page):
        browser_page.locator(f"#sentence-{first(answers, 'doubt')}").click()

    text, pages = printed_text(browser, site_url, tmp_path, "/exercise/", mark_one)
    flat = " ".join(text.split())
    assert "Your answers" in flat and "What is wrong, and how would you check it?" in flat
    assert "Check my answers" not in flat and "Click or tap" not in flat
    assert "On the last sheet, write the number of each sentence you doubt" in flat
    for giveaway in ("Claim ", "Misleading", "Worth doubting", "Full note"):
        assert giveaway not in flat, giveaway
    numbers = [int(n) for n in re.findall(r"(?<![\d.])(\d{1,2}) ?[A-Z]", flat)]
    assert set(range(1, len(answers["items"]) + 1)) <= set(numbers), "sentence numbers missing from the print"
    assert pages <= 4, f"the worksheet prints on {pages} pages"


def test_the_printed_answer_key_has_every_claim_with_its_verdict(browser, site_url, tmp_path, answers):
    text, pages = printed_text(browser, site_url, tmp_path, "/answer-key/")
    flat = " ".join(text.split())
    for item in answers["items"]:
        for claim in item["claims"]:
            assert f"Claim {claim['number']}: {claim['verdict']}" in flat, claim
    assert "../#quote-" not in flat, "the links to the claims' words print their address"
    assert pages <= 8, f"the answer key prints on {pages} pages"
