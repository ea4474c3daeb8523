"""Problems found in notes and data, reported as `path:line:col: message`.

A message may quote what a contributor wrote, so every report prints it escaped: one problem is always
one line, and nothing in it can read as a GitHub Actions workflow command (`::…` at a line's start,
`##[…]` anywhere). A file reports at most `MAX_PER_FILE` problems, then how many more it has.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

MAX_PER_FILE = 50
# Characters that end a line for a terminal, a log viewer or a browser, and the other control characters.
_LINE_BREAKS_AND_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """`text` on one line, with nothing a workflow runner reads as a command: breaks and controls as escapes."""
    one_line = _LINE_BREAKS_AND_CONTROLS.sub(_escape, text)
    one_line = one_line.replace("##[", "##\\[")
    return "\\" + one_line if one_line.startswith("::") else one_line


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or f"\\u{ord(char):04x}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a contributor has to fix, at a place in a file."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}:{self.column}: {self.message}")

    def github_annotation(self) -> str:
        """Render as a GitHub Actions workflow command, so the PR diff shows it inline.

        Escaped as the workflow-command rules say: % and line breaks everywhere, and also : and , in
        properties, so a file name cannot end the command or forge another one.
        """
        return (
            f"::error file={_property(self.path)},line={self.line},col={self.column}::{_data(self.message)}"
        )


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace("##[", "##\\[")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass
class Problems:
    """Every problem of one build, kept so that they can all be reported at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int, column: int, message: str) -> None:
        self.items.append(Problem(path, line, column, message))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def shown(self) -> Iterator[Problem]:
        """The problems to print, in order: at most MAX_PER_FILE of each file, then one saying how many more."""
        by_path: dict[str, list[Problem]] = {}
        for problem in self.sorted():
            by_path.setdefault(problem.path, []).append(problem)
        for path, found in by_path.items():
            yield from found[:MAX_PER_FILE]
            if len(found) > MAX_PER_FILE:
                first = found[MAX_PER_FILE]
                yield Problem(path, first.line, first.column, (
                    f"and {len(found) - MAX_PER_FILE} more problems in this file, not shown; "
                    "fix those above and check again"
                ))

    def report(self, outcome: str) -> str:
        """The problems, one per line, at most MAX_PER_FILE per file; then a count and what happened because of them."""
        lines = [str(problem) for problem in self.shown()]
        count = len(set(self.items))
        lines.append(f"{count} problem{'s' if count != 1 else ''} in notes and data; {outcome}")
        return "\n".join(lines)
