"""The real site, built as `make build` builds it: the article, its notes, and what a reader relies on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from annotate.notes import verdicts
from conftest import ROOT, TEST_REPO_URL
from pagetext import sentences, visible_text
from selectolax.lexbor import LexborHTMLParser

SECTION_IDS = [
    "introduction",
    "rust-a-language-for-the-future",
    "why-rust-matters-in-the-ml-domain",
    "improving-model-quality",
    "the-future-of-rust-and-ml",
    "conclusion",
]
TITLE = "Exploring the Correlation Between Rust and Machine Learning"
NOTES_DIR = ROOT / "docs" / "notes"
NOTE_IDS = sorted(path.stem for path in NOTES_DIR.glob("*.md"))
DATED = "depends on when the article was written"


def front_matter(note_id: str) -> dict:
    return yaml.safe_load((NOTES_DIR / f"{note_id}.md").read_text(encoding="utf-8").split("---\n")[1])


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
def test_every_note_and_each_of_its_quotes_is_rendered_once_on_the_article(article_html, note_id):
    assert article_html.count(f'id="note-{note_id}"') == 1
    assert article_html.count(f'id="quote-{note_id}"') == 1
    assert f'href="#note-{note_id}"' in article_html
    assert f'href="notes/{note_id}/"' in article_html
    for claim in front_matter(note_id).get("claims", []):
        anchor = f"quote-{note_id}--{claim['id']}"
        assert len(re.findall(rf'<mark class="ann-quote ann-quote--[a-z-]+" id="{anchor}"[ >]', article_html)) == 1
        # Each further claim's line in the margin links back to its words by number, and on to the note.
        lines = re.findall(rf'<p class="ann-partner" data-note="{note_id}".*?</p>', article_html, re.DOTALL)
        assert len([line for line in lines if f'class="ann-note__number" href="#{anchor}"' in line]) == 1
        assert all(f'href="#note-{note_id}"' in line for line in lines)


@pytest.mark.parametrize("note_id", NOTE_IDS)
def test_note_page_shows_review_date_sources_read_reading_and_change_log(built_site, note_id):
    meta = front_matter(note_id)
    page = (built_site / "notes" / note_id / "index.html").read_text(encoding="utf-8")
    content = " ".join(visible_text(page, "md-content__inner").split())
    verdict_line = " ".join(visible_text(page, "ann-page__verdict").split())
    assert f"Reviewed {meta['reviewed']}" in verdict_line
    assert (DATED in verdict_line) == bool(meta.get("depends_on_article_date"))
    for source in meta.get("sources", []):
        read = "passage confirmed" if "passage" in source else "read"
        assert f"{source['title']} ({read} {source['accessed']})" in content
        if "passage" in source:
            assert " ".join(source["passage"].split()) in content
    for claim in meta.get("claims", []):
        assert f'href="../../#quote-{note_id}--{claim["id"]}"' in page
    if "inference" in meta:
        reading = " ".join(visible_text(page, "ann-page__inference").split())
        assert reading.startswith("The site's reading: the article does not say this in words")
        assert "not counted in the claims ledger" in reading and " ".join(meta["inference"].split()) in reading
    else:
        assert "ann-page__inference" not in page
    changes = " ".join(visible_text(page, "ann-changes").split())
    assert '<h2 id="changes">Changes</h2>' in page
    listed = sorted(meta["changes"], key=lambda change: str(change["date"]), reverse=True)
    assert changes == (" ".join(f"{change['date']} {change['kind'].title()}: {' '.join(change['what'].split())}"
                                + _before_after(change) for change in listed)
                       or "No changes since the note was first published.")


def _before_after(change: dict) -> str:
    """How the page shows what a correction or an update changed."""
    if "before" not in change:
        return ""
    return f" Before {' '.join(change['before'].split())} After, {change['date']} {' '.join(change['after'].split())}"


def test_method_page_shows_the_oldest_and_the_newest_review_date(built_site):
    dates = sorted(str(front_matter(note_id)["reviewed"]) for note_id in NOTE_IDS)
    text = " ".join(visible_text((built_site / "about" / "index.html").read_text(encoding="utf-8"),
                                 "md-content__inner").split())
    if dates[0] == dates[-1]:
        assert f"Every note was last reviewed on {dates[0]}." in text
    else:
        assert f"The oldest review date of a note is {dates[0]}, and the newest is {dates[-1]}." in text


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


@pytest.mark.parametrize("note_id", NOTE_IDS)
def test_every_citation_on_a_note_page_leads_to_a_numbered_source_there(built_site, note_id):
    page = LexborHTMLParser((built_site / "notes" / note_id / "index.html").read_text(encoding="utf-8"))
    sources = [item.attributes.get("id") for item in page.css("ol.ann-sources > li")]
    citations = [(link.attributes["href"], link.text()) for link in page.css("sup.ann-cite a")]
    assert citations, "the body cites no source"
    for href, number in citations:
        assert href.removeprefix("#") in sources, href
        assert sources.index(href.removeprefix("#")) + 1 == int(number), (href, number)
    assert set(sources) <= {href.removeprefix("#") for href, _ in citations}, "a source is never cited"
    # No marker is left as written, outside code.
    content = page.css_first(".md-content__inner")
    for code in content.css("code, pre"):
        code.decompose()
    assert "[@" not in content.text()
