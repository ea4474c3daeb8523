"""A note's change log keeps one entry per date and kind: a second one is refused with its exact message and line,
and the corrections record names each entry by note, date and kind."""

from __future__ import annotations

from annotate import changelog
from helpers import load_note_text

NOTE = """\
---
title: Rust has no garbage collector
section: why-rust-matters-in-the-ml-domain
quote: low-latency garbage collector
verdict: opinion
summary: Rust frees memory when its owner goes out of scope.
sources:
  - title: The Rust book
    url: https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html
    accessed: 2026-11-24
reviewed: 2026-11-24
changes:
  - date: 2026-11-24
    kind: clarification
    what: Sources named more precisely.
  - date: 2026-11-24
    kind: correction
    what: The note said X; the book says Y.
  - date: 2026-11-20
    kind: clarification
    what: The summary was shortened.
---

Body text.
"""
P = "docs/notes/a-note.md"
ENTRY = "  - date: 2026-11-24\n    kind: clarification\n    what: The book is cited at its canonical address.\n"


def load(tmp_path, text):
    note, messages = load_note_text(tmp_path, text)
    assert note is not None, messages
    return note


def messages(tmp_path, text):
    return [str(problem) for problem in changelog.log_problems(load(tmp_path, text)).sorted()]


def test_entries_of_one_day_with_different_kinds_and_of_one_kind_on_different_days_pass(tmp_path):
    assert messages(tmp_path, NOTE) == []


def test_a_second_entry_of_the_same_date_and_kind_is_refused_at_its_line(tmp_path):
    assert messages(tmp_path, NOTE.replace("---\n\nBody", f"{ENTRY}---\n\nBody")) == [
        f"{P}:22:5: changes[1] and changes[4] are two 'clarification' entries dated 2026-11-24; "
        "a note keeps one entry per day and kind, so merge them into one sentence",
    ]


def test_each_further_entry_of_the_same_date_and_kind_is_named_against_the_first(tmp_path):
    text = NOTE.replace("---\n\nBody", f"{ENTRY}{ENTRY.replace('clarification', 'correction')}{ENTRY}---\n\nBody")
    assert messages(tmp_path, text) == [
        f"{P}:22:5: changes[1] and changes[4] are two 'clarification' entries dated 2026-11-24; "
        "a note keeps one entry per day and kind, so merge them into one sentence",
        f"{P}:25:5: changes[2] and changes[5] are two 'correction' entries dated 2026-11-24; "
        "a note keeps one entry per day and kind, so merge them into one sentence",
        f"{P}:28:5: changes[1] and changes[6] are two 'clarification' entries dated 2026-11-24; "
        "a note keeps one entry per day and kind, so merge them into one sentence",
    ]


def test_the_record_names_each_entry_by_note_date_and_kind_newest_first(tmp_path):
    assert [entry.key for entry in changelog.entries([load(tmp_path, NOTE)])] == [
        "a-note/2026-11-24/clarification/1",
        "a-note/2026-11-24/correction/1",
        "a-note/2026-11-20/clarification/1",
    ]
