"""Problems found in notes and data, reported as `path:line:col: message`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a contributor has to fix, at a place in a file."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def github_annotation(self) -> str:
        """Render as a GitHub Actions workflow command, so the PR diff shows it inline.

        Escaped as the workflow-command rules say: % and line breaks everywhere, and also : and , in
        properties, so a file name cannot end the command or forge another one.
        """
        return (
            f"::error file={_property(self.path)},line={self.line},col={self.column}::{_data(self.message)}"
        )


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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

    def report(self, outcome: str) -> str:
        """All problems, one per line, then a count and what happened because of them."""
        lines = [str(problem) for problem in self.sorted()]
        count = len(lines)
        lines.append(f"{count} problem{'s' if count != 1 else ''} in notes and data; {outcome}")
        return "\n".join(lines)
