"""The text rules hold for every field of every YAML file, not only notes (issue 21, items 9/12/14/15 of the trial).

`crates.yml` and `no-claims.yml` accepted right-to-left overrides and zero-width characters; a title of
blank-looking letters (U+3164, U+2800) or spaces passed; a lone surrogate in a title passed check and
crashed the build with a traceback; a YAML merge key (`<<:`) supplied or repeated a key.
"""

from __future__ import annotations

import re

import pytest
from annotate.characters import describe
from conftest import build_site, check, copy_project
from helpers import NOTE_WITH_TEXT, line_of, load_note_text

P = "docs/notes/a-note.md"
MERGE = "'<<' is a YAML merge key, which is not used here; write each key out in full"


def _unseen(char: str) -> str:
    return f"contains {describe(char)}, which a reader cannot see; delete it or type the character you meant"


@pytest.mark.parametrize(("title", "column", "message"), [
    ('"\\ud800 Rust"', 8, f"'<U+D800> Rust' {_unseen(chr(0xD800))}"),
    ("\u3164", 8, f"'<U+3164>' {_unseen(chr(0x3164))}"),
    ("\u2800\u2800", 8, f"'<U+2800><U+2800>' {_unseen(chr(0x2800))}"),
    ('"   "', 8, "is only spaces; write the text, or remove the key"),
])
def test_blank_looking_and_broken_titles_are_refused(tmp_path, title, column, message):
    text = NOTE_WITH_TEXT.format(summary="A summary.", body="").replace("title: A note", f"title: {title}")
    note, messages = load_note_text(tmp_path, text)
    assert note is None
    assert messages == [f"{P}:2:{column}: {message}"]


def test_a_merge_key_is_refused(tmp_path):
    text = NOTE_WITH_TEXT.format(summary="A summary.", body="").replace(
        "verdict: accurate\n", "verdict: accurate\nextra: {verdict: opinion}\n<<: {verdict: opinion}\n")
    note, messages = load_note_text(tmp_path, text)
    assert note is None and f"{P}:7:1: {MERGE}" in messages


def test_every_data_file_gets_the_text_rules_and_the_build_no_traceback(tmp_path):
    project = copy_project(tmp_path)
    catalog = project / "data" / "crates.yml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        "description: Thin Rust wrappers", "description: Thin \u202eRust wrappers", 1).replace(
        "  - name: tensorflow\n", "  - <<: {name: tensorflow}\n    name: tensorflow\n", 1), encoding="utf-8")
    no_claims = project / "data" / "no-claims.yml"
    text = no_claims.read_text(encoding="utf-8")
    reason = next(line for line in text.splitlines() if "reason:" in line)
    no_claims.write_text(text.replace(reason, reason.replace("reason: ", "reason: \u200b", 1)), encoding="utf-8")
    note = project / "docs" / "notes" / "fast-and-safe.md"
    broken_title = re.sub(r"\ntitle: .*\n", lambda _: '\ntitle: "\\udfff Rust"\n', note.read_text(encoding="utf-8"),
                          count=1)
    note.write_text(broken_title, encoding="utf-8")
    completed = check(project)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    assert f"data/crates.yml:{line_of(catalog, '<<')}:5: {MERGE}" in lines
    assert any(line.startswith(f"data/no-claims.yml:{line_of(no_claims, chr(0x200B))}:") and "U+200B" in line
               for line in lines)
    assert any(line.startswith("docs/notes/fast-and-safe.md:2:") and "U+DFFF" in line for line in lines)
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        "  - <<: {name: tensorflow}\n    name: tensorflow\n", "  - name: tensorflow\n", 1),
                       encoding="utf-8")
    completed = check(project)
    assert f"data/crates.yml:{line_of(catalog, chr(0x202E))}:23: 'Thin <U+202E>Rust wrappers around libto…' " \
           f"{_unseen(chr(0x202E))}" in completed.stderr.splitlines()
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
