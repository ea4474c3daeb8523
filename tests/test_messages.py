"""Messages that used to confuse, placeholders that used to publish, and one reading of front matter.

From issue 14: an invisible character that made "searched for" and "closest text" print alike,
`verdict: false` never told to be quoted, a URL with a space called not https, the scaffold's TODOs
published, a `... ` line that check and build read differently, a one-letter quote inside "The",
and a file name that forged GitHub annotations.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from annotate.anchoring import Anchor, AnchorFailure, anchor_quote, distinguishing_context
from annotate.notes import load_note, split_front_matter
from annotate.problems import Problem
from conftest import ROOT, build_site, check, copy_project
from helpers import load_note_text, notes_markdown

VALID = """\
---
title: Rust has no garbage collector
section: why-rust-matters-in-the-ml-domain
quote: low-latency garbage collector
verdict: "false"
summary: Rust frees memory when its owner goes out of scope.
sources:
  - title: The Rust book
    url: https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html
    accessed: 2026-11-24
  - title: The Rust reference
    url: https://doc.rust-lang.org/reference/
    accessed: 2026-11-24
reviewed: 2026-11-24
changes: []
---

Body text.
"""
P = "docs/notes/a-note.md"


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('verdict: "false"', "verdict: false", [
        f"{P}:5:10: verdict must be text, not true/false; YAML reads the bare word false as true/false: "
        'write it in quotes, "false"',
    ]),
    ('verdict: "false"', "verdict: no", [
        f"{P}:5:10: verdict must be text, not true/false; YAML reads the bare word no as true/false: "
        'write it in quotes, "no"',
    ]),
    ("url: https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html",
     "url: https://doc.rust-lang.org/book/ch04-01-what is-ownership.html", [
         f"{P}:9:10: sources[1].url 'https://doc.rust-lang.org/book/ch04-01-what is-ownership.html' contains "
         "U+0020 SPACE, which it may not: delete it (a space in an address is written %20)",
     ]),
    ("quote: low-latency garbage collector", "quote: low-latency\u200b garbage collector", [
        f"{P}:4:19: 'low-latency<U+200B> garbage collector' contains U+200B ZERO WIDTH SPACE, which a reader "
        "cannot see; delete it or type the character you meant",
    ]),
    ("title: Rust has no garbage collector", "title: Rust has no \u202egarbage collector", [
        f"{P}:2:20: 'Rust has no <U+202E>garbage collector' contains U+202E RIGHT-TO-LEFT OVERRIDE, which a "
        "reader cannot see; delete it or type the character you meant",
    ]),
    ("Body text.", "Body\u200b text.", [
        f"{P}:18:5: the body contains U+200B ZERO WIDTH SPACE, which a reader cannot see; delete it or type the "
        "character you meant",
    ]),
    ("---\n\nBody", "... \n\nBody", [
        f"{P}:16:1: the line '...' that closes the front matter has spaces after it; remove them",
    ]),
])
def test_confusing_input_gets_a_message_that_says_what_is_wrong(tmp_path, old, new, expected):
    assert old in VALID
    note, messages = load_note_text(tmp_path, VALID.replace(old, new, 1))
    assert note is None
    assert messages == expected


def test_check_and_build_read_a_trailing_space_fence_alike(tmp_path):
    project = copy_project(tmp_path)
    note = project / "docs" / "notes" / "fast-and-safe.md"
    text = note.read_text(encoding="utf-8")
    closing = text.index("\n---\n", 4) + 1
    note.write_text(text[:closing] + "... \n" + text[closing + 4:], encoding="utf-8")
    line = text[:closing].count("\n") + 1
    expected = f"docs/notes/fast-and-safe.md:{line}:1: the line '...' that closes the front matter has spaces after it"
    checked = check(project)
    built = build_site(project, tmp_path / "site")
    assert checked.returncode == built.returncode == 1
    assert expected in checked.stderr and expected in built.output


def test_the_make_note_scaffold_is_refused_until_every_placeholder_is_filled(tmp_path):
    project = copy_project(tmp_path)
    created = subprocess.run(
        [sys.executable, str(project / "scripts" / "new_note.py"), "low-latency garbage collector",
         "--id", "scaffold", "--config", str(project / "annotate.yml")],
        capture_output=True, text=True,
    )
    assert created.returncode == 0, created.stderr
    path = project / "docs" / "notes" / "scaffold.md"
    # Set a verdict, as the trial did: the placeholders must still be refused.
    path.write_text(path.read_text().replace("verdict: TODO", "verdict: misleading #"), encoding="utf-8")
    _, problems = load_note(path, "docs/notes/scaffold.md", notes_markdown)
    placeholders = [p for p in problems.sorted() if "placeholder 'TODO'" in p.message]
    assert [(p.line, p.column) for p in placeholders] == [(2, 8), (6, 10), (9, 12), (10, 18), (16, 1)]
    assert "'https://TODO' still holds the placeholder 'TODO' that make note wrote" in str(placeholders[3])


def test_a_quote_is_whole_words_and_the_hint_never_suggests_less():
    text = "The future looks bright.\nThe ML domain"
    assert isinstance(anchor_quote(text, "e future"), AnchorFailure)
    failure = anchor_quote(text, "e", suffix="future")
    assert isinstance(failure, AnchorFailure)
    assert failure.hint == "the words occur only inside longer words; a quote starts and ends with whole words"
    assert anchor_quote(text, "The", suffix="future") == Anchor(0, 3)
    assert distinguishing_context(text, 2, 3) == (None, None)


def test_a_one_letter_quote_is_refused_before_it_is_anchored(tmp_path):
    one_letter = VALID.replace("quote: low-latency garbage collector", "quote: e\nsuffix: future")
    _, messages = load_note_text(tmp_path, one_letter)
    assert messages == [
        f"{P}:4:8: quote has 1 words and 1 characters; a quote is at least 2 words, enough to name the claim, "
        "and at most 300 characters"
    ]


def test_annotation_properties_are_escaped_so_a_file_name_cannot_forge_a_command():
    problem = Problem("docs/notes/x\n::warning file=a,line=1::forged.md", 1, 1, "a message: 100% wrong\nsecond")
    assert problem.github_annotation() == (
        "::error file=docs/notes/x%0A%3A%3Awarning file=a%2Cline=1%3A%3Aforged.md,line=1,col=1::"
        "a message: 100%25 wrong%0Asecond"
    )
    assert "\n" not in problem.github_annotation()


def test_front_matter_is_read_once_by_the_engine():
    parts = split_front_matter((ROOT / "docs" / "notes" / "fast-and-safe.md").read_text(encoding="utf-8"))
    assert parts.first_line == 2 and parts.body.startswith("\nThe Rust project")
