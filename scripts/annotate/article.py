"""Put notes on the article: anchor every quote in the rendered page, number the notes, write the HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from . import render
from .anchoring import Anchor, anchor_quote, line_around, normalise
from .notes import Note
from .problems import Problems
from .schema import did_you_mean
from .sections import Section, read_sections


@dataclass
class Placement:
    """Where a note's quote is: its section, its span in the section text, and its number on the page."""

    note: Note
    section: Section
    start: int
    end: int
    number: int = 0
    sentence_html: str = ""
    folded_starts: dict[str, int] = field(default_factory=dict)  # words of each stated folded claim → start


@dataclass
class AnnotatedArticle:
    source: str  # the rendered article before notes were added; section offsets refer to it
    html: str
    sections: list[Section]
    placements: list[Placement] = field(default_factory=list)  # in reading order
    problems: Problems = field(default_factory=Problems)

    def placement(self, note_id: str) -> Placement | None:
        return self._by_note_id.get(note_id)

    @cached_property
    def _by_note_id(self) -> dict[str, Placement]:
        return {p.note.id: p for p in self.placements}


def annotate_article(
    source: str,
    article_path: str,
    notes: list[Note],
    *,
    render_markdown: Callable[[str], str],
    verdict_titles: dict[str, str],
    note_href: Callable[[Note], str],
) -> AnnotatedArticle:
    """Anchor every note in the article's rendered HTML `source` and return the annotated HTML.

    Notes that cannot be placed are reported, never silently left out; the caller fails the build.
    """
    sections = read_sections(source)
    result = AnnotatedArticle(source=source, html=source, sections=sections)
    if not sections:
        result.problems.add(
            article_path, 1, 1, 'the article has no <section class="article-section">; notes have nowhere to go'
        )
        return result
    by_id = {section.id: section for section in sections}
    placed = [p for p in (_place(note, by_id, article_path, result.problems) for note in notes) if p is not None]
    placed = _without_clashes(placed, result.problems)
    order = {section.id: index for index, section in enumerate(sections)}
    placed.sort(key=lambda p: (order[p.section.id], p.end, -p.start))
    for number, placement in enumerate(placed, start=1):
        placement.number = number
        placement.sentence_html = _sentence(source, placement)
    result.placements = placed

    def note_html(p: Placement, summary_html: str) -> str:
        return render.margin_note(p.note, p.number, verdict_titles[p.note.verdict], summary_html, note_href(p.note))

    result.html = _inject(source, placed, render_markdown, verdict_titles, note_html)
    return result


def exercise_html(
    article: AnnotatedArticle,
    *,
    render_markdown: Callable[[str], str],
    verdict_titles: dict[str, str],
    note_href: Callable[[Note], str],
) -> str:
    """The article's sections with every note behind its own reveal control, for the exercise page."""

    def note_html(p: Placement, summary_html: str) -> str:
        words = p.section.source_text(article.source, p.start, p.end)
        aside = render.margin_note(
            p.note, p.number, verdict_titles[p.note.verdict], summary_html, note_href(p.note), quoted=words
        )
        return render.exercise_slot(p.note, p.number, aside)

    html = _inject(article.source, article.placements, render_markdown, verdict_titles, note_html)
    # Notes are only ever inserted inside sections, so everything they add lies before the last section's end.
    grown = len(html) - len(article.source)
    return html[article.sections[0].start:article.sections[-1].end + grown]


def _place(note: Note, sections: dict[str, Section], article_path: str, problems: Problems) -> Placement | None:
    section = sections.get(note.section)
    if section is None:
        known = list(sections)
        problems.add(note.path, *note.position("section"), (
            f"section '{note.section}' is not in the article{did_you_mean(note.section, known)}; "
            f"the sections of {article_path} are: {', '.join(known)}"
        ))
        return None
    found = anchor_quote(section.text, note.quote, note.prefix, note.suffix)
    if not isinstance(found, Anchor):
        searched = f"\"{normalise(note.quote)}\""
        if note.prefix or note.suffix:
            searched += f" (prefix \"{note.prefix or ''}\", suffix \"{note.suffix or ''}\")"
        problems.add(note.path, *note.position("quote"), (
            f"quote {found.reason} in section '{section.id}' of {article_path}: searched for {searched}; {found.hint}"
        ))
        return None
    if section.char_parents[found.start] != section.char_parents[found.end - 1]:
        problems.add(note.path, *note.position("quote"), (
            "quote starts and ends inside different formatting (a link or emphasis); quote words within one of them"
        ))
        return None
    placement = Placement(note, section, found.start, found.end)
    for claim in note.folded:
        if claim.implied:
            continue
        words = anchor_quote(section.text, claim.words)
        if isinstance(words, Anchor):
            placement.folded_starts[claim.words] = words.start
        else:
            problems.add(note.path, claim.line, claim.column, (
                f"folded claim {words.reason} in section '{section.id}' of {article_path}: "
                f"searched for \"{normalise(claim.words)}\"; {words.hint}; "
                "give the article's exact words, or set 'implied: true' for a claim the article only implies"
            ))
    return placement


