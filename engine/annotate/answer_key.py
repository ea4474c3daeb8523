"""The worksheet's answer key: every sentence by its worksheet number, what the notes make of it, and why: each
claim's own explanation.

It is the worksheet's reveal page without JavaScript, and the sheet an instructor prints beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .article import Placement
from .notes import Note
from .templating import html, render
from .worksheet import EXPECTATIONS, Sentence, by_section


def answer_key(
    sentences: list[Sentence],
    verdict_titles: dict[str, str],
    *,
    explanation_html: Callable[[Placement], str],
    article_href: str,
    note_href: Callable[[Note], str],
) -> str:
    counts = Counter(sentence.expectation for sentence in sentences)
    totals = "; ".join(f"{EXPECTATIONS[name][0].lower()}: {counts[name]}" for name in EXPECTATIONS if counts[name])
    return render(
        "answer-key.html", sentences=sentences, sections=by_section(sentences), expectations=EXPECTATIONS,
        totals=totals[:1].upper() + totals[1:], verdict_titles=verdict_titles,
        explanation_html=lambda claim: html(explanation_html(claim)), article_href=article_href, note_href=note_href,
    )
