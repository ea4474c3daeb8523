"""Checks on the words of a note that hold for every field: no placeholder left, no invisible character.

Also where a finding about rendered text is written in the file, for `path:line:col` messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from .characters import describe, is_invisible
from .yamldoc import YamlDocument

# `make note` writes this word wherever something is left to fill in.
PLACEHOLDER = re.compile(r"\bTODO\b")


def _text_problems(text: str) -> Iterator[tuple[int, int, str]]:
    """(line offset, column, message) for a placeholder or an invisible character in `text`."""
    for number, line in enumerate(text.split("\n")):
        placeholder = PLACEHOLDER.search(line)
        if placeholder:
            yield number, placeholder.start() + 1, (
                "still holds the placeholder 'TODO' that make note wrote; replace it with the real text"
            )
        for column, char in enumerate(line, start=1):
            if is_invisible(char) and char != "\t":
                yield number, column, (
                    f"contains {describe(char)}, which a reader cannot see; delete it or type the character you meant"
                )
                break


def value_problems(document: YamlDocument) -> Iterator[tuple[int, int, str]]:
    """Placeholders, invisible characters and blank text in every key and value of a YAML document (a note's front
    matter or a data file), at their place in the file."""
    pending: list[yaml.Node | None] = [document.root]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            pending.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.ScalarNode):
            line = document.first_line + node.start_mark.line
            column = node.start_mark.column + 1
            if node.value and not node.value.strip():
                yield line, column, "is only spaces; write the text, or remove the key"
            for offset, at, message in _text_problems(node.value):
                # A plain one-line value is written as it reads: point at the character itself.
                plain = node.style is None and offset == 0 and "\n" not in node.value
                yield line, column + at - 1 if plain else column, f"'{_shortened(node.value)}' {message}"


def body_text_problems(body: str, body_line: int) -> Iterator[tuple[int, int, str]]:
    """Placeholders and invisible characters in a note's body, at their line and column."""
    for offset, column, message in _text_problems(body):
        yield body_line + offset, column, f"the body {message}"


def _shortened(text: str) -> str:
    visible = "".join(f"<U+{ord(c):04X}>" if is_invisible(c) else c for c in " ".join(text.split()))
    return visible if len(visible) <= 40 else visible[:39] + "…"


def located(file_lines: list[str], start: tuple[int, int], needles: tuple[str, ...]) -> tuple[int, int]:
    """The (line, column) of the first of `needles` found in the file at or after `start`, else `start`.

    Needles are pieces of the source that a finding about the rendered HTML may come from: the place
    is for the reader of the message; what is refused was decided on the HTML.
    """
    first_line, first_column = start
    for needle in needles:
        wanted = needle.strip().lower()
        if not wanted:
            continue
        for number in range(first_line, len(file_lines) + 1):
            line = file_lines[number - 1].lower()
            found = line.find(wanted, first_column - 1 if number == first_line else 0)
            if found != -1:
                return number, found + 1
    return start
