"""Load and validate note files: `docs/notes/<id>.md`, YAML front matter then a Markdown body."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .contributor import ContributorMarkdown
from .fields import body_text_problems, located, value_problems
from .limits import (
    BODY_CHARACTERS,
    NOTE_FILE_BYTES,
    QUOTE_CHARACTERS,
    QUOTE_MIN_WORDS,
    SUMMARY_CHARACTERS,
    SUMMARY_WORDS,
)
from .problems import Problems
from .schema import load_schema, one_of_choices, schema_problems
from .yamldoc import YamlDocument, YamlSyntaxError, decode, parse_yaml, read_limited

NOTE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_NOTE_IDS = frozenset({"index"})  # notes/index.md is published at /notes/, not /notes/index/
# What is said of a verdict that `depends_on_article_date`.
DATED = "depends on when the article was written"


def verdicts() -> dict[str, dict[str, str]]:
    """The closed verdict scale, id → title and description, as the note schema defines it."""
    return one_of_choices(load_schema("note")["properties"]["verdict"])


def change_kinds() -> dict[str, dict[str, str]]:
    """The kinds of change a note's log records, id → title and description."""
    return one_of_choices(load_schema("note")["properties"]["changes"]["items"]["properties"]["kind"])


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    accessed: str  # the day the passage (or the page) was last confirmed in the source itself, YYYY-MM-DD
    id: str | None = None  # the slug the body cites as [@id]
    passage: str | None = None  # the source's own words that support the note, verbatim
    prefix: str | None = None  # words right before the passage, when it occurs more than once on the page
    suffix: str | None = None
    key: str = ""  # where it is written in the front matter: "sources[2]"

    def field(self, name: str) -> str:
        return f"{self.key}.{name}"


@dataclass(frozen=True)
class Quote:
    """Words of the article that a note answers, with the verdict on them: the note's `quote` or one of its `claims`."""

    slug: str | None  # None for the note's own quote; the claim's `id` otherwise
    text: str
    prefix: str | None
    suffix: str | None
    verdict: str
    depends_on_article_date: bool
    key: str  # where it is written in the front matter: "" for the note's own quote, else "claims[2]"
    also_accepted: tuple[str, ...] = ()  # further verdicts that hold under another reading of the article's date
    summary: str | None = None  # a claim's own explanation of its verdict; None for the note's quote (its summary)

    def field(self, name: str) -> str:
        """The front-matter path of one of its keys, as messages name it: 'verdict' or 'claims[2].verdict'."""
        return f"{self.key}.{name}" if self.key else name


def quote_anchor(note_id: str, slug: str | None) -> str:
    """The public id of a quote on the article: #quote-<note> for a note's own quote, #quote-<note>--<slug> else."""
    return f"quote-{note_id}" if slug is None else f"quote-{note_id}--{slug}"


@dataclass(frozen=True)
class Change:
    """One entry of a note's change log."""

    date: str
    kind: str  # correction, update or clarification
    what: str
    before: str | None = None  # the earlier wording or verdict
    after: str | None = None  # the new one


@dataclass(frozen=True)
class Note:
    """One validated note. `lines` maps each front-matter path ('quote', 'sources[2].url') to its (line, column)."""

    id: str
    path: str
    title: str
    section: str
    quotes: tuple[Quote, ...]  # the note's own quote first, then its claims in the order written
    summary: str
    inference: str | None
    sources: tuple[Source, ...]
    crates: tuple[str, ...]
    versions: tuple[str, ...]
    aliases: tuple[str, ...]
    reviewed: str
    changes: tuple[Change, ...]
    body: str
    body_line: int
    lines: dict[str, tuple[int, int]]

    @property
    def quote(self) -> Quote:
        """The note's own quote, whose anchor is #quote-<id>."""
        return self.quotes[0]

    @property
    def verdict(self) -> str:
        return self.quotes[0].verdict

    def position(self, key: str) -> tuple[int, int]:
        return self.lines.get(key, (1, 1))

    def describe(self, quote: Quote) -> str:
        """One of the note's quotes as messages name it: 'the quote of <file>' or 'claims[2] of <file>'."""
        return f"{quote.key or 'the quote'} of {self.path}"


@dataclass(frozen=True)
class FrontMatter:
    """The YAML text between the `---` lines, the line it starts on, and the body after it."""

    yaml: str
    first_line: int
    body: str
    body_line: int


