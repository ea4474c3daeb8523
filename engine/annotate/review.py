"""The review gate: what a pull request changes in the notes, the data and the article, compared with the commit it
was made from, told in plain words; and the changes no pull request may make unseen.

Both versions are loaded and checked by the engine's own `prepare`, exactly as `make check` loads them. Notes
are compared field by field, generically: every field of a note and of each of its claims counts as what the
note says, except the few below that record its sources and its history, so a field added to the note format
later is covered without a change here.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from .generate import Site, public_paths
from .links import read_registry
from .notes import Note, Quote
from .original import digest, page_lines
from .problems import Problems
from .revisions import ChangedFile

# Fields of a note that do not say anything about the article: which note it is and where it is written, what it
# cites, and its history. A change to any other field needs an entry in the note's change log; so does a change to
# any field of one of its claims (`quotes`, compared claim by claim).
RECORD_FIELDS = {"id", "path", "lines", "body_line", "reviewed", "changes", "sources", "crates", "versions",
                 "aliases", "quotes"}
QUOTE_RECORD_FIELDS = {"key"}  # where a claim is written in the front matter
SOURCE_RECORD_FIELDS = {"key"}  # likewise for a source, in formats that record it
CRATE_RECORD_FIELDS = {"latest_at"}  # where a catalog entry is written
LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "srcset", "xlink:href")
SHOWN_CHARACTERS = 160  # of a contributor's value in the report


@dataclass(frozen=True)
class Version:
    """One side of the comparison: a commit, its day, the folder it is checked out in, and its site, loaded."""

    commit: str
    day: datetime.date
    root: Path
    site: Site

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.root.resolve()).as_posix()

    @property
    def notes(self) -> dict[str, Note]:
        return {note.id: note for note in self.site.content.notes}


@dataclass
class Review:
    """What the gate refuses, and the report of everything that changed."""

    problems: Problems = field(default_factory=Problems)
    sections: dict[str, list[str]] = field(default_factory=dict)

    def tell(self, heading: str, line: str) -> None:
        self.sections.setdefault(heading, []).append(line)

    def report(self, base: Version, head: Version, span: tuple[datetime.date, datetime.date]) -> str:
        """The review as Markdown, for the job summary and the log."""
        lines = [
            "# Review of the notes and data",
            "",
            f"Base {base.commit[:12]} ({base.day}) compared with head {head.commit[:12]}; change log entries of this "
            f"pull request are dated from {span[0]} to {span[1]}.",
            "",
        ]
        if self.problems:
            count = len(self.problems.sorted())
            lines += [f"## Refused: {count} problem{'s' if count != 1 else ''}", ""]
            lines += [f"- `{shown(str(problem), 400, code=True)}`" for problem in self.problems.sorted()]
        else:
            lines += ["## Nothing refused", ""]
            lines.append("Every change of substance is logged, the article's words and the public links are kept.")
        for heading, items in self.sections.items():
            lines += ["", f"## {heading}", "", *items]
        if not self.sections:
            lines += ["", "No note, claim, source or data file changed."]
        return "\n".join(lines) + "\n"


def shown(value: Any, length: int = SHOWN_CHARACTERS, *, code: bool = False) -> str:
    """A contributor's value as the report prints it: one line, clipped, and unable to act as Markdown markup,
    HTML or a workflow command (`::` at a line start, `##[` anywhere)."""
    text = " ".join(str(value).split())
    text = text if len(text) <= length else text[:length - 1] + "…"
    if code:
        return text.replace("`", "'").replace("##[", "#\u200b#[")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for character in "\\`*_[]|#~":
        text = text.replace(character, "\\" + character)
    return text


def _plain(value: Any) -> Any:
    """A field's value for comparison: text with runs of spaces as one (a re-wrapped line says nothing new)."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return tuple(_plain(item) for item in value)
    return value


