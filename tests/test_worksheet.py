"""The worksheet shows the article's words and nothing about its claims; the answers live apart from it.

Unit tables on a small article, then the built /exercise/ page, its answers script and the answer key.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from annotate.accounting import NoClaim
from annotate.article import annotate_article
from annotate.notes import verdicts
from annotate.worksheet import article_sentences, read_answers_script, worksheet_html
from helpers import make_note, render_markdown
from pagetext import html_text, sentences, visible_text
from test_site import article_lines

TITLES = {key: value["title"] for key, value in verdicts().items()}
ARTICLE = """\
<section class="article-section" id="intro">
<p>Rust is fast. It is safe &amp; sound. Nothing here.</p>
<p>A thing runs on. Over two sentences. Then an opinion follows.</p>
</section>
<section class="article-section" id="next">
<h2 id="next">Next part</h2>
<p>Mostly right words. Plain words.</p>
</section>
"""


def annotated(*notes):
    article = annotate_article(ARTICLE, "docs/index.md", list(notes), render_markdown=render_markdown,
                               verdict_titles=TITLES, note_href=lambda note: f"notes/{note.id}/")
    assert not article.problems, article.problems.report("fixture")
    return article


@pytest.fixture(scope="module")
def fixture_sentences():
    article = annotated(
        make_note("fast", "Rust is fast", verdict="accurate"),
        make_note("safe", "safe & sound", verdict="false", claims=(("it", "It is", "opinion"),)),
        make_note("runs", "A thing runs on. Over two sentences.", verdict="outdated"),
        make_note("opinion", "an opinion follows", verdict="opinion"),
        make_note("mostly", "Mostly right", "next", verdict="mostly-accurate"),
    )
    return article_sentences(article, [NoClaim("Nothing here.", "Says nothing.", 3, 5)])


def test_sentences_are_numbered_through_the_article_with_their_paragraphs(fixture_sentences):
    assert [(s.number, s.section_id, s.paragraph, s.text) for s in fixture_sentences] == [
        (1, "intro", 0, "Rust is fast."),
        (2, "intro", 0, "It is safe & sound."),
        (3, "intro", 0, "Nothing here."),
        (4, "intro", 1, "A thing runs on."),
        (5, "intro", 1, "Over two sentences."),
        (6, "intro", 1, "Then an opinion follows."),
        (7, "next", 0, "Mostly right words."),
        (8, "next", 0, "Plain words."),
    ]


def test_each_sentence_holds_its_claims_and_what_the_notes_make_of_it(fixture_sentences):
    found = [([c.anchor for c in s.claims], s.expectation, s.no_claim_reason) for s in fixture_sentences]
    assert found == [
        (["quote-fast"], "holds", None),
        (["quote-safe--it", "quote-safe"], "doubt", None),  # a false claim outweighs an opinion
        ([], "none", "Says nothing."),
        (["quote-runs"], "doubt", None),  # a quote of two sentences is in both
        (["quote-runs"], "doubt", None),
        (["quote-opinion"], "opinion", None),
        (["quote-mostly"], "partly", None),
        ([], "none", None),
    ]
    second = fixture_sentences[1]
    assert second.parts == (("It is", True), (" ", False), ("safe & sound", True), (".", False))


def test_the_worksheet_html_holds_the_words_and_nothing_about_the_claims(fixture_sentences):
    html = worksheet_html(fixture_sentences, answers_href="answers.js", script_href="worksheet.js",
                          storage_key="site:worksheet")
    spans = re.findall(r'<span (class="worksheet__sentence"[^>]*)>([^<]*)</span>', html)
    assert [attributes for attributes, _ in spans] == [
        f'class="worksheet__sentence" id="sentence-{n}" data-number="{n}"' for n in range(1, 9)
    ]
    assert [html_text(text) for _, text in spans] == [s.text for s in fixture_sentences]
    for giveaway in ("quote-", "note-", "claim", "verdict", "<mark", "ann-", "Accurate", "False", "Opinion",
                     "notes/"):
        assert giveaway not in html, giveaway


# The built site

@pytest.fixture(scope="module")
def exercise_html(built_site: Path) -> str:
    return (built_site / "exercise" / "index.html").read_text(encoding="utf-8")


def worksheet_part(html: str) -> str:
    return html[html.index('<div class="worksheet__text">'):html.index('<section class="worksheet__sheet"')]


def test_the_worksheet_text_is_the_article_text_verbatim(exercise_html):
    text = " ".join(visible_text(exercise_html, "worksheet__text").split())
    assert text == " ".join(" ".join(article_lines()).split())
    headings = {html_text(h) for h in re.findall(r"<h2>(.*?)</h2>", worksheet_part(exercise_html))}
    numbered = re.findall(r'data-number="(\d+)">([^<]*)</span>', exercise_html)
    assert [html_text(words) for _, words in numbered] == [
        sentence for line in article_lines() if line not in headings for sentence in sentences(line)
    ]
    assert [int(number) for number, _ in numbered] == list(range(1, len(numbered) + 1))


def test_the_worksheet_page_carries_no_claim_markup(exercise_html):
    part = worksheet_part(exercise_html)
    tags = re.findall(r"<([a-z0-9]+)\b([^>]*)>", part)
    assert {tag for tag, _ in tags} <= {"div", "section", "h2", "p", "span"}
    for tag, attributes in tags:
        names = re.findall(r'\s([a-z-]+)="', attributes)
        allowed = {"span": ["class", "id", "data-number"], "section": ["class", "id"], "p": ["class"], "h2": [],
                   "div": ["class"]}
        assert names == allowed[tag], f"<{tag}{attributes}>"
    for giveaway in ("quote-", "note-", "ann-", "<mark", "aria-", "claim", "verdict"):
        assert giveaway not in part, giveaway
    assert "ann-quote" not in exercise_html and "ann-note" not in exercise_html
    assert 'data-answers="answers.js"' in exercise_html


def test_the_answers_script_covers_every_sentence_and_every_claim(built_site, exercise_html):
    answers = read_answers_script((built_site / "exercise" / "answers.js").read_text(encoding="utf-8"))
    numbered = re.findall(r'data-number="(\d+)"', exercise_html)
    assert [item["number"] for item in answers["items"]] == [int(n) for n in numbered]
    assert answers["sentences"] == len(numbered)
    article = (built_site / "index.html").read_text(encoding="utf-8")
    quotes = re.findall(r'<mark class="ann-quote[^"]*" id="([^"]+)"', article)
    claimed = sorted({claim["number"] for item in answers["items"] for claim in item["claims"]})
    assert claimed == list(range(1, len(quotes) + 1))
    anchors = {anchor for item in answers["items"] for anchor in item["anchors"]}
    assert set(quotes) <= anchors
    notes = re.findall(r'<aside class="ann-note[^"]*" id="note-([^"]+)"', article)
    assert {f"note-{note}" for note in notes} <= anchors
    for item in answers["items"]:
        for claim in item["claims"]:
            assert claim["href"] == f"../#{re.sub(r'^.*#', '', claim['href'])}"
            assert claim["verdict"] in {value["title"] for value in verdicts().values()}
        assert item["expect"] in answers["labels"]
        assert bool(item["claims"]) != bool(item["reason"]), item


def test_the_answer_key_has_every_sentence_with_its_claims(built_site, exercise_html):
    key = (built_site / "answer-key" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="sentence-(\d+)" class="answer-key__row answer-key__row--([a-z]+)">(.*?)</tr>',
                      key, re.DOTALL)
    answers = read_answers_script((built_site / "exercise" / "answers.js").read_text(encoding="utf-8"))
    assert [(int(n), kind) for n, kind, _ in rows] == [(item["number"], item["expect"]) for item in answers["items"]]
    for (_, _, row), item in zip(rows, answers["items"], strict=True):
        numbers = re.findall(r'class="answer-key__claim"[^>]*>Claim (\d+)</a>', row)
        assert numbers == [str(claim["number"]) for claim in item["claims"]]
    sentence_words = re.findall(r'data-number="\d+">([^<]*)</span>', exercise_html)
    assert [html_text(re.findall(r"<td>(.*?)</td>", row, re.DOTALL)[1]) for _, _, row in rows] == \
        [html_text(words) for words in sentence_words]