def split_front_matter(text: str) -> FrontMatter | tuple[int, str]:
    """Split a page into front matter and body, or return (line, message) if the fences are wrong.

    The one reading of front matter for the checks and the build: MkDocs is never given a note's.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return 1, "missing front matter: a note must start with a line '---', then its YAML keys, then '---'"
    if lines[0].rstrip("\r\n") != "---":
        return 1, "the line '---' that opens the front matter has spaces after it; remove them"
    for index, line in enumerate(lines[1:], start=1):
        fence = line.rstrip()
        if fence in ("---", "..."):
            if line.rstrip("\r\n") != fence:
                return index + 1, f"the line '{fence}' that closes the front matter has spaces after it; remove them"
            return FrontMatter("".join(lines[1:index]), 2, "".join(lines[index + 1:]), index + 2)
    return 1, "front matter is never closed: add a line '---' after the last YAML key"


def load_note(path: Path, shown_path: str, text: ContributorMarkdown) -> tuple[Note | None, Problems]:
    """Read one note file; the note is None when it has a problem that stops it being placed.

    `text` is the notes' Markdown, which checks what the summary and the body would become.
    """
    problems = Problems()
    note_id = path.stem
    if not NOTE_ID.match(note_id) or note_id.isdigit():
        problems.add(shown_path, 1, 1, (
            f"file name '{path.name}' is not a readable id: use lower-case words joined by hyphens, "
            "such as 'rust-is-memory-safe.md', never a number"
        ))
    elif note_id in RESERVED_NOTE_IDS:
        problems.add(shown_path, 1, 1, (
            f"file name '{path.name}' would publish the note at the notes' folder itself; name it after its finding"
        ))
    data = read_limited(path, NOTE_FILE_BYTES)
    if data is None:
        problems.add(shown_path, 1, 1, (
            f"the note is larger than {NOTE_FILE_BYTES // 1024} KiB; a note is a summary and a short explanation: "
            "shorten it, or split it into notes on separate claims"
        ))
        return None, problems
    if not data.strip():
        problems.add(shown_path, 1, 1, "file is empty: a note needs front matter between '---' lines and a body")
        return None, problems
    source = decode(data)
    if isinstance(source, tuple):
        problems.add(shown_path, *source)
        return None, problems
    source = source.replace("\r\n", "\n")
    parts = split_front_matter(source)
    if isinstance(parts, tuple):
        problems.add(shown_path, parts[0], 1, parts[1])
        return None, problems
    try:
        document = parse_yaml(parts.yaml, parts.first_line)
    except YamlSyntaxError as error:
        for line, column, message in error.problems:
            problems.add(shown_path, line, column, message)
        return None, problems
    meta = document.data
    if not isinstance(meta, dict):
        problems.add(shown_path, parts.first_line, 1, "front matter must be YAML keys and values, such as 'title: …'")
        return None, problems
    for line, column, message in (*schema_problems(document, "note"), *value_problems(document)):
        problems.add(shown_path, line, column, message)
    lines = _positions(document)
    claims = meta.get("claims")
    if isinstance(claims, list):
        seen: set[str] = set()
        for index, claim in enumerate(claims, start=1):
            slug = claim.get("id") if isinstance(claim, dict) else None
            if not isinstance(slug, str):
                continue
            if slug in seen:
                problems.add(shown_path, *lines[f"claims[{index}].id"], (
                    f"claims[{index}].id '{slug}' is used twice in this note; each claim needs its own id"
                ))
            seen.add(slug)
    file_lines = source.split("\n")
    summary = meta.get("summary")
    if isinstance(summary, str):
        words = len(summary.split())
        if words > SUMMARY_WORDS:
            problems.add(shown_path, *lines["summary"], (
                f"summary has {words} words; the margin takes at most {SUMMARY_WORDS}: "
                "keep the gist there and move the rest into the body"
            ))
        elif len(summary) > SUMMARY_CHARACTERS:
            problems.add(shown_path, *lines["summary"], (
                f"summary has {len(summary)} characters; the margin takes at most {SUMMARY_CHARACTERS}: "
                "keep the gist there and move the rest into the body"
            ))
        else:
            _add_findings(problems, shown_path, file_lines, lines["summary"], text.summary(summary).findings)
    quotes = [("quote", meta.get("quote"))] + [
        (f"claims[{index}].quote", claim.get("quote"))
        for index, claim in enumerate(claims if isinstance(claims, list) else [], start=1) if isinstance(claim, dict)
    ]
    _check_also_accepted(problems, shown_path, lines, [("", meta), *(
        (f"claims[{index}].", claim)
        for index, claim in enumerate(claims if isinstance(claims, list) else [], start=1) if isinstance(claim, dict)
    )])
    for key, quote in quotes:
        if isinstance(quote, str) and (len(quote.split()) < QUOTE_MIN_WORDS or len(quote) > QUOTE_CHARACTERS):
            problems.add(shown_path, *lines.get(key, (1, 1)), (
                f"{key} has {len(quote.split())} words and {len(quote)} characters; a quote is at least "
                f"{QUOTE_MIN_WORDS} words, enough to name the claim, and at most {QUOTE_CHARACTERS} characters"
            ))
    if len(parts.body) > BODY_CHARACTERS:
        problems.add(shown_path, parts.body_line, 1, (
            f"the body has {len(parts.body)} characters; a note's explanation takes at most {BODY_CHARACTERS}: "
            "shorten it, or split the note"
        ))
    elif not parts.body.strip():
        problems.add(shown_path, parts.body_line, 1, (
            "the body is empty; write the full explanation after the front matter: what the article says, what the "
            "sources show"
        ))
    else:
        for line, column, message in body_text_problems(parts.body, parts.body_line):
            problems.add(shown_path, line, column, message)
        _add_findings(problems, shown_path, file_lines, (parts.body_line, 1), text.body(parts.body).findings)
    if problems:
        return None, problems
    note = Note(
        id=note_id,
        path=shown_path,
        title=meta["title"],
        section=meta["section"],
        quotes=(
            _quote(meta, None, ""),
            *(_quote(item, item["id"], f"claims[{i}]") for i, item in enumerate(meta.get("claims", []), start=1)),
        ),
        summary=meta["summary"].strip(),
        inference=meta["inference"].strip() if "inference" in meta else None,
        sources=tuple(_source(item, f"sources[{i}]") for i, item in enumerate(meta.get("sources", []), start=1)),
        crates=tuple(meta.get("crates", [])),
        versions=tuple(meta.get("versions", [])),
        aliases=tuple(meta.get("aliases", [])),
        reviewed=meta["reviewed"],
        changes=tuple(
            Change(item["date"], item["kind"], item["what"].strip(), _stripped(item.get("before")),
                   _stripped(item.get("after")))
            for item in meta["changes"]
        ),
        body=parts.body,
        body_line=parts.body_line,
        lines=lines,
    )
    return note, problems


def _check_also_accepted(problems: Problems, path: str, lines: dict[str, tuple[int, int]],
                         quotes: list[tuple[str, dict]]) -> None:
    """`also_accepted` names other verdicts, and only for a verdict that depends on the article's date."""
    for key, fields in quotes:
        accepted = fields.get("also_accepted")
        if not isinstance(accepted, list):
            continue
        where = lines.get(f"{key}also_accepted", (1, 1))
        if fields.get("depends_on_article_date") is not True:
            problems.add(path, *where, (
                f"{key}also_accepted is only for a verdict that depends on when the article was written; "
                f"add {key}depends_on_article_date: true and say in the body when each verdict holds, "
                "or remove it"
            ))
        if fields.get("verdict") in accepted:
            problems.add(path, *where, (
                f"{key}also_accepted repeats the verdict '{fields.get('verdict')}'; list only the other verdicts "
                "a reader may defend"
            ))