def _fields(record: Any, skipped: set[str]) -> dict[str, Any]:
    """Every field of a note or a claim by name, as compared, except those in `skipped`."""
    return {name: _plain(value) for name, value in dataclasses.asdict(record).items() if name not in skipped}


def _moved(before: str, after: str, *, quoted: bool = False) -> str:
    mark = '"' if quoted else ""
    return f"{mark}{shown(before)}{mark} → {mark}{shown(after)}{mark}"


def _claims(note: Note) -> dict[str | None, Quote]:
    return {quote.slug: quote for quote in note.quotes}


def _claim_name(note: Note, slug: str | None) -> str:
    return f"{note.id}" if slug is None else f"{note.id}, claim {slug}"


def link_targets(html: str) -> list[str]:
    """Every address an HTML fragment links to or loads, as a browser parses it."""
    tree = LexborHTMLParser(html, is_fragment=True, fragment_tag="div", scripting=True)
    found = []
    for node in tree.css("*"):
        for name in LINK_ATTRIBUTES:
            value = node.attributes.get(name)
            if value:
                found.append(value.strip())
    return found


def _note_links(site: Site, note: Note) -> set[str]:
    text = site.text
    return set(link_targets(text.summary_html(note.summary))) | set(link_targets(text.body(note.body).html))


def _article_links(site: Site) -> list[str]:
    article = site.article
    html = article.source
    return [target for section in article.sections for target in link_targets(html[section.start:section.end])]


def review(base: Version, head: Version, *, today: datetime.date, previous: Callable[[Note], datetime.date | None],
           files: Iterable[ChangedFile]) -> Review:
    """Compare `head` with `base`. `previous` gives the day of a base note's last version; `files` what git says
    changed between the two commits."""
    result = Review()
    span = (base.day, today)
    base_notes, head_notes = base.notes, head.notes
    owners = {name: note for note in head_notes.values() for name in (note.id, *note.aliases)}
    matched: set[str] = set()
    for note_id, before in base_notes.items():
        after = owners.get(note_id)
        if after is None:
            result.tell("Notes removed", f"- {shown(note_id)}: {shown(before.title)}")
            continue
        matched.add(after.id)
        if after.id != note_id:
            result.tell("Notes renamed", f"- {shown(note_id)} is now {shown(after.id)}, the old id kept as an alias")
        _compare_note(result, before, after, span, previous(before), base.site, head.site)
    for note_id, note in head_notes.items():
        if note_id not in matched:
            result.tell("Notes added", f"- {shown(note_id)}: {shown(note.title)} ({shown(note.verdict)})")
            _new_note_log(result, note, span)
            for link in sorted(_note_links(head.site, note)):
                result.tell("Links added", f"- in note {shown(note_id)}: {shown(link)}")
    _compare_article(result, base, head)
    _compare_registry(result, base, head)
    _compare_data(result, base, head)
    _list_files(result, base, files)
    return result


