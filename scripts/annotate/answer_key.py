"""The worksheet's answer key: every sentence by its worksheet number, what the notes make of it, and why.

It is the worksheet's reveal page without JavaScript, and the sheet an instructor prints beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from html import escape

from .notes import Note
from .render import dated_label, verdict_badge
from .worksheet import EXPECTATIONS, Sentence


def _marked(sentence: Sentence) -> str:
    return "".join(f"<mark>{escape(piece)}</mark>" if inside else escape(piece) for piece, inside in sentence.parts)


def answer_key(
    sentences: list[Sentence],
    verdict_titles: dict[str, str],
    *,
    summary_text: Callable[[Note], str],
    article_href: str,
    note_href: Callable[[Note], str],
) -> str:
    counts = Counter(sentence.expectation for sentence in sentences)
    totals = "; ".join(f"{EXPECTATIONS[name][0].lower()}: {counts[name]}" for name in EXPECTATIONS if counts[name])
    parts = [
        '<div class="answer-key">',
        f'<p class="answer-key__totals">{len(sentences)} sentences. {escape(totals[0].upper() + totals[1:])}.</p>',
        '<dl class="answer-key__legend">',
        *(f"<dt>{escape(label)}</dt><dd>{escape(meaning[0].upper() + meaning[1:])}.</dd>"
          for label, meaning in EXPECTATIONS.values()),
        "</dl>",
    ]
    section = None
    for sentence in sentences:
        if sentence.section_id != section:
            if section is not None:
                parts.append("</tbody></table></div>")
            section = sentence.section_id
            parts += [
                f"<h2>{escape(sentence.heading or 'Introduction')}</h2>",
                '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>',
                '<thead><tr><th scope="col">Sentence</th><th scope="col">Text</th><th scope="col">Answer</th>'
                '<th scope="col">Claims and notes</th></tr></thead><tbody>',
            ]
        label = EXPECTATIONS[sentence.expectation][0]
        if sentence.claims:
            details = "".join(
                f'<li><a class="answer-key__claim" href="{escape(article_href)}#{claim.anchor}">'
                f"Claim {claim.number}</a>: "
                f"{verdict_badge(claim.quote.verdict, verdict_titles[claim.quote.verdict])}"
                f"{dated_label(claim.quote)}. {escape(summary_text(claim.note))} "
                f'<a href="{escape(note_href(claim.note))}">Full note'
                f'<span class="ann-visually-hidden"> on {escape(claim.note.title)}</span></a></li>'
                for claim in sentence.claims
            )
            details = f'<ul class="answer-key__claims">{details}</ul>'
        else:
            details = escape(sentence.no_claim_reason or "")
        parts.append(
            f'<tr id="sentence-{sentence.number}" class="answer-key__row answer-key__row--{sentence.expectation}">'
            f"<td>{sentence.number}</td><td>{_marked(sentence)}</td><td>{escape(label)}</td><td>{details}</td></tr>"
        )
    if section is not None:
        parts.append("</tbody></table></div></div>")
    parts.append("</div>")
    return "".join(parts)
