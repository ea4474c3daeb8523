"""The smaller defects of issue 21's item 17, each refused with its line."""

from __future__ import annotations

import re

import pytest
from conftest import check, copy_project
from helpers import NOTE_WITH_TEXT, line_of, load_note_text

P = "docs/notes/a-note.md"


def test_a_note_named_index_is_refused(tmp_path):
    note, messages = load_note_text(tmp_path, NOTE_WITH_TEXT.format(summary="A summary.", body=""), "index.md")
    assert note is None
    assert messages[0] == ("docs/notes/index.md:1:1: file name 'index.md' would publish the note at the notes' folder "
                           "itself; name it after its finding")


def test_an_empty_body_is_refused(tmp_path):
    text = NOTE_WITH_TEXT.format(summary="A summary.", body="").replace("First line of the body.\n", "")
    note, messages = load_note_text(tmp_path, text)
    assert note is None
    assert messages == [f"{P}:10:1: the body is empty; write the full explanation after the front matter: what the "
                        "article says, what the sources show"]


@pytest.mark.parametrize("heading", ["Changes", "Cite", "Sources", "Crates"])
def test_body_headings_cannot_take_the_note_pages_own_ids(tmp_path, heading):
    note, messages = load_note_text(tmp_path, NOTE_WITH_TEXT.format(summary="A summary.", body=f"## {heading}\n"))
    assert note is None
    assert messages == [f"{P}:12:4: the body gives a heading the id '{heading.lower()}', one the note page already "
                        "uses; give the heading other words"]


def test_limits_on_changes_aliases_and_crate_names_and_distinct_sources(tmp_path):
    project = copy_project(tmp_path)
    note = project / "docs" / "notes" / "fast-and-safe.md"
    text = note.read_text(encoding="utf-8")
    what = "A change. " * 81
    text = re.sub(r"\nchanges:.*?\n---\n", lambda _: (
        f"\naliases: [{', '.join(f'old-{n}' for n in range(11))}]\n"
        f"changes:\n  - date: 2026-11-24\n    kind: clarification\n    what: {what}\n---\n"), text, count=1, flags=re.S)
    note.write_text(text, encoding="utf-8")
    collector = project / "docs" / "notes" / "low-latency-garbage-collector.md"
    text = collector.read_text(encoding="utf-8")
    urls = re.findall(r"^    url: (.+)$", text, re.M)
    text = text.replace(f"    url: {urls[1]}\n", f"    url: {urls[0]}#another-part\n", 1)
    for url in urls[2:]:
        text = text.replace(f"    url: {url}\n", f"    url: {urls[0]}\n", 1)
    collector.write_text(text, encoding="utf-8")
    catalog = project / "data" / "crates.yml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("  - name: tensorflow\n",
                                                                   "  - name: category-bindings\n", 1))
    completed = check(project)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    assert f"docs/notes/fast-and-safe.md:{line_of(note, 'what: A change.')}:11: changes[1].what has {len(what) - 1} " \
           "characters; a change is told in one sentence of at most 800: say what changed and why, and leave the " \
           "detail to the body" in lines
    assert f"docs/notes/fast-and-safe.md:{line_of(note, 'aliases:')}:10: the note has 11 aliases; a note keeps at " \
           "most 10 former ids: drop those no published link uses" in lines
    assert f"data/crates.yml:{line_of(catalog, 'category-bindings')}:11: crate 'category-bindings' starts with " \
           "'category-', like the ids of the crate guide's headings, and would take one of them; a crate's name is " \
           "its id there" in lines
    assert any(line.startswith(f"docs/notes/low-latency-garbage-collector.md:{line_of(collector, 'verdict:')}:")
               and f"sources and the note lists 1 ({len(urls)} entries, of the same page)" in line for line in lines)


def test_links_to_missing_anchors_fail_check_in_summaries_bodies_and_pages(tmp_path):
    project = copy_project(tmp_path)
    note = project / "docs" / "notes" / "fast-and-safe.md"
    text = note.read_text(encoding="utf-8")
    text = re.sub(r"\nsummary: (>-\n)?", lambda m: m.group(0) + ("  " if m.group(1) else "")
                  + "See [the method](../about.md#verdicts-x) and [the ledger](../claims.md#claim-1). ", text, count=1)
    note.write_text(text + "\nSee [the log](#changes), [nowhere](#no-such-part) and "
                    "[a note](ownership-model.md#sources). [@article]\n", encoding="utf-8")
    instructors = project / "docs" / "instructors.md"
    instructors.write_text(instructors.read_text(encoding="utf-8").replace("(about.md#cite)", "(about.md#citing)", 1),
                           encoding="utf-8")
    completed = check(project)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    def at(path, text):
        line = line_of(path, text)
        return f"{line}:{path.read_text(encoding='utf-8').splitlines()[line - 1].index(text) + 1}"

    assert lines[:-1] == [
        f"docs/instructors.md:{at(instructors, 'about.md#citing')}: link 'about.md#citing' leads to "
        "'#citing' on 'about.md', which has no such anchor (did you mean 'cite'?); link to a heading or a part that "
        "'about.md' has",
        f"docs/notes/fast-and-safe.md:{at(note, '../about.md#verdicts-x')}: "
        "link '../about.md#verdicts-x' leads to '#verdicts-x' on 'about.md', which has no such anchor (did you mean "
        "'verdicts'?); link to a heading or a part that 'about.md' has",
        f"docs/notes/fast-and-safe.md:{at(note, '#no-such-part')}: link '#no-such-part' leads to "
        "'#no-such-part' on 'notes/fast-and-safe.md', which has no such anchor; link to a heading or a part that "
        "'notes/fast-and-safe.md' has",
    ]