def _compare_note(result: Review, before: Note, after: Note, span: tuple[datetime.date, datetime.date],
                  previous: datetime.date | None, base: Site, head: Site) -> None:
    changed: list[tuple[str, tuple[int, int]]] = []  # (what changed, where in the head note)
    old_fields, new_fields = _fields(before, RECORD_FIELDS), _fields(after, RECORD_FIELDS)
    for name in dict.fromkeys([*new_fields, *old_fields]):  # in the order the note format lists them
        if old_fields.get(name) != new_fields.get(name):
            where = (after.body_line, 1) if name == "body" else after.position(name)
            changed.append((name, where))
            if name == "title":
                result.tell("Titles changed", f"- {shown(after.id)}: {_moved(before.title, after.title, quoted=True)}")
    old_claims, new_claims = _claims(before), _claims(after)
    for slug, quote in new_claims.items():
        old = old_claims.get(slug)
        if old is None:
            changed.append((quote.key, after.position(quote.key)))
            result.tell("Claims added",
                        f"- {shown(_claim_name(after, slug))}: \"{shown(quote.text)}\" ({shown(quote.verdict)})")
            continue
        old_values, new_values = _fields(old, QUOTE_RECORD_FIELDS), _fields(quote, QUOTE_RECORD_FIELDS)
        for name in dict.fromkeys([*new_values, *old_values]):
            if old_values.get(name) != new_values.get(name):
                written = quote.field("quote" if name == "text" else name)  # as the front matter names it
                changed.append((written, after.lines.get(written) or after.position(quote.field("quote"))))
        if old.verdict != quote.verdict:
            result.tell("Verdicts", f"- {shown(_claim_name(after, slug))}: {_moved(old.verdict, quote.verdict)}")
        if (old.text, old.prefix, old.suffix) != (quote.text, quote.prefix, quote.suffix):
            result.tell("Quotes moved",
                        f"- {shown(_claim_name(after, slug))}: {_moved(old.text, quote.text, quoted=True)}")
    for slug, quote in old_claims.items():
        if slug not in new_claims:
            changed.append((quote.key or "quote", after.position("claims")))
            result.tell("Claims removed", f"- {shown(_claim_name(before, slug))}: \"{shown(quote.text)}\"")
    _compare_sources(result, before, after)
    for link in sorted(_note_links(head, after) - _note_links(base, before)):
        result.tell("Links added", f"- in note {shown(after.id)}: {shown(link)}")
    logged = [change for change in after.changes if span[0].isoformat() <= change.date <= span[1].isoformat()]
    if changed and not logged:
        names = ", ".join(dict.fromkeys(name for name, _ in changed))
        result.problems.add(after.path, *changed[0][1], (
            f"{names} changed, but the note's changes have no entry dated from {span[0]} to {span[1]}, the span of "
            "this pull request; add one (correction, update or clarification) that says what changed and why"
        ))
    _compare_log(result, before, after, previous)
    _compare_review_date(result, before, after)


def _compare_sources(result: Review, before: Note, after: Note) -> None:
    old = {source.url: source for source in before.sources}
    new = {source.url: source for source in after.sources}
    for url, source in new.items():
        if url not in old:
            result.tell("Sources added", f"- {shown(after.id)}: {shown(source.title)}, {shown(url)}")
        elif _fields(source, SOURCE_RECORD_FIELDS) != _fields(old[url], SOURCE_RECORD_FIELDS):
            result.tell("Sources changed", f"- {shown(after.id)}: {shown(source.title)}, {shown(url)}")
    for url, source in old.items():
        if url not in new:
            result.tell("Sources removed", f"- {shown(after.id)}: {shown(source.title)}, {shown(url)}")


def _compare_log(result: Review, before: Note, after: Note, previous: datetime.date | None) -> None:
    """New entries dated before the note's previous version, and entries that disappeared."""
    old = {(change.date, change.kind): change for change in before.changes}
    new = {(change.date, change.kind) for change in after.changes}
    for index, change in enumerate(after.changes, start=1):
        earlier = old.get((change.date, change.kind))
        if earlier is not None:
            if _fields(earlier, set()) != _fields(change, set()):
                result.tell("Change log entries edited",
                            f"- {shown(after.id)}, {shown(change.date)}, {shown(change.kind)}: {shown(change.what)}")
            continue
        result.tell("Change log entries added",
                    f"- {shown(after.id)}, {shown(change.date)}, {shown(change.kind)}: {shown(change.what)}")
        if previous is not None and change.date < previous.isoformat():
            result.problems.add(after.path, *after.position(f"changes[{index}].date"), (
                f"changes[{index}] is dated {change.date}, before the note's previous version of {previous}; "
                "an entry is dated the day its change is made: date it within this pull request"
            ))
    for date, kind in sorted(old.keys() - new):
        result.problems.add(after.path, *after.position("changes"), (
            f"the '{kind}' entry dated {date} was removed from the note's changes; the log keeps every entry for "
            "good: restore it (its words may be corrected)"
        ))


