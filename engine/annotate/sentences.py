"""The sentences of a section's text: where each one starts and ends.

A sentence ends at '.', '!' or '?' (and any closing quote or bracket after it) that is followed by a
space or by the end of its paragraph; each paragraph is one line of the section's text. Headings are
not part of that text, so they are never sentences.
"""

from __future__ import annotations

import re

from .anchoring import line_around

_SENTENCE_END = re.compile(r"[.!?][\"')\u201d\u2019]*(?= |$)")


def sentence_spans(text: str, line_start: int, line_end: int) -> list[tuple[int, int]]:
    """[start, end) of every sentence in text[line_start:line_end], one paragraph, in order."""
    spans, start = [], line_start
    for match in _SENTENCE_END.finditer(text, line_start, line_end):
        spans.append((start, match.end()))
        start = match.end() + 1
    if start < line_end:
        spans.append((start, line_end))
    return spans


def all_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of every sentence of a section's text, paragraph by paragraph."""
    spans, line_start = [], 0
    while line_start <= len(text):
        _, line_end = line_around(text, line_start, line_start)
        spans += sentence_spans(text, line_start, line_end)
        line_start = line_end + 1
    return spans


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of the sentences that text[start:end] lies in, from the first one's start to the last one's end."""
    line_start, line_end = line_around(text, start, end)
    spans = sentence_spans(text, line_start, line_end)
    first = next((s for s, e in spans if start < e), line_start)
    last = next((e for s, e in spans if end <= e), line_end)
    return first, last