def _quote(fields: dict, slug: str | None, key: str) -> Quote:
    return Quote(
        slug=slug,
        text=fields["quote"],
        prefix=fields.get("prefix"),
        suffix=fields.get("suffix"),
        verdict=fields["verdict"],
        depends_on_article_date=fields.get("depends_on_article_date", False),
        also_accepted=tuple(fields.get("also_accepted", ())),
        key=key,
        summary=_stripped(fields.get("summary")) if slug is not None else None,
    )


def _source(fields: dict, key: str) -> Source:
    return Source(
        title=fields["title"],
        url=fields["url"],
        accessed=fields["accessed"],
        id=fields.get("id"),
        passage=_stripped(fields.get("passage")),
        prefix=_stripped(fields.get("prefix")),
        suffix=_stripped(fields.get("suffix")),
        key=key,
    )


def _stripped(text: str | None) -> str | None:
    """A folded YAML text as one line of words: the YAML `>-` style may leave a trailing newline or spaces."""
    return " ".join(text.split()) if isinstance(text, str) else None


def _positions(document: YamlDocument) -> dict[str, tuple[int, int]]:
    """(line, column) of every key's value, and of each list item and its keys, named as messages name them.

    A list item is 'crates[2]' (counting from 1); a key of an item is 'sources[2].url'.
    """
    lines: dict[str, tuple[int, int]] = {}
    for key, value in document.data.items():
        lines[key] = document.position((key,))
        if not isinstance(value, list):
            continue
        for index, item in enumerate(value):
            lines[f"{key}[{index + 1}]"] = document.position((key, index))
            if isinstance(item, dict):
                for name in item:
                    lines[f"{key}[{index + 1}].{name}"] = document.position((key, index, name))
    return lines


def _add_findings(problems: Problems, path: str, file_lines: list[str], start: tuple[int, int], findings) -> None:
    """Each finding at the first place in the file, from `start` on, where its source text is written."""
    for finding in findings:
        problems.add(path, *located(file_lines, start, finding.needles), finding.message)


# A note that cannot be loaded may still say which section it is about; its section's sentences are then
# not reported as unquoted, since the note's own problem is what to fix.
_SECTION_LINE = re.compile(r"^section:[ \t]*([a-z0-9]+(?:-[a-z0-9]+)*)[ \t]*$", re.MULTILINE)


def load_notes(
    paths: Iterable[Path], shown_dir: str, text: ContributorMarkdown
) -> tuple[list[Note], Problems, set[str]]:
    """The notes in `paths` (the note files the docs tree holds), sorted by id; every problem found in any of
    them; and the sections named by notes that could not be loaded."""
    notes, problems, unread_sections = [], Problems(), set()
    for path in sorted(paths):
        note, found = load_note(path, f"{shown_dir}/{path.name}", text)
        problems.extend(found)
        if note is not None:
            notes.append(note)
        else:
            unread_sections.update(_SECTION_LINE.findall((read_limited(path, NOTE_FILE_BYTES) or b"").decode(
                "utf-8", "replace")))
    return notes, problems, unread_sections
