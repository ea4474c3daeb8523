"""The real site, built as `make build` builds it: the article, its notes, and what a reader relies on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from annotate.notes import verdicts
from conftest import ROOT, TEST_REPO_URL
from pagetext import sentences, visible_text

SECTION_IDS = [
    "introduction",
    "rust-a-language-for-the-future",
    "why-rust-matters-in-the-ml-domain",
    "improving-model-quality",
    "the-future-of-rust-and-ml",
    "conclusion",
]
TITLE = "Exploring the Correlation Between Rust and Machine Learning"
NOTE_IDS = sorted(path.stem for path in (ROOT / "docs" / "notes").glob("*.md"))


def article_lines() -> list[str]:
    """The article's own lines: the source without its repeated title and the blog's comment form."""
    lines = [line.strip() for line in (ROOT / "data" / "original.txt").read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    assert lines[0] == lines[1] == TITLE
    assert lines[-2:] == ["Leave a Reply", "Your email address will not be published. Required fields are marked *"]
    return lines[2:-2]


@pytest.fixture(scope="module")
def article_html(built_site: Path) -> str:
    return (built_site / "index.html").read_text(encoding="utf-8")


def test_every_sentence_of_the_article_appears_verbatim_and_in_order(article_html):
    text = visible_text(article_html, "article", {"ann-ref", "ann-margin", "headerlink"})
    flat = " ".join(text.split())
    position = 0
    for line in article_lines():
        for sentence in sentences(line):
            found = flat.find(sentence, position)
            assert found != -1, f"not found verbatim after position {position}: {sentence!r}"
            position = found + len(sentence)
    # Nothing but the article's text in the article block.
    expected = " ".join(" ".join(article_lines()).split())
    assert flat == expected


def test_title_is_shown_once_and_comment_form_left_out(article_html):
    assert article_html.count(f">{TITLE}<") == 1
    assert re.search(rf"<h1[^>]*>{TITLE}<", article_html)
    assert "Leave a Reply" not in visible_text(article_html, "article")
    notice = visible_text(article_html, "editorial-note")
    assert "shown here once" in notice and "comment form" in notice


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_section_ids_are_present_once(article_html, section_id):
    assert len(re.findall(rf'\bid="{section_id}"', article_html)) == 1


@pytest.mark.parametrize("note_id", NOTE_IDS)
def test_every_note_is_rendered_once_on_the_article(article_html, note_id):
    assert article_html.count(f'id="note-{note_id}"') == 1
    assert article_html.count(f'id="quote-{note_id}"') == 1
    assert f'href="#note-{note_id}"' in article_html
    assert f'href="notes/{note_id}/"' in article_html


@pytest.mark.parametrize("note_id", NOTE_IDS)
def test_every_note_has_its_own_page_with_verdict_sources_and_way_back(built_site, note_id):
    page = (built_site / "notes" / note_id / "index.html").read_text(encoding="utf-8")
    content = visible_text(page, "md-content__inner")
    assert re.search(r"Verdict: (" + "|".join(v["title"] for v in verdicts().values()) + ")", content)
    assert 'class="ann-page__quote"' in page and "<mark>" in page
    assert f'href="../../#quote-{note_id}"' in page
    assert f'href="{TEST_REPO_URL}/edit/main/docs/notes/{note_id}.md"' in page
    source_lines = (ROOT / "docs" / "notes" / f"{note_id}.md").read_text(encoding="utf-8")
    if "sources:" in source_lines:
        assert '<h2 id="sources">Sources</h2>' in page


def test_reading_guide_explains_every_verdict(article_html):
    guide = visible_text(article_html, "reading-guide")
    assert "How to read this page" in guide
    for verdict in verdicts().values():
        assert verdict["title"] in guide and verdict["description"] in guide


def test_pages_request_nothing_from_other_hosts(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="([^"]+)"', html):
            assert not re.match(r"^(https?:)?//", url), f"{page.relative_to(built_site)} loads {url}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_site_description_and_search_and_colour_toggle_are_present(article_html, built_site):
    assert '<meta name="description" content="A short blog article on Rust' in article_html
    assert (built_site / "search" / "search_index.json").is_file()
    assert 'data-md-component="palette"' in article_html
    assert article_html.count('data-md-color-scheme="slate"') >= 1