def _new_note_log(result: Review, note: Note, span: tuple[datetime.date, datetime.date]) -> None:
    for index, change in enumerate(note.changes, start=1):
        result.tell("Change log entries added",
                    f"- {shown(note.id)}, {shown(change.date)}, {shown(change.kind)}: {shown(change.what)}")
        if change.date < span[0].isoformat():
            result.problems.add(note.path, *note.position(f"changes[{index}].date"), (
                f"changes[{index}] of this new note is dated {change.date}, before this pull request began "
                f"({span[0]}); an entry is dated the day its change is made"
            ))


def _compare_review_date(result: Review, before: Note, after: Note) -> None:
    if before.reviewed == after.reviewed:
        return
    result.tell("Review dates moved", f"- {shown(after.id)}: {shown(before.reviewed)} → {shown(after.reviewed)}")
    read = {(source.url, source.accessed) for source in before.sources}
    if all((source.url, source.accessed) in read for source in after.sources):
        result.problems.add(after.path, *after.position("reviewed"), (
            f"reviewed moved from {before.reviewed} to {after.reviewed}, but no source's accessed date moved; a "
            "review date says the sources were read again that day: set accessed on each source re-read, or keep "
            "the review date"
        ))


def _compare_article(result: Review, base: Version, head: Version) -> None:
    """The article's words and links, as its page renders them, and the pinned file they were copied from."""
    settings = head.site.settings
    article = settings.shown(settings.article_source)
    old_lines, new_lines = page_lines(base.site.article), page_lines(head.site.article)
    if old_lines != new_lines:
        index = next((i for i, pair in enumerate(zip(old_lines, new_lines, strict=False)) if pair[0] != pair[1]),
                     min(len(old_lines), len(new_lines)))
        was = old_lines[index] if index < len(old_lines) else "(nothing)"
        now = new_lines[index] if index < len(new_lines) else "(nothing)"
        result.problems.add(article, _line_holding(settings.article_source, now), 1, (
            f"the article's words changed: paragraph {index + 1} read \"{shown(was, 120, code=True)}\" and now reads "
            f"\"{shown(now, 120, code=True)}\"; the article is republished word for word: restore its words"
        ))
    added = set(_article_links(head.site)) - set(_article_links(base.site))
    for link in sorted(added):
        result.tell("Links added", f"- in the article's words: {shown(link)}")
        result.problems.add(article, _line_holding(settings.article_source, link), 1, (
            f"the article's words now link to '{shown(link, 120, code=True)}'; the article is republished as it was "
            "written, without links of the site's own: remove the link"
        ))
    pin = base.site.settings.original
    if pin is None:
        return
    relative = base.relative(pin.file)
    file = head.root / relative
    new_pin = head.site.settings.original
    if not file.is_file() or digest(file) != pin.sha256:
        result.problems.add(relative, 1, 1, (
            f"{relative}, the article's own words, changed; its digest is pinned by "
            f"{base.relative(base.site.settings.config_file)} and the article never changes: restore the file"
        ))
    if new_pin is None or (head.relative(new_pin.file), new_pin.sha256, new_pin.first_line, new_pin.last_line) != (
            relative, pin.sha256, pin.first_line, pin.last_line):
        config = head.site.settings.config_file
        result.problems.add(head.relative(config), *(new_pin.pin_position if new_pin else (1, 1)), (
            "the pin of the article's own words ('original') changed; it stays as it is: restore it"
        ))


def _line_holding(path: Path, text: str) -> int:
    opening = " ".join(text.split()[:4])
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").split("\n"), start=1):
        if opening and opening in " ".join(line.split()):
            return number
    return 1


