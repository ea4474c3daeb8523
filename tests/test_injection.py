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
TITLES = {"false": "False", "misleading": "Misleading", "outdated": "Outdated", "accurate": "Accurate",
          "mostly-accurate": "Mostly accurate"}


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


def test_a_note_with_claims_renders_as_golden_html():
    notes = [
        make_note("platforms", "Facebook’s PyTorch", verdict="outdated", aliases=("old-platforms",),
                  claims=(("google", "Google’s TensorFlow", "accurate"), ("safe", "safe", "misleading"))),
        make_note("fast", "fast", verdict="mostly-accurate"),
    ]
    result = annotate(notes)
    assert not result.problems
    # Reviewed by eye: each quote its own highlight and anchor, numbered as a claim in reading order; the
    # note sits after the paragraph of its own quote, first its own number and verdict, then each claim's.
    assert result.html == (GOLDEN / "note-with-claims.html").read_text(encoding="utf-8")


def test_claims_are_numbered_in_reading_order_of_their_references_across_notes():
    result = annotate([
        make_note("b", "Facebook’s PyTorch", claims=(("tf", "Google’s TensorFlow", "accurate"),)),
        make_note("a", "Rust is fast"),
    ])
    assert [(p.anchor, p.number) for p in result.placements] == [
        ("quote-a", 1), ("quote-b--tf", 2), ("quote-b", 3),
    ]
    assert [p.number for p in result.quotes_of("b")] == [2, 3]
    assert result.placement("b").number == 3


def test_quote_sentence_keeps_the_article_typography():
    result = annotate([make_note("pytorch", "Facebook's PyTorch")])
    assert result.placements[0].sentence_html == (
        "<p>Through platforms like Google’s TensorFlow and <mark>Facebook’s PyTorch</mark>, it binds.</p>"
    )


def test_summary_markup_from_a_note_is_escaped_not_injected():
    result = annotate([make_note("fast", "fast & safe", title='<img src=x onerror="alert(1)">')])
    assert "<img" not in result.html
    assert "&lt;img src=x" in result.html


def test_a_claim_not_found_stops_its_note_and_names_the_claim():
    result = annotate([make_note("b", "Facebook’s PyTorch", claims=(("tf", "Google’s Tensorflow", "accurate"),))])
    assert [str(problem) for problem in result.problems.sorted()] == [
        "docs/notes/b.md:13:12: claims[1].quote not found in section 'intro' of docs/index.md: "
        'searched for "Google\'s Tensorflow"; closest text in the section: "Google\'s TensorFlow"',
    ]
    assert result.placements == [] and result.unplaced_sections == {"intro"}


def test_a_claim_on_the_same_words_as_another_quote_is_a_problem():
    result = annotate([
        make_note("a", "Rust is fast"),
        make_note("b", "Facebook’s PyTorch", claims=(("fast", "Rust is fast", "accurate"),)),
    ])
    assert [str(problem) for problem in result.problems.sorted()] == [
        "docs/notes/a.md:4:8: quote has the same words as claims[1] of docs/notes/b.md; "
        "keep one quote of those words, with one verdict",
        "docs/notes/b.md:13:12: claims[1].quote has the same words as the quote of docs/notes/a.md; "
        "keep one quote of those words, with one verdict",
    ]


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
        "docs/notes/one.md:4:8: quote has the same words as the quote of docs/notes/two.md; "
        "keep one quote of those words, with one verdict",
        "docs/notes/three.md:4:8: quote overlaps the quote of docs/notes/four.md without containing it; "
        "make one contain the other, or keep them apart",
        "docs/notes/two.md:4:8: quote has the same words as the quote of docs/notes/one.md; "
        "keep one quote of those words, with one verdict",
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
