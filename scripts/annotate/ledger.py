"""The claims ledger: every claim the notes answer, in the order the article makes them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .article import AnnotatedArticle, Placement


@dataclass(frozen=True)
class Claim:
    """One row of the ledger."""

    words: str
    verdict: str
    placement: Placement
    folded: bool  # answered inside another claim's note
    implied: bool  # the article implies it without stating it


def claims(article: AnnotatedArticle) -> list[Claim]:
    """Every claim, in article order: stated claims by where their words start, implied ones after their note."""
    order = {section.id: index for index, section in enumerate(article.sections)}
    keyed: list[tuple[tuple[int, int, int], Claim]] = []
    for p in article.placements:
        section = order[p.section.id]
        keyed.append(((section, p.start, 0), Claim(p.note.quote, p.note.verdict, p, folded=False, implied=False)))
        for rank, folded in enumerate(p.note.folded, start=1):
            start = p.start if folded.implied else p.folded_starts[folded.words]
            claim = Claim(folded.words, folded.verdict, p, folded=True, implied=folded.implied)
            keyed.append(((section, start, rank), claim))
    return [claim for _, claim in sorted(keyed, key=lambda item: item[0])]


def verdict_counts(rows: list[Claim], scale: list[str]) -> list[tuple[str, int]]:
    """(verdict, number of claims) for every verdict of the scale, in scale order."""
    counted = Counter(row.verdict for row in rows)
    return [(verdict, counted[verdict]) for verdict in scale]
