"""The HTML written into the article: highlights, numbered references, rows and margin notes."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from annotate.article import annotate_article
from helpers import make_note, render_markdown

ARTICLE = dedent("""\
    <section class="article-section" id="intro">
    <p>Rust is fast &amp; safe. Through platforms like Google’s TensorFlow and Facebook’s PyTorch, it binds.</p>
    <p>No notes here.</p>
    </section>
    """)

GOLDEN = Path(__file__).parent / "golden"
TITLES = {"false": "False", "misleading": "Misleading", "outdated": "Outdated"}


def annotate(notes):
    return annotate_article(
        ARTICLE, "docs/index.md", notes,
        render_markdown=render_markdown, verdict_titles=TITLES, note_href=lambda note: f"notes/{note.id}/",
    )


def test_nested_quotes_render_as_golden_html():
    notes = [
        make_note("platforms", "Through platforms like Google's TensorFlow and Facebook's PyTorch",
                  verdict="misleading"),
        make_note("pytorch", "Facebook’s PyTorch", verdict="outdated", summary="Governed by a *foundation*."),
        make_note("fast", "fast & safe"),
    ]
    result = annotate(notes)
    assert not result.problems
    # Reviewed by eye: nested highlights close inner first; notes follow the order of their numbers.
    assert result.html == (GOLDEN / "nested-quotes.html").read_text(encoding="utf-8")


def test_notes_are_numbered_in_reading_order_of_their_references():
    result = annotate([make_note("b", "Facebook’s PyTorch"), make_note("a", "Rust is fast")])
    assert [(p.note.id, p.number) for p in result.placements] == [("a", 1), ("b", 2)]


def test_quote_sentence_keeps_the_article_typography():
    result = annotate([make_note("pytorch", "Facebook's PyTorch")])
    assert result.placements[0].sentence_html == (
        "<p>Through platforms like Google’s TensorFlow and <mark>Facebook’s PyTorch</mark>, it binds.</p>"
    )


def test_summary_markup_from_a_note_is_escaped_not_injected():
    result = annotate([make_note("fast", "fast & safe", title='<img src=x onerror="alert(1)">')])
    assert "<img" not in result.html
    assert "&lt;img src=x" in result.html


def test_same_words_twice_and_crossing_quotes_are_problems():
    result = annotate([
        make_note("one", "Rust is fast"),
        make_note("two", "Rust is fast"),
        make_note("three", "safe. Through"),
        make_note("four", "Through platforms"),
    ])
    messages = [str(problem) for problem in result.problems.sorted()]
    assert messages == [
        "docs/notes/four.md:4:8: quote overlaps the quote of docs/notes/three.md without containing it; "
        "make one contain the other, or keep them apart",
        "docs/notes/one.md:4:8: quotes the same words as docs/notes/two.md; "
        "two notes on the same words should be one note",
        "docs/notes/three.md:4:8: quote overlaps the quote of docs/notes/four.md without containing it; "
        "make one contain the other, or keep them apart",
        "docs/notes/two.md:4:8: quotes the same words as docs/notes/one.md; "
        "two notes on the same words should be one note",
    ]
    assert "ann-note" not in result.html


def test_unknown_section_and_missing_quote_are_reported_with_hints():
    result = annotate([
        make_note("lost", "Rust is fast", section="intor"),
        make_note("typo", "Rust is fats"),
    ])
    messages = [str(problem) for problem in result.problems.sorted()]
    assert messages == [
        "docs/notes/lost.md:3:10: section 'intor' is not in the article (did you mean 'intro'?); "
        "the sections of docs/index.md are: intro",
        "docs/notes/typo.md:4:8: quote not found in section 'intro' of docs/index.md: "
        'searched for "Rust is fats"; closest text in the section: "Rust is fast"',
    ]
