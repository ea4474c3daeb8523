"""Characters a reader cannot see, named so that a message can point at them."""

from __future__ import annotations

import unicodedata

_ALLOWED_CONTROLS = {"\n", "\t", "\r"}
# Unicode gives control characters no name; these are the ones a text editor can put in a file.
_CONTROL_NAMES = {"\t": "CHARACTER TABULATION (a tab)", "\n": "LINE FEED", "\r": "CARRIAGE RETURN", "\x00": "NULL"}


# Letters and symbols that show as nothing at all: Hangul fillers and the blank Braille pattern.
BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_invisible(char: str) -> bool:
    """A control or format character (zero-width space, bidirectional override…), an unusual space, a character
    that shows as nothing, or half of a surrogate pair on its own (which no file can even be written with)."""
    category = unicodedata.category(char)
    if char in _ALLOWED_CONTROLS or char == " ":
        return False
    return (category in {"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"} or char in BLANK_LOOKING
            or (category == "Zs" and char not in "\u00a0\u202f\u2009"))


def describe(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE', as a message names a character."""
    if unicodedata.category(char) == "Cs":
        return f"U+{ord(char):04X}, half of a surrogate pair on its own"
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "CONTROL CHARACTER")
    return f"U+{ord(char):04X} {name}"