def _compare_registry(result: Review, base: Version, head: Version) -> None:
    """Lines of the public links deleted, and registered notes removed without an alias."""
    registry = base.site.settings.public_links
    if registry is None or not registry.is_file():
        return
    relative = base.relative(registry)
    kept_file = head.root / relative
    kept = set(read_registry(kept_file)) if kept_file.is_file() else set()
    old_lines = registry.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(old_lines, start=1):
        link = line.strip()
        if link and not link.startswith("#") and link not in kept:
            result.problems.add(relative, number, 1, (
                f"the public link '{shown(link, 200, code=True)}' (line {number} of the base) was deleted; public "
                "links are never removed: restore the line, and keep what it leads to (an alias for a note)"
            ))
    for link in sorted(kept - set(read_registry(registry))):
        result.tell("Public links registered", f"- {shown(link)}")
    note_link = public_paths(base.site.settings, base.site.pages).note_link()
    head_names = {name for note in head.site.content.notes for name in (note.id, *note.aliases)}
    base_notes = base.notes
    base_names = {name for note in base_notes.values() for name in (note.id, *note.aliases)}
    for link in read_registry(registry):
        match = note_link.match(link)
        name = (match.group(1) or match.group(3)) if match else None
        if name and name not in head_names and name in base_names:
            path = base_notes[name].path if name in base_notes else relative
            result.problems.add(path, 1, 1, (
                f"note '{name}' was removed, but the public link '{shown(link, 200, code=True)}' leads to it; add "
                f"'{name}' to the aliases of the note that now covers its claim"
            ))
            head_names.add(name)  # one message per note


def _compare_data(result: Review, base: Version, head: Version) -> None:
    """Crates added to or removed from the catalog, and sentences listed as making no claim."""
    old, new = base.site.content.catalog, head.site.content.catalog
    for name in sorted(new.keys() - old.keys()):
        result.tell("Crates added to the catalog", f"- {shown(name)}")
    for name in sorted(old.keys() - new.keys()):
        result.tell("Crates removed from the catalog", f"- {shown(name)}")
    for name in sorted(new.keys()):
        after = _fields(new[name], CRATE_RECORD_FIELDS)
        before = _fields(old[name], CRATE_RECORD_FIELDS) if name in old else {}
        moved = [key for key in after if before and after[key] != before.get(key)]
        if moved:
            result.tell("Crates changed", f"- {shown(name)}: {shown(', '.join(moved))}")
        old_links = {value for value in before.values() if isinstance(value, str) and value.startswith("https://")}
        for key, value in after.items():
            if isinstance(value, str) and value.startswith("https://") and value not in old_links:
                result.tell("Links added", f"- in the catalog, {shown(name)} ({shown(key)}): {shown(value)}")
    old_sentences = {entry.sentence for entry in base.site.content.no_claims}
    new_sentences = {entry.sentence for entry in head.site.content.no_claims}
    for sentence in sorted(new_sentences - old_sentences):
        result.tell("Sentences now listed as making no claim", f"- \"{shown(sentence)}\"")
    for sentence in sorted(old_sentences - new_sentences):
        result.tell("Sentences no longer listed as making no claim", f"- \"{shown(sentence)}\"")


def _list_files(result: Review, base: Version, files: Iterable[ChangedFile]) -> None:
    """Files changed outside the notes and the data: pages, templates, the engine, workflows, settings."""
    settings = base.site.settings
    folders = [base.relative(settings.notes_dir), *(base.relative(folder) for folder in settings.data_folders())]
    words = {"A": "added", "D": "deleted", "M": "changed", "R": "renamed", "C": "copied", "T": "changed type"}
    notes, data = folders[0], folders[1:]
    for item in files:
        paths = [item.path, item.old_path] if item.old_path else [item.path]
        was = f" (from {shown(item.old_path)})" if item.old_path else ""
        line = f"- {words.get(item.status, 'changed')}: `{shown(item.path, code=True)}`{was}"
        if all(path.startswith(f"{notes}/") for path in paths):
            continue  # each note's changes are told above
        if all(any(path.startswith(f"{folder}/") for folder in data) for path in paths):
            result.tell("Data files changed", line)
        else:
            result.tell("Files changed outside notes and data", line)
