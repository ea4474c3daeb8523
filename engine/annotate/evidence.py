"""The evidence rules of a note: the passage behind each source, a marker on every block, a summary for every
claim, the earlier and the new wording of every correction.

The schema says what each field may hold; these rules need several fields, or the body, at once:

1. Every source of a note whose verdict is neither `accurate` nor `opinion` has a `passage`; a passage is at
   most PASSAGE_WORDS words, its `prefix` and `suffix` at most CONTEXT_WORDS each.
2. Every paragraph and list item of the body cites, with `[@id]`, a source of the note (or `[@article]` for a
   block that only reports the article's own words); every source has an id and is cited at least once.
3. Every further claim has its own `summary`, at most CLAIM_SUMMARY_WORDS words.
4. A `correction` or an `update` records the wording (or verdict) `before` and `after` it.
"""

from __future__ import annotations

from .markers import ARTICLE, body_blocks
from .notes import Note
from .problems import Problems

PASSAGE_WORDS = 50
CONTEXT_WORDS = 10
CLAIM_SUMMARY_WORDS = 60
# Verdicts that rest on no passage of a source: a confirmation, or a judgement that cannot be checked as a fact.
WITHOUT_PASSAGE = ("accurate", "opinion")
# Changes of substance, whose earlier wording a reader must be able to see.
SHOWS_BEFORE_AND_AFTER = ("correction", "update")


def evidence_problems(note: Note) -> Problems:
    """Every way `note` breaks the evidence rules, each at the line of the field or block that breaks it."""
    problems = Problems()
    _passage_problems(note, problems)
    _marker_problems(note, problems)
    _claim_summary_problems(note, problems)
    _change_problems(note, problems)
    return problems


def _passage_problems(note: Note, problems: Problems) -> None:
    needs_passage = note.verdict not in WITHOUT_PASSAGE
    for source in note.sources:
        if source.passage is None:
            if needs_passage:
                problems.add(note.path, *note.position(source.key), (
                    f"{source.key} has no passage; a note whose verdict is '{note.verdict}' quotes, under each "
                    "source, the source's own words that support it: add 'passage:' with at most "
                    f"{PASSAGE_WORDS} words copied exactly from the page, and set 'accessed' to the day you read them"
                ))
            continue
        words = len(source.passage.split())
        if words > PASSAGE_WORDS:
            problems.add(note.path, *note.position(source.field("passage")), (
                f"{source.field('passage')} has {words} words; a passage is at most {PASSAGE_WORDS}: "
                "keep the one run of words that supports the note"
            ))
        if "`" in source.passage:
            problems.add(note.path, *note.position(source.field("passage")), (
                f"{source.field('passage')} holds a backtick; a passage is written as the page reads, "
                "without Markdown markup: remove it"
            ))
        for name in ("prefix", "suffix"):
            context = getattr(source, name)
            if context is not None and len(context.split()) > CONTEXT_WORDS:
                problems.add(note.path, *note.position(source.field(name)), (
                    f"{source.field(name)} has {len(context.split())} words; at most {CONTEXT_WORDS}, "
                    "just enough to tell this occurrence of the passage from the others"
                ))


def _marker_problems(note: Note, problems: Problems) -> None:
    ids: dict[str, str] = {}
    for source in note.sources:
        if source.id is None:
            problems.add(note.path, *note.position(source.key), (
                f"{source.key} has no id; give it one, such as 'id: {_suggested_id(source.url)}', "
                "and cite it in the body as [@that-id]"
            ))
        elif source.id == ARTICLE:
            problems.add(note.path, *note.position(source.field("id")), (
                f"{source.field('id')} '{ARTICLE}' is kept for [@{ARTICLE}], the article itself; give the source "
                "another id"
            ))
        elif source.id in ids:
            problems.add(note.path, *note.position(source.field("id")), (
                f"{source.field('id')} '{source.id}' is also the id of {ids[source.id]}; each source needs its own"
            ))
        else:
            ids[source.id] = source.key
    cited: set[str] = set()
    for block in body_blocks(note.body, note.body_line):
        if not block.markers:
            problems.add(note.path, block.line, block.column, (
                f"this {block.kind} cites no source; end it with [@id] naming the source of this note that "
                f"carries it (or [@id1; @id2]), or [@{ARTICLE}] when it only reports what the article says"
            ))
        for marker in block.markers:
            for source_id in marker.ids:
                if source_id == ARTICLE or source_id in ids:
                    cited.add(source_id)
                    continue
                known = ", ".join(ids) or "none yet"
                problems.add(note.path, marker.line, marker.column, (
                    f"citation {marker.text} names '{source_id}', which is not the id of a source of this note "
                    f"(its ids: {known}); write [@id] with the id of one of its sources, or [@{ARTICLE}]"
                ))
    for source_id, key in ids.items():
        if source_id not in cited:
            problems.add(note.path, *note.position(f"{key}.id"), (
                f"{key} '{source_id}' is never cited in the body; put [@{source_id}] after what it supports, "
                "or remove the source"
            ))


def _suggested_id(url: str) -> str:
    words = [word for word in url.lower().replace("https://", "").replace("www.", "").split("/") if word][:2]
    slug = "-".join("".join(c if c.isalnum() else "-" for c in word) for word in words)
    return "-".join(part for part in slug.split("-") if part) or "source"


def _claim_summary_problems(note: Note, problems: Problems) -> None:
    for quote in note.quotes[1:]:
        if quote.summary is None:
            problems.add(note.path, *note.position(quote.key), (
                f"{quote.key} has no summary; each further claim explains its own verdict in about 30 words "
                f"(at most {CLAIM_SUMMARY_WORDS}): add 'summary:' to it"
            ))
        elif len(quote.summary.split()) > CLAIM_SUMMARY_WORDS:
            problems.add(note.path, *note.position(quote.field("summary")), (
                f"{quote.field('summary')} has {len(quote.summary.split())} words; a claim's summary takes at most "
                f"{CLAIM_SUMMARY_WORDS}: keep what explains its verdict"
            ))


def _change_problems(note: Note, problems: Problems) -> None:
    for index, change in enumerate(note.changes, start=1):
        if change.kind not in SHOWS_BEFORE_AND_AFTER:
            continue
        kind = ("an " if change.kind[0] in "aeiou" else "a ") + change.kind
        for name in ("before", "after"):
            if getattr(change, name) is None:
                problems.add(note.path, *note.position(f"changes[{index}]"), (
                    f"changes[{index}] is {kind} without '{name}'; {kind} shows what the note said before and "
                    "what it says now: add "
                    f"'{name}:' with the {'earlier' if name == 'before' else 'new'} wording, or "
                    f"'Verdict: …' for a change of verdict"
                ))
