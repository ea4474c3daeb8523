"""Characters a reader cannot see, named so that a message can point at them."""

from __future__ import annotations

import unicodedata

_ALLOWED_CONTROLS = {"\n", "\t", "\r"}
# Unicode gives control characters no name; these are the ones a text editor can put in a file.
_CONTROL_NAMES = {"\t": "CHARACTER TABULATION (a tab)", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x00": "NULL"}


def is_invisible(char: str) -> bool:
    """A control or format character (zero-width space, bidirectional override…), or an unusual space."""
    category = unicodedata.category(char)
    if char in _ALLOWED_CONTROLS or char == " ":
        return False
    return category in {"Cc", "Cf", "Co", "Cn", "Zl", "Zp"} or (category == "Zs" and char not in "\u00a0\u202f\u2009")


def describe(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE', as a message names a character."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "CONTROL CHARACTER")
    return f"U+{ord(char):04X} {name}"

