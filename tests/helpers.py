"""Small builders shared by tests."""

from __future__ import annotations

import threading
from pathlib import Path

from annotate.contributor import ContributorMarkdown
from annotate.notes import Note, Quote, Source, load_note
from annotate.project import Content, contributor_markdown, load_content
from annotate.settings import Settings, open_settings

ROOT = Path(__file__).resolve().parents[1]


def settings_of(project: Path) -> Settings:
    """The engine's settings for the project at `project`."""
    settings = open_settings(project / "annotate.yml")
    assert isinstance(settings, Settings), settings
    return settings


# The notes' Markdown, with the site's own settings, as the build makes it.
notes_markdown: ContributorMarkdown = contributor_markdown(settings_of(ROOT))
render_markdown = notes_markdown.summary_html

# A note to put hostile text in: `{summary}` on line 6, `{body}` from line 12.
NOTE_WITH_TEXT = """\
---
title: A note
section: introduction
quote: Dropbox and npm
verdict: accurate
summary: {summary}
reviewed: 2026-11-24
changes: []
---

First line of the body.
{body}
"""


def load_note_text(folder: Path, text: str | bytes, name: str = "a-note.md") -> tuple[Note | None, list[str]]:
    """`text` as the note file docs/notes/<name>, loaded as the build loads it: the note (None when it is
    refused) and each problem as its `path:line:col: message` line."""
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    note, problems = load_note(path, f"docs/notes/{name}", notes_markdown)
    return note, [str(problem) for problem in problems.sorted()]


def make_note(
    note_id: str,
    quote: str,
    section: str = "intro",
    *,
    verdict: str = "false",
    prefix: str | None = None,
    suffix: str | None = None,
    claims: tuple[tuple[str, str, str], ...] = (),
    also_accepted: tuple[str, ...] = (),
    **fields,
) -> Note:
    """A note as the loader would give it; `claims` are (id, quote, verdict), written from line 13 on. A note
    with `also_accepted` verdicts has a verdict that depends on the article's date."""
    quotes = (
        Quote(None, quote, prefix, suffix, verdict, bool(also_accepted), "", also_accepted),
        *(Quote(slug, words, None, None, claim_verdict, False, f"claims[{index}]")
          for index, (slug, words, claim_verdict) in enumerate(claims, start=1)),
    )
    lines = {"quote": (4, 8), "section": (3, 10), "verdict": (5, 10), "crates": (9, 1)}
    for index in range(1, len(claims) + 1):
        lines[f"claims[{index}].quote"] = (10 + 3 * index, 12)
        lines[f"claims[{index}].verdict"] = (11 + 3 * index, 14)
    values = {
        "title": f"Note {note_id}",
        "summary": f"Summary of {note_id}.",
        "inference": None,
        "sources": (Source("A source", "https://example.org/source", "2026-11-24"),),
        "crates": (),
        "versions": (),
        "aliases": (),
        "reviewed": "2026-11-24",
        "changes": (),
        "body": "Body.\n",
        "body_line": 30,
        "lines": lines,
    }
    values.update(fields)
    return Note(id=note_id, path=f"docs/notes/{note_id}.md", section=section, quotes=quotes, **values)


def line_of(path: Path, text: str) -> int:
    """The number of the first line of the file at `path` that holds `text`."""
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def load_project(project: Path) -> Content:
    """Every note and the catalog of the project at `project`, loaded as `make check` loads them."""
    settings = settings_of(project)
    return load_content(settings, contributor_markdown(settings))


# Adds a stylesheet to a loaded page, as a reader's own CSS; works with or without JavaScript in the page.
ADD_STYLE = """(css) => {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
}"""


def add_style(browser_page, css: str) -> None:
    browser_page.evaluate(ADD_STYLE, css)


class Clock:
    """A clock that does not move unless slept: every wait a client asks for is recorded, from any thread."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []
        self.lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.slept.append(seconds)
            self.now += seconds
