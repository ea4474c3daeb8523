"""The claims ledger's figures: how many of the article's claims got each verdict.

Only the article's own words count: each quote a note highlights is one claim. A note's
`inference`, the site's reading of the article, is never counted.
"""

from __future__ import annotations

from collections import Counter

from .article import Placement


def verdict_counts(claims: list[Placement], scale: list[str]) -> list[tuple[str, int]]:
    """(verdict, number of claims) for every verdict of the scale, in scale order."""
    counted = Counter(claim.quote.verdict for claim in claims)
    return [(verdict, counted[verdict]) for verdict in scale]
