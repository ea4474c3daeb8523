"""Put notes on the article: anchor every quote in the rendered page, number the quotes as claims, write the HTML."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from . import render
from .anchoring import Anchor, anchor_quote, normalise
from .notes import Note, Quote, quote_anchor
from .page_data import Insertion
from .problems import Problems
from .schema import did_you_mean
from .sections import Section, read_sections
from .sentences import sentence_around
from .splice import splice
from .templating import html


@dataclass
class Placement:
    """Where one quote of a note is: its section, its span in the section text, and its claim number on the page."""

    note: Note
    quote: Quote
    section: Section
    start: int
    end: int
    number: int = 0
    words: str = ""  # the quoted words as the page shows them, typography and all
    sentence: tuple[str, str, str] = ("", "", "")  # its sentence as the page shows it: before, the words, after
    sentence_lead: int = 0  # characters of its sentence before the quoted words, in the section's text
    follows: bool = False  # its number comes straight after another quote's number (a quote nested inside it)

    @property
    def sentence_html(self) -> str:
        """The sentence with the quoted words marked, as a paragraph."""
        return html(render.sentence_with_quote(*self.sentence))

    @property
    def anchor(self) -> str:
        return quote_anchor(self.note.id, self.quote.slug)


@dataclass
class AnnotatedArticle:
    source: str  # the rendered article before notes were added; section offsets refer to it
    html: str  # the article with its notes
    sections: list[Section]
    insertions: list[Insertion] = field(default_factory=list)  # what was put where to make `html`
    placements: list[Placement] = field(default_factory=list)  # every quote, in the order of its number
    unplaced_sections: set[str] = field(default_factory=set)  # sections where a note could not be placed
    problems: Problems = field(default_factory=Problems)

    def placement(self, note_id: str) -> Placement | None:
        """The placement of a note's own quote."""
        quotes = self._by_note_id.get(note_id)
        return next((p for p in quotes if p.quote.slug is None), None) if quotes else None

    def quotes_of(self, note_id: str) -> list[Placement]:
        """Every quote of a note, in the order of their numbers."""
        return self._by_note_id.get(note_id, [])

    @cached_property
    def _by_note_id(self) -> dict[str, list[Placement]]:
        by_id: dict[str, list[Placement]] = {}
        for p in self.placements:
            by_id.setdefault(p.note.id, []).append(p)
        return by_id


def annotate_article(
    source: str,
    article_path: str,
    notes: list[Note],
    *,
    render_markdown: Callable[[str], str],
    verdict_titles: dict[str, str],
    note_href: Callable[[Note], str],
) -> AnnotatedArticle:
    """Anchor every quote of every note in the article's rendered HTML `source` and return the annotated HTML.

    Quotes are numbered as claims, 1 to N in reading order. Notes that cannot be placed are reported,
    never silently left out; the caller fails the build.
    """
    sections = read_sections(source)
    result = AnnotatedArticle(source=source, html=source, sections=sections)
    if not sections:
        result.problems.add(
            article_path, 1, 1, 'the article has no <section class="article-section">; notes have nowhere to go'
        )
        return result
    by_id = {section.id: section for section in sections}
    placed: list[Placement] = []
    for note in notes:
        found = _place(note, by_id, article_path, result.problems)
        if found is None:
            result.unplaced_sections.add(note.section)
        else:
            placed += found
    placed = _without_clashes(placed, result.problems, result.unplaced_sections)
    order = {section.id: index for index, section in enumerate(sections)}
    placed.sort(key=lambda p: (order[p.section.id], p.end, -p.start))
    for number, placement in enumerate(placed, start=1):
        placement.number = number
        placement.words = placement.section.source_text(source, placement.start, placement.end)
        placement.sentence = _sentence(source, placement)
        placement.sentence_lead = placement.start - sentence_around(
            placement.section.text, placement.start, placement.end)[0]
        previous = placed[number - 2] if number > 1 else None
        placement.follows = previous is not None and (previous.section, previous.end) == (
            placement.section, placement.end)
    result.placements = placed

    def note_html(quotes: list[Placement], summary_html: str) -> str:
        return render.margin_note(quotes, verdict_titles, summary_html, note_href(quotes[0].note))

    def partner_html(claim: Placement, own: Placement) -> str:
        return render.margin_partner(claim, own, verdict_titles)

    result.insertions = _insertions(placed, render_markdown, verdict_titles, note_html, partner_html)
    result.html = splice(source, [(i.offset(by_id[i.section]), i.order, i.html) for i in result.insertions])
    return result


def _place(note: Note, sections: dict[str, Section], article_path: str, problems: Problems) -> list[Placement] | None:
    """Every quote of the note anchored in its section, or None when any of them cannot be."""
    section = sections.get(note.section)
    if section is None:
        known = list(sections)
        problems.add(note.path, *note.position("section"), (
            f"section '{note.section}' is not in the article{did_you_mean(note.section, known)}; "
            f"the sections of {article_path} are: {', '.join(known)}"
        ))
        return None
    placements = []
    for quote in note.quotes:
        where = quote.field("quote")
        found = anchor_quote(section.text, quote.text, quote.prefix, quote.suffix)
        if not isinstance(found, Anchor):
            searched = f"\"{normalise(quote.text)}\""
            if quote.prefix or quote.suffix:
                searched += f" (prefix \"{quote.prefix or ''}\", suffix \"{quote.suffix or ''}\")"
            problems.add(note.path, *note.position(where), (
                f"{where} {found.reason} in section '{section.id}' of {article_path}: searched for {searched}; "
                f"{found.hint}"
            ))
        elif section.char_parents[found.start] != section.char_parents[found.end - 1]:
            problems.add(note.path, *note.position(where), (
                f"{where} starts and ends inside different formatting (a link or emphasis); "
                "quote words within one of them"
            ))
        else:
            placements.append(Placement(note, quote, section, found.start, found.end))
    return placements if len(placements) == len(note.quotes) else None


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