def _overlapping_pairs(placed: list[Placement]) -> list[tuple[Placement, Placement]]:
    """Pairs of quotes in one section that share characters, found by a sweep in order of start."""
    pairs = []
    by_section: dict[int, list[Placement]] = {}
    for placement in placed:
        by_section.setdefault(id(placement.section), []).append(placement)
    for members in by_section.values():
        members.sort(key=lambda p: (p.start, -p.end))
        for index, first in enumerate(members):
            for second in members[index + 1:]:
                if second.start >= first.end:
                    break
                pairs.append((first, second))
    return pairs


def _without_clashes(placed: list[Placement], problems: Problems) -> list[Placement]:
    """Drop notes whose quotes are the same words as, or cross, another note's quote."""
    clashing: set[str] = set()
    for first, second in _overlapping_pairs(placed):
        nested = (first.start <= second.start and second.end <= first.end) or (
            second.start <= first.start and first.end <= second.end
        )
        if (first.start, first.end) == (second.start, second.end):
            message = "quotes the same words as {other}; two notes on the same words should be one note"
        elif nested:
            continue
        else:
            message = (
                "quote overlaps the quote of {other} without containing it; "
                "make one contain the other, or keep them apart"
            )
        for note, other in ((first.note, second.note), (second.note, first.note)):
            problems.add(note.path, *note.position("quote"), message.format(other=other.path))
            clashing.add(note.id)
    return [p for p in placed if p.note.id not in clashing]


_SENTENCE_END = re.compile(r"[.!?][\"')\u201d\u2019]*(?= |$)")


def _sentence(source: str, placement: Placement) -> str:
    """The quote's sentence as the page shows it, with the quoted words marked."""
    section, text = placement.section, placement.section.text
    line_start, line_end = line_around(text, placement.start, placement.end)
    ends_before = [m.end() for m in _SENTENCE_END.finditer(text, line_start, placement.start)]
    start = ends_before[-1] + 1 if ends_before else line_start
    after = _SENTENCE_END.search(text, max(placement.end - 1, line_start), line_end)
    end = after.end() if after else line_end

    return render.sentence_with_quote(
        section.source_text(source, start, placement.start),
        section.source_text(source, placement.start, placement.end),
        section.source_text(source, placement.end, end),
    )


def _inject(
    source: str,
    placed: list[Placement],
    render_markdown: Callable[[str], str],
    verdict_titles: dict[str, str],
    note_html: Callable[[Placement, str], str],
) -> str:
    """Highlight every placed quote and put its note after the quote's paragraph, in one row with it."""
    insertions: list[tuple[int, tuple[int, ...], str]] = []
    rows: dict[int, tuple[int, list[str]]] = {}
    for p in placed:
        title = verdict_titles[p.note.verdict]
        starts, ends = p.section.char_starts, p.section.char_ends
        # At one offset: highlights that end close before others open; inner ones close first, outer ones open first.
        insertions.append((starts[p.start], (1, -p.end), render.quote_open(p.note)))
        insertions.append((ends[p.end - 1], (0, -p.start), render.quote_close(p.note, p.number, title)))
        block = p.section.block_at(p.start)
        summary = render.inline(render_markdown(p.note.summary))
        rows.setdefault(block.start, (block.end, []))[1].append(note_html(p, summary))
    for block_start, (block_end, asides) in rows.items():
        insertions.append((block_start, (2,), render.row_open()))
        insertions.append((block_end, (-1,), render.row_close(asides)))
    return render.splice(source, insertions)
