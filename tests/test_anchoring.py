"""Anchoring: exact quotes found once, with prefix and suffix to choose, and helpful failures."""

from __future__ import annotations

import pytest
from annotate.anchoring import Anchor, AnchorFailure, anchor_quote, distinguishing_context, normalise

# A section as the anchoring sees it: normalised text, one line per paragraph.
TEXT = normalise("Rust is fast. Rust is safe, and Rust is fast enough.") + "\n" + normalise(
    "Through platforms like Google’s TensorFlow and Facebook’s PyTorch, Rust can be integrated."
)

# quote, prefix, suffix -> the text expected at the anchor
FOUND = [
    ("Rust is safe", None, None, "Rust is safe"),
    ("Rust is fast", None, ".", "Rust is fast"),
    ("Rust is fast", None, "enough", "Rust is fast"),
    ("Rust is fast", "and", None, "Rust is fast"),
    ("Rust is fast", "and ", None, "Rust is fast"),
    ("Google's TensorFlow", None, None, "Google's TensorFlow"),  # straight apostrophe, typographic in text
    ("Google’s TensorFlow", None, None, "Google's TensorFlow"),
    ("Facebook\u2019s   PyTorch", None, None, "Facebook's PyTorch"),  # runs of spaces count as one
    ("  platforms like\nGoogle’s ", None, None, "platforms like Google's"),  # line breaks and edges
]


@pytest.mark.parametrize(("quote", "prefix", "suffix", "expected"), FOUND)
def test_quote_found_exactly_once(quote, prefix, suffix, expected):
    anchor = anchor_quote(TEXT, quote, prefix, suffix)
    assert isinstance(anchor, Anchor)
    assert TEXT[anchor.start:anchor.end] == expected


def test_prefix_and_suffix_select_the_right_occurrence():
    first = anchor_quote(TEXT, "Rust is fast", suffix=".")
    second = anchor_quote(TEXT, "Rust is fast", prefix="and")
    assert first.start == TEXT.index("Rust is fast")
    assert second.start == TEXT.index("Rust is fast", first.start + 1)


# quote, prefix, suffix -> reason, words the hint must contain
FAILURES = [
    ("Rust is fast", None, None, "ambiguous", 'it occurs 2 times: "Rust is fast. Rust'),
    ("Rust is fast", None, None, "ambiguous", 'to pick the first, add suffix: "."'),
    ("Rust is sage", None, None, "not found", 'closest text in the section: "Rust is safe'),
    ("low-latency garbage collector", None, None, "not found", "nothing in the section comes close"),
    ("Rust is fast", "never", None, "not found", 'the quote occurs, but not with prefix "never"'),
    ("Rust is safe", None, "forever", "not found", 'not with suffix "forever"'),
    ("fast. Rust was", None, None, "not found", 'closest text in the section: "fast. Rust is'),
    ("   ", None, None, "empty", "write the exact words"),
]


@pytest.mark.parametrize(("quote", "prefix", "suffix", "reason", "hint"), FAILURES)
def test_quote_not_placed_gives_reason_and_hint(quote, prefix, suffix, reason, hint):
    failure = anchor_quote(TEXT, quote, prefix, suffix)
    assert isinstance(failure, AnchorFailure)
    assert failure.reason == reason
    assert hint in failure.hint


def test_quote_never_matches_across_paragraphs():
    assert isinstance(anchor_quote(TEXT, "fast enough. Through platforms"), AnchorFailure)


def test_no_fuzzy_match_is_accepted():
    near_miss = anchor_quote(TEXT, "Rust iz safe")
    assert isinstance(near_miss, AnchorFailure) and near_miss.reason == "not found"
    assert '"Rust is safe' in near_miss.hint


def test_distinguishing_context_is_shortest_and_only_when_needed():
    unique_start = TEXT.index("Rust is safe")
    assert distinguishing_context(TEXT, unique_start, unique_start + len("Rust is safe")) == (None, None)
    first = TEXT.index("Rust is fast")
    second = TEXT.index("Rust is fast", first + 1)
    assert distinguishing_context(TEXT, first, first + 12) == (None, ".")
    assert distinguishing_context(TEXT, second, second + 12) == (None, "enough.")
