"""Find a quote in a text: exact matching with W3C TextQuoteSelector semantics, never fuzzy.

The text is a section of the article as rendered, one line per block (paragraph), normalised by
`normalise`. A quote matches only inside one block. Exactly one match is a success; none or several
is a failure that carries a hint for the author: the closest text, or the context that would tell
the matches apart.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Typographic characters an author may type either way; each maps to one character, so offsets hold.
_EQUIVALENT = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
})
_SPACES = re.compile(r"[^\S\n]+")


def fold_char(char: str) -> str:
    """The character as matching sees it: typographic quotes and dashes become ASCII, odd spaces a space."""
    return char.translate(_EQUIVALENT)


def normalise(text: str) -> str:
    """Fold typographic characters and collapse runs of spaces, for matching and comparing."""
    return _SPACES.sub(" ", text.translate(_EQUIVALENT).replace("\n", " ")).strip()


@dataclass(frozen=True)
class Anchor:
    """Where a quote was found: [start, end) in the normalised text."""

    start: int
    end: int


@dataclass(frozen=True)
class AnchorFailure:
    """Why a quote could not be placed, with a hint for the author."""

    reason: str  # "empty", "not found" or "ambiguous"
    hint: str
    matches: int = 0


def line_around(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of the line (one paragraph of a section) that holds text[start:end]."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end == -1 else line_end


def find_all(text: str, quote: str) -> list[int]:
    """Start offsets of every occurrence of `quote` in `text`, overlapping ones included."""
    starts, position = [], text.find(quote)
    while position != -1:
        starts.append(position)
        position = text.find(quote, position + 1)
    return starts


def anchor_quote(text: str, quote: str, prefix: str | None = None, suffix: str | None = None) -> Anchor | AnchorFailure:
    """Place `quote` in normalised `text`; `prefix` and `suffix` pick one occurrence.

    Space between the prefix or suffix and the quote is not significant: the prefix "like" and the
    prefix "like " both select "like Google".
    """
    exact = normalise(quote)
    if not exact:
        return AnchorFailure("empty", "write the exact words of the article in 'quote'")
    before = normalise(prefix or "")
    after = normalise(suffix or "")
    candidates = _candidates(text, exact, before, after)
    if len(candidates) == 1:
        return Anchor(candidates[0], candidates[0] + len(exact))
    if not candidates:
        whole = [s for s in find_all(text, exact) if on_word_boundaries(text, s, s + len(exact))]
        if (before or after) and whole:
            return AnchorFailure("not found", _context_mismatch_hint(text, exact, before, after))
        if find_all(text, exact) and not whole:
            return AnchorFailure("not found", (
                "the words occur only inside longer words; a quote starts and ends with whole words"
            ))
        return AnchorFailure("not found", _closest_hint(text, exact))
    return AnchorFailure("ambiguous", _ambiguity_hint(text, exact, candidates), matches=len(candidates))


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] neither starts nor ends inside a word: a quote is whole words."""
    starts_inside = start > 0 and _is_word(text[start - 1]) and _is_word(text[start])
    ends_inside = end < len(text) and _is_word(text[end - 1]) and _is_word(text[end])
    return not (starts_inside or ends_inside)


def _candidates(text: str, exact: str, before: str, after: str) -> list[int]:
    """Starts of the whole-word occurrences of `exact` with `before` right before them and `after` right after."""
    return [
        start
        for start in find_all(text, exact)
        if on_word_boundaries(text, start, start + len(exact))
        and text[:start].rstrip(" ").endswith(before) and text[start + len(exact):].lstrip(" ").startswith(after)
    ]


def distinguishing_context(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The shortest whole-word suffix, else prefix, that makes text[start:end] unique in `text`.

    Returns (None, None) when the quote is unique already. Used by the scaffold and in error hints.
    """
    quote = text[start:end]
    if len(_candidates(text, quote, "", "")) == 1:
        return None, None
    following = text[end:].split("\n", 1)[0]
    preceding = text[:start].rsplit("\n", 1)[-1]
    for words in range(1, 13):
        suffix = " ".join(following.split()[:words])
        if suffix and _candidates(text, quote, "", suffix) == [start]:
            return None, suffix
        prefix = " ".join(preceding.split()[-words:])
        if prefix and _candidates(text, quote, prefix, "") == [start]:
            return prefix, None
    return None, None


def _excerpt(text: str, start: int, end: int, margin: int = 30) -> str:
    line_start, line_end = line_around(text, start, end)
    # Widen to whole words, so an excerpt never starts or ends inside a word.
    left = line_start if start - margin <= line_start else text.rfind(" ", line_start, start - margin) + 1
    right = line_end if end + margin >= line_end else text.find(" ", end + margin, line_end)
    right = line_end if right == -1 else right
    return f"{'…' if left > line_start else ''}{text[left:right]}{'…' if right < line_end else ''}"


def closest_text(text: str, quote: str) -> str | None:
    """The stretch of `text` most like `quote`, starting at a word, or None if nothing is close."""
    best, best_ratio = None, 0.0
    size = len(quote)
    for match in re.finditer(r"(?:^|(?<=[\s\"'(]))\S", text, re.MULTILINE):
        start = match.start()
        window = text[start:start + size].split("\n", 1)[0]
        matcher = difflib.SequenceMatcher(None, quote.lower(), window.lower(), autojunk=False)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best if best_ratio >= 0.5 else None


def _closest_hint(text: str, quote: str) -> str:
    near = closest_text(text, quote)
    if near is None:
        return "nothing in the section comes close; check that 'section' names the right section"
    return f"closest text in the section: \"{near}\""


def _context_mismatch_hint(text: str, quote: str, prefix: str, suffix: str) -> str:
    places = "; ".join(
        f'"{_excerpt(text, s, s + len(quote))}"' for s in find_all(text, quote)
        if on_word_boundaries(text, s, s + len(quote))
    )
    parts = (f'prefix "{prefix}"' if prefix else "", f'suffix "{suffix}"' if suffix else "")
    wanted = " and ".join(part for part in parts if part)
    return f"the quote occurs, but not with {wanted}: {places}"


def _ambiguity_hint(text: str, quote: str, starts: list[int]) -> str:
    places = "; ".join(f'"{_excerpt(text, s, s + len(quote))}"' for s in starts)
    prefix, suffix = distinguishing_context(text, starts[0], starts[0] + len(quote))
    advice = "add a 'prefix' or 'suffix' to pick one"
    if suffix:
        advice = f"to pick the first, add suffix: \"{suffix}\""
    elif prefix:
        advice = f"to pick the first, add prefix: \"{prefix}\""
    return f"it occurs {len(starts)} times: {places}; {advice}"
