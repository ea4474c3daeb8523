"""Load and validate note files: `docs/notes/<id>.md`, YAML front matter then a Markdown body."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .markup import markup_problems, rendered_problems, source_problems
from .problems import Problems
from .schema import load_schema, one_of_choices, schema_problems
from .yamldoc import YamlSyntaxError, decode, parse_yaml

NOTE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SUMMARY_MAX_WORDS = 50


def verdicts() -> dict[str, dict[str, str]]:
    """The closed verdict scale, id → title and description, as the note schema defines it."""
    return one_of_choices(load_schema("note")["properties"]["verdict"])


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class FoldedClaim:
    """A further claim a note answers: the article's words (or, if implied, a description) and its verdict."""

    words: str
    verdict: str
    implied: bool
    line: int
    column: int


@dataclass(frozen=True)
class Note:
    """One validated note. `lines` maps each front-matter key to its (line, column) in the file."""

    id: str
    path: str
    title: str
    section: str
    quote: str
    prefix: str | None
    suffix: str | None
    verdict: str
    summary: str
    sources: tuple[Source, ...]
    crates: tuple[str, ...]
    folded: tuple[FoldedClaim, ...]
    aliases: tuple[str, ...]
    reviewed: str
    body: str
    body_line: int
    lines: dict[str, tuple[int, int]]

    def position(self, key: str) -> tuple[int, int]:
        return self.lines.get(key, (1, 1))


@dataclass(frozen=True)
class FrontMatter:
    """The YAML text between the `---` lines, the line it starts on, and the body after it."""

    yaml: str
    first_line: int
    body: str
    body_line: int


def split_front_matter(text: str) -> FrontMatter | tuple[int, str]:
    """Split a note into front matter and body, or return (line, message) if the fences are wrong."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return 1, "missing front matter: a note must start with a line '---', then its YAML keys, then '---'"
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n") in ("---", "..."):
            return FrontMatter("".join(lines[1:index]), 2, "".join(lines[index + 1:]), index + 2)
    return 1, "front matter is never closed: add a line '---' after the last YAML key"


def load_note(path: Path, shown_path: str, render: Callable[[str], str]) -> tuple[Note | None, Problems]:
    """Read one note file; the note is None when it has a problem that stops it being placed.

    `render` turns Markdown into HTML with the site's settings, to check what the note would become.
    """
    problems = Problems()
    note_id = path.stem
    if not NOTE_ID.match(note_id) or note_id.isdigit():
        problems.add(shown_path, 1, 1, (
            f"file name '{path.name}' is not a readable id: use lower-case words joined by hyphens, "
            "such as 'low-latency-garbage-collector.md', never a number"
        ))
    data = path.read_bytes()
    if not data.strip():
        problems.add(shown_path, 1, 1, "file is empty: a note needs front matter between '---' lines and a body")
        return None, problems
    text = decode(data)
    if isinstance(text, tuple):
        problems.add(shown_path, *text)
        return None, problems
    parts = split_front_matter(text)
    if isinstance(parts, tuple):
        problems.add(shown_path, parts[0], 1, parts[1])
        return None, problems
    try:
        document = parse_yaml(parts.yaml, parts.first_line)
    except YamlSyntaxError as error:
        problems.add(shown_path, error.line, error.column, error.message)
        return None, problems
    meta = document.data
    if not isinstance(meta, dict):
        problems.add(shown_path, parts.first_line, 1, "front matter must be YAML keys and values, such as 'title: …'")
        return None, problems
    for line, column, message in schema_problems(document, "note"):
        problems.add(shown_path, line, column, message)
    lines = {key: document.position((key,)) for key in meta}
    # Each crate's own line, so that an unknown name is reported where it is written.
    crates = meta.get("crates")
    if isinstance(crates, list):
        lines.update({f"crates/{name}": document.position(("crates", i)) for i, name in enumerate(crates)})
    summary = meta.get("summary")
    if isinstance(summary, str):
        words = len(summary.split())
        if words > SUMMARY_MAX_WORDS:
            problems.add(shown_path, *lines["summary"], (
                f"summary has {words} words; the margin takes at most {SUMMARY_MAX_WORDS}: "
                "keep the gist there and move the rest into the body"
            ))
        if "\n\n" in summary.strip():
            problems.add(shown_path, *lines["summary"], "summary must be one paragraph; move the rest into the body")
        for _, _, message in markup_problems(summary, render):
            problems.add(shown_path, *lines["summary"], f"summary: {message}")
    # The body's rendered HTML is checked by `body_problems`, on the HTML the page really gets.
    for line_in, column, message in source_problems(parts.body):
        problems.add(shown_path, parts.body_line + line_in - 1, column, message)
    if problems:
        return None, problems
    note = Note(
        id=note_id,
        path=shown_path,
        title=meta["title"],
        section=meta["section"],
        quote=meta["quote"],
        prefix=meta.get("prefix"),
        suffix=meta.get("suffix"),
        verdict=meta["verdict"],
        summary=meta["summary"].strip(),
        sources=tuple(Source(item["title"], item["url"]) for item in meta.get("sources", [])),
        crates=tuple(meta.get("crates", [])),
        folded=tuple(
            FoldedClaim(item["words"], item["verdict"], item.get("implied", False), *document.position(("folded", i)))
            for i, item in enumerate(meta.get("folded", []))
        ),
        aliases=tuple(meta.get("aliases", [])),
        reviewed=meta["reviewed"],
        body=parts.body,
        body_line=parts.body_line,
        lines=lines,
    )
    return note, problems


def body_problems(note: Note, body_html: str) -> Problems:
    """Problems in the HTML a note's body renders to, reported at the first line of the body."""
    problems = Problems()
    for message in rendered_problems(body_html):
        problems.add(note.path, note.body_line, 1, message)
    return problems


def load_notes(notes_dir: Path, shown_dir: str, render: Callable[[str], str]) -> tuple[list[Note], Problems]:
    """Every note under `notes_dir`, sorted by id, and every problem found in any of them."""
    notes, problems = [], Problems()
    for path in sorted(notes_dir.glob("*.md")):
        note, found = load_note(path, f"{shown_dir}/{path.name}", render)
        problems.extend(found)
        if note is not None:
            notes.append(note)
    return notes, problems
