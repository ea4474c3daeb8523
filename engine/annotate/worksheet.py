"""The worksheet: the article as plain numbered sentences for students to mark, and the answers, kept apart.

The worksheet's HTML holds the article's words and nothing else about them: every sentence is the same
element with its number, so neither the page, its print nor a screen reader can tell which sentences the
notes question. The answers go in a separate script, loaded only when a student asks to check, and in the
answer key page. What counts as "worth doubting" is decided here, once, for both.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from .accounting import NoClaim, holds
from .anchoring import normalise
from .article import AnnotatedArticle, Placement
from .notes import Note, quote_anchor
from .sentences import all_sentences
from .templating import render

# Verdicts that say the words should not be taken as they stand.
DOUBT = frozenset({"false", "misleading", "outdated", "unsupported"})
PARTLY = frozenset({"mostly-accurate"})
OPINION = "opinion"

# What a sentence is, for a student who marked it or did not: (short label, what it means).
EXPECTATIONS = {
    "doubt": ("Worth doubting", "the notes find a claim in it false, misleading, outdated or unsupported"),
    "partly": ("Fair to doubt", "the notes find its claim correct in substance but vague or overstated"),
    "holds": ("Holds up", "the notes find its claim accurate"),
    "opinion": ("An opinion", "a judgement or a prediction, which cannot be checked as a fact"),
    "none": ("No factual claim", "nothing in it to check"),
}

ANSWERS_GLOBAL = "worksheetAnswers"
_ANSWERS_PREFIX = f"window.{ANSWERS_GLOBAL} = "
ANSWER_LINES = 12  # rows to write in, on the printed worksheet


@dataclass(frozen=True)
class Sentence:
    number: int  # 1 to N through the whole article: the worksheet's numbering
    section_id: str
    heading: str  # the section's heading; empty for the untitled opening section
    paragraph: int  # which paragraph of its section, from 0
    text: str  # as the page shows it
    parts: tuple[tuple[str, bool], ...]  # the text cut where claims start and end: (piece, inside a claim)
    claims: tuple[Placement, ...]  # the claims it holds, in the order of their numbers
    no_claim_reason: str | None  # why it makes no claim, from data/no-claims.yml

    @property
    def expectation(self) -> str:
        """'doubt', 'partly', 'holds', 'opinion' or 'none': what the notes make of the sentence."""
        verdicts = {claim.quote.verdict for claim in self.claims}
        if not verdicts:
            return "none"
        if verdicts & DOUBT:
            return "doubt"
        if verdicts & PARTLY:
            return "partly"
        return "opinion" if verdicts == {OPINION} else "holds"


def article_sentences(article: AnnotatedArticle, no_claims: list[NoClaim]) -> list[Sentence]:
    """Every sentence of the article, numbered, with the claims it holds."""
    reasons = {normalise(entry.sentence): entry.reason for entry in no_claims}
    sentences = []
    for section in article.sections:
        placed = [p for p in article.placements if p.section is section]
        for start, end in all_sentences(section.text):
            paragraph = next(index for index, block in enumerate(section.blocks)
                             if block.first_char <= start < block.last_char)
            claims = tuple(p for p in placed if holds(start, end, p))
            cuts = sorted({start, end, *(max(start, min(end, edge)) for p in claims for edge in (p.start, p.end))})
            parts = tuple(
                (section.source_text(article.source, first, last),
                 any(p.start <= first and last <= p.end for p in claims))
                for first, last in pairwise(cuts)
            )
            sentences.append(Sentence(
                number=len(sentences) + 1,
                section_id=section.id,
                heading=section.heading,
                paragraph=paragraph,
                text=section.source_text(article.source, start, end),
                parts=parts,
                claims=claims,
                no_claim_reason=reasons.get(section.text[start:end]),
            ))
    return sentences


def by_section(sentences: list[Sentence]) -> list[list[Sentence]]:
    groups: list[list[Sentence]] = []
    for sentence in sentences:
        if not groups or groups[-1][0].section_id != sentence.section_id:
            groups.append([])
        groups[-1].append(sentence)
    return groups


def worksheet_html(sentences: list[Sentence], *, answers_href: str, script_href: str, storage_key: str) -> str:
    """The worksheet: controls that only JavaScript shows, the numbered sentences, and lines to write on in print."""
    return render(
        "worksheet.html", sections=by_section(sentences), count=len(sentences), answers_href=answers_href,
        script_href=script_href, storage_key=storage_key, answer_lines=ANSWER_LINES,
    )


def _anchors(claim: Placement) -> list[str]:
    """The article's ids for a claim: its quote, its note for the note's own quote, and both under old note ids."""
    note, slug = claim.note, claim.quote.slug
    anchors = [quote_anchor(note.id, slug), *(quote_anchor(alias, slug) for alias in note.aliases)]
    if slug is None:
        anchors += [f"note-{note.id}", *(f"note-{alias}" for alias in note.aliases)]
    return anchors


def answers(
    sentences: list[Sentence],
    verdict_titles: dict[str, str],
    *,
    article_href: str,
    note_href: Callable[[Note], str],
    key_href: str,
    explanation_text: Callable[[Placement], str],
) -> dict:
    """What "Check my answers" compares the marks with: what each sentence is, and the claims it holds, each
    with why it got its verdict."""
    return {
        "sentences": len(sentences),
        "key": key_href,
        "article": article_href,
        "labels": {name: {"label": label, "meaning": meaning} for name, (label, meaning) in EXPECTATIONS.items()},
        "items": [
            {
                "number": sentence.number,
                "expect": sentence.expectation,
                "reason": sentence.no_claim_reason,
                "anchors": [anchor for claim in sentence.claims for anchor in _anchors(claim)],
                "claims": [
                    {
                        "number": claim.number,
                        "words": claim.words,
                        "verdict": verdict_titles[claim.quote.verdict],
                        "why": explanation_text(claim),
                        "href": f"{article_href}#{claim.anchor}",
                        "note": claim.note.title,
                        "noteHref": note_href(claim.note),
                    }
                    for claim in sentence.claims
                ],
            }
            for sentence in sentences
        ],
    }


def answers_script(data: dict) -> str:
    """The answers as a script that sets one global; a script, not JSON, so that it loads from disk too."""
    return f"{_ANSWERS_PREFIX}{json.dumps(data, indent=1)};\n"


def read_answers_script(text: str) -> dict:
    """The answers back from their script."""
    return json.loads(text.strip().removeprefix(_ANSWERS_PREFIX).removesuffix(";"))