_SAME = "{where} has the same words as {other}; keep one quote of those words, with one verdict"
_CROSSING = "{where} overlaps {other} without containing it; make one contain the other, or keep them apart"


def _without_clashes(placed: list[Placement], problems: Problems, unplaced: set[str]) -> list[Placement]:
    """Drop notes with a quote that is the same words as, or crosses, another quote.

    Each quote is reported once for each kind of clash, naming the first other quote and counting the rest:
    many copies of one quote give as many messages, not one for every pair of them.
    """
    groups: dict[tuple[int, int, int], list[Placement]] = {}
    for placement in placed:
        groups.setdefault((id(placement.section), placement.start, placement.end), []).append(placement)
    # id of a placement → kind of clash → the first other quote, and how many there are
    clashes: dict[int, dict[str, tuple[Placement, int]]] = {}

    def clash(kind: str, mine: list[Placement], theirs: list[Placement]) -> None:
        for placement in mine:
            others = [other for other in theirs[:2] if other is not placement]
            count = len(theirs) - (len(theirs[:2]) - len(others))
            first, earlier = clashes.setdefault(id(placement), {}).get(kind, (others[0], 0))
            clashes[id(placement)][kind] = (first, earlier + count)

    for members in groups.values():
        if len(members) > 1:
            clash(_SAME, members, members)
    for first, second in _overlapping_pairs([members[0] for members in groups.values()]):
        nested = (first.start <= second.start and second.end <= first.end) or (
            second.start <= first.start and first.end <= second.end
        )
        if not nested:
            mine = groups[(id(first.section), first.start, first.end)]
            theirs = groups[(id(second.section), second.start, second.end)]
            clash(_CROSSING, mine, theirs)
            clash(_CROSSING, theirs, mine)
    clashing: set[str] = set()
    for placement in placed:
        for kind, (other, count) in clashes.get(id(placement), {}).items():
            note, where = placement.note, placement.quote.field("quote")
            named = other.note.describe(other.quote) + (f" and {count - 1} more" if count > 1 else "")
            problems.add(note.path, *note.position(where), kind.format(where=where, other=named))
            clashing.add(note.id)
            unplaced.add(note.section)
    return [p for p in placed if p.note.id not in clashing]


def _sentence(source: str, placement: Placement) -> tuple[str, str, str]:
    """The quote's sentence as the page shows it: the text before the quoted words, the words, the text after."""
    section = placement.section
    start, end = sentence_around(section.text, placement.start, placement.end)
    return (
        section.source_text(source, start, placement.start),
        section.source_text(source, placement.start, placement.end),
        section.source_text(source, placement.end, end),
    )


def _insertions(
    placed: list[Placement],
    render_markdown: Callable[[str], str],
    verdict_titles: dict[str, str],
    note_html: Callable[[list[Placement], str], str],
    partner_html: Callable[[Placement, Placement], str],
) -> list[Insertion]:
    """Highlight every placed quote, and give every claim number its partner in the margin of its paragraph.

    A note's own quote has the note itself beside it; each further claim of a note has a line of its own,
    with its number and verdict and a link to the note, so that the margin shows every number, in order.
    Places are given in the text of each section, so that the same insertions apply to the builder's own
    rendering of the article, wherever its tags differ.
    """
    insertions: list[Insertion] = []
    by_note: dict[str, list[Placement]] = {}
    for p in placed:
        title = verdict_titles[p.quote.verdict]
        section = p.section.id
        # At one offset: highlights that end close before others open; inner ones close first, outer ones open first.
        insertions.append(Insertion(section, "char-start", p.start, (1, -p.end), render.quote_open(p, title)))
        insertions.append(Insertion(section, "char-end", p.end - 1, (0, -p.start), render.quote_close(p)))
        by_note.setdefault(p.note.id, []).append(p)
    rows: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for p in placed:  # in the order of their numbers
        quotes = by_note[p.note.id]
        own = next(q for q in quotes if q.quote.slug is None)
        if p is own:
            entry = note_html(quotes, render.inline(render_markdown(own.note.summary)))
        else:
            entry = partner_html(p, own)
        block = p.section.blocks.index(p.section.block_at(p.start))
        paragraph = p.section.blocks[block]
        # The entry starts in the band of its paragraph where its words begin, never above an earlier number.
        fraction = (p.start - paragraph.first_char) / max(1, paragraph.last_char - paragraph.first_char)
        entries = rows.setdefault((p.section.id, block), [])
        slot = max(render.margin_slot(fraction), entries[-1][0] if entries else 0)
        entries.append((slot, entry))
    for (section, block), asides in rows.items():
        insertions.append(Insertion(section, "block-start", block, (2,), render.row_open()))
        insertions.append(Insertion(section, "block-end", block, (-1,), render.row_close(asides)))
    return insertions
