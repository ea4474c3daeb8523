"""Links that open a source at its passage: URL Fragment Text Directives (WICG), `#:~:text=…`.

The directive is `text=[prefix-,]textStart[,textEnd][,-suffix]`. Each part is percent-encoded, and so
are the characters the syntax itself uses (`-`, `&`, `,`), so that a passage holding them still reads
back as the same words. A short passage is given whole as `textStart`; a long one by its first words
and its last words, the last ones chosen so that, searched from the first, they end where the passage
ends. A browser matches case-insensitively and on word boundaries; the prefix and suffix, when the
note gives them, pick the right occurrence where the passage is written more than once on the page.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Up to this many words the passage itself is the directive; longer ones are given by their ends.
WHOLE_PASSAGE_WORDS = 12
END_WORDS = 5


def encode(text: str) -> str:
    """One part of a text directive, percent-encoded: everything but letters, digits and `_.~`.

    `quote` leaves `-` alone as an unreserved URL character, but in a directive it marks a prefix or
    suffix, so it is encoded too.
    """
    return quote(text, safe="").replace("-", "%2D")


def _words(text: str) -> list[str]:
    return text.split()


def _bounded_find(text: str, words: str, start: int) -> int:
    """The first place from `start` where `words` occur in `text` between word boundaries, ignoring case."""
    pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)", re.IGNORECASE)
    match = pattern.search(text, start)
    return match.start() if match else -1


def directive(passage: str, prefix: str | None = None, suffix: str | None = None) -> str:
    """`text=…` for the passage: its whole words, or its first and last words for a long one."""
    words = _words(passage)
    text = " ".join(words)
    parts = []
    if prefix:
        parts.append(encode(" ".join(_words(prefix))) + "-")
    if len(words) <= WHOLE_PASSAGE_WORDS:
        parts.append(encode(text))
    else:
        start = " ".join(words[:END_WORDS])
        parts.append(encode(start))
        parts.append(encode(_end_words(text, words, len(start))))
    if suffix:
        parts.append("-" + encode(" ".join(_words(suffix))))
    return "text=" + ",".join(parts)


def _end_words(text: str, words: list[str], after: int) -> str:
    """The fewest last words (at least END_WORDS) whose first occurrence after `after` ends the passage."""
    for count in range(END_WORDS, len(words) - END_WORDS + 1):
        end = " ".join(words[-count:])
        if _bounded_find(text, end, after) == len(text) - len(end):
            return end
    # Every shorter ending also occurs earlier: the words after the start, all of them, can end only at the end.
    return " ".join(words[END_WORDS:])


def fragment_url(url: str, passage: str, prefix: str | None = None, suffix: str | None = None) -> str:
    """`url` with the text directive for the passage, after the page's own fragment when it has one."""
    return url + ("" if "#" in url else "#") + ":~:" + directive(passage, prefix, suffix)
