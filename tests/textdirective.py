"""A reader of text directives, written from the WICG URL Fragment Text Directives draft apart from the engine.

It applies `#:~:text=…` to plain text as the draft says a browser applies it to a page's text: split the
directive at its unencoded commas, percent-decode each part, then find the first range where the prefix (if
any) is followed, after nothing but whitespace, by textStart; where textEnd (if any) comes after textStart;
and where the suffix (if any) follows the range's end after nothing but whitespace. Every part matches whole
words and ignores case, as the draft's search does.
"""

from __future__ import annotations

import re
from urllib.parse import unquote


def parse(fragment: str) -> tuple[str | None, str, str | None, str | None]:
    """(prefix, textStart, textEnd, suffix) of a URL's fragment holding `:~:text=`."""
    directive = fragment.split(":~:", 1)[1]
    assert directive.startswith("text="), directive
    parts = directive[len("text="):].split(",")
    prefix = unquote(parts.pop(0)[:-1]) if parts[0].endswith("-") else None
    suffix = unquote(parts.pop()[1:]) if parts[-1].startswith("-") else None
    assert len(parts) in (1, 2), f"a directive has a textStart and at most a textEnd: {directive}"
    for part in parts:
        assert not part.startswith("-") and not part.endswith("-"), f"unencoded '-' in {part!r}"
    start = unquote(parts[0])
    end = unquote(parts[1]) if len(parts) == 2 else None
    return prefix, start, end, suffix


def _find(text: str, words: str, start: int) -> re.Match[str] | None:
    return re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)", re.IGNORECASE).search(text, start)


def _follows(text: str, words: str, position: int) -> re.Match[str] | None:
    """`words` right at `position` after any whitespace, ending on a word boundary."""
    while position < len(text) and text[position].isspace():
        position += 1
    match = _find(text, words, position)
    return match if match and match.start() == position else None


def find_range(text: str, fragment: str) -> tuple[int, int] | None:
    """(start, end) in `text` of the first range the directive in `fragment` selects, or None."""
    prefix, start_words, end_words, suffix = parse(fragment)
    search = 0
    while search <= len(text):
        if prefix is not None:
            before = _find(text, prefix, search)
            if before is None:
                return None
            search = before.start() + 1
            start = _follows(text, start_words, before.end())
            if start is None:
                continue
        else:
            start = _find(text, start_words, search)
            if start is None:
                return None
            search = start.start() + 1
        end_at = start.end()
        if end_words is not None:
            end = _find(text, end_words, start.end())
            if end is None:
                return None
            end_at = end.end()
        if suffix is not None and _follows(text, suffix, end_at) is None:
            continue
        return start.start(), end_at
    return None
