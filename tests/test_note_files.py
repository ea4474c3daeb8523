"""Each kind of broken note file gets one message naming the file, the line and what to do."""

from __future__ import annotations

import pytest
from helpers import load_note_text

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
reviewed: 2026-11-24
changes: []
---

Body text.
"""


def test_valid_note_loads_with_every_field(tmp_path):
    note, messages = load_note_text(tmp_path, VALID)
    assert messages == []
    assert (note.id, note.verdict, note.reviewed, note.sources[0].title) == (
        "a-note", "false", "2026-11-24", "The Rust book"
    )
    assert note.position("quote") == (4, 8)
    assert note.position("sources[1].accessed") == (10, 15)
    assert note.body == "\nBody text.\n"


WITH_EVERYTHING = VALID.replace('summary:', """depends_on_article_date: true
summary:""").replace("sources:", """claims:
  - id: efficient-runtime
    quote: efficient runtime
    verdict: misleading
    depends_on_article_date: true
inference: >-
  Rust suits numerical work better than Python.
sources:""").replace("changes: []", """versions:
  - burn@0.18.0
changes:
  - date: 2026-11-24
    kind: correction
    what: The note said X; the book says Y.""")


def test_claims_inference_versions_and_changes_load(tmp_path):
    note, messages = load_note_text(tmp_path, WITH_EVERYTHING)
    assert messages == []
    own, claim = note.quotes
    assert (own.slug, own.text, own.verdict, own.depends_on_article_date) == (
        None, "low-latency garbage collector", "false", True)
    assert (claim.slug, claim.text, claim.verdict, claim.depends_on_article_date, claim.key) == (
        "efficient-runtime", "efficient runtime", "misleading", True, "claims[1]")
    assert note.position(claim.field("verdict")) == (11, 14)
    assert note.inference == "Rust suits numerical work better than Python."
    assert note.versions == ("burn@0.18.0",)
    assert [(c.date, c.kind, c.what) for c in note.changes] == [
        ("2026-11-24", "correction", "The note said X; the book says Y.")]


P = "docs/notes/a-note.md"

# what to replace in VALID (old, new) -> the exact messages
BROKEN = {
    "malformed YAML": (
        ("quote: low-latency garbage collector", "quote: [low-latency"),
        [f"{P}:5:8: malformed YAML: expected ',' or ']', but got ':', "
         "while parsing a flow sequence that starts on line 4"],
    ),
    "unknown key with a suggestion": (
        ('verdict: "false"', 'verdit: "false"'),
        [f"{P}:2:1: missing required key 'verdict'",
         f"{P}:5:1: unknown key 'verdit' (did you mean 'verdict'?)"],
    ),
    "wrong type": (
        ("title: Rust has no garbage collector", "title: [Rust, GC]"),
        [f"{P}:2:8: title must be text, not a list"],
    ),
    "verdict off the scale": (
        ('verdict: "false"', "verdict: mostly-true"),
        [f"{P}:5:10: verdict 'mostly-true' is not on the scale (did you mean 'mostly-accurate'?); "
         "use one of: accurate, mostly-accurate, misleading, outdated, false, unsupported, opinion"],
    ),
    "missing sources": (
        ("sources:\n  - title: The Rust book\n    url: https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html\n"
         "    accessed: 2026-11-24\n", ""),
        [f"{P}:2:1: missing required key 'sources' for verdict 'false' (only 'accurate' may go without sources)"],
    ),
    "claim that needs sources": (
        ('verdict: "false"', "verdict: accurate\nclaims:\n  - id: runtime\n    quote: efficient runtime\n"
                             "    verdict: misleading",
         "sources:\n  - title: The Rust book\n    url: https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html\n"
         "    accessed: 2026-11-24\n", ""),
        [f"{P}:2:1: missing required key 'sources' because a claim's verdict is not 'accurate' "
         "(only 'accurate' may go without sources)"],
    ),
    "source without the day it was read": (
        ("    accessed: 2026-11-24\n", ""),
        [f"{P}:8:5: missing required key 'accessed'"],
    ),
    "no change log": (
        ("changes: []\n", ""),
        [f"{P}:2:1: missing required key 'changes'"],
    ),
    "change of an unknown kind": (
        ("changes: []", "changes:\n  - date: 2026-11-24\n    kind: fix\n    what: Fixed."),
        [f"{P}:14:11: changes[1].kind 'fix' is not on the scale; use one of: correction, update, clarification"],
    ),
    "folded is gone": (
        ("reviewed:", "folded:\n  - words: x\n    verdict: opinion\nreviewed:"),
        [f"{P}:11:1: unknown key 'folded'; allowed keys are aliases, also_accepted, changes, claims, crates, "
         "depends_on_article_date, inference, prefix, quote, reviewed, section, sources, suffix, summary, "
         "title, verdict, versions"],
    ),
    "claim id that is not a slug": (
        ("sources:", "claims:\n  - id: Efficient--Runtime\n    quote: efficient runtime\n    verdict: opinion\n"
                     "sources:"),
        [f"{P}:8:9: claims[1].id 'Efficient--Runtime' must be a slug: lower-case words joined by single hyphens"],
    ),
    "the same claim id twice": (
        ("sources:", "claims:\n  - id: runtime\n    quote: efficient runtime\n    verdict: opinion\n"
                     "  - id: runtime\n    quote: minimal runtime dependencies\n    verdict: opinion\nsources:"),
        [f"{P}:11:9: claims[2].id 'runtime' is used twice in this note; each claim needs its own id"],
    ),
    "version not written crate@version": (
        ("changes: []", "versions:\n  - burn 0.18\nchanges: []"),
        [f"{P}:13:5: versions[1] 'burn 0.18' must be written crate@version, such as burn@0.18.0"],
    ),
    "http source": (
        ("url: https://doc", "url: http://doc"),
        [f"{P}:9:10: sources[1].url 'http://doc.rust-lang.org/book/ch04-01-what-is-ownership.html' "
         "is not an https URL; links must start with https://"],
    ),
    "javascript source": (
        ("url: https://doc.rust-lang.org/book/ch04-01-what-is-ownership.html", "url: javascript:alert(1)"),
        [f"{P}:9:10: sources[1].url 'javascript:alert(1)' is not an https URL; links must start with https://"],
    ),
    "date not a date": (
        ("reviewed: 2026-11-24", "reviewed: last week"),
        [f"{P}:11:11: reviewed 'last week' is not a date written YYYY-MM-DD"],
    ),
    "summary too long": (
        ("summary: Rust frees memory when its owner goes out of scope.", "summary: " + "word " * 51),
        [f"{P}:6:10: summary has 51 words; the margin takes at most 50: keep the gist there and move the rest "
         "into the body"],
    ),
    "raw HTML in the body": (
        ("Body text.", "Body <script>alert(1)</script> text."),
        [f"{P}:15:6: the body contains raw HTML ('<script>'); notes are Markdown only: write [text](https://…) "
         "for a link, *words* for emphasis, `code` for code"],
    ),
    "javascript link in the summary": (
        ("out of scope.", "out of [scope](javascript:alert(1))."),
        [f"{P}:6:63: the summary link 'javascript:alert(1)' uses 'javascript:'; the site links only to https:// "
         "addresses"],
    ),
    "missing front matter": (
        ("---\ntitle", "title"),
        [f"{P}:1:1: missing front matter: a note must start with a line '---', then its YAML keys, then '---'"],
    ),
    "unclosed front matter": (
        ("---\n\nBody", "\nBody"),
        [f"{P}:1:1: front matter is never closed: add a line '---' after the last YAML key"],
    ),
}


@pytest.mark.parametrize(("change", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_note_reports_file_line_and_fix(tmp_path, change, expected):
    text = VALID
    for old, new in zip(change[::2], change[1::2], strict=True):
        assert old in text
        text = text.replace(old, new, 1)
    note, messages = load_note_text(tmp_path, text)
    assert messages == expected
    assert note is None


def test_file_that_is_not_utf8_names_the_line_and_column(tmp_path):
    content = VALID.replace("Body text.", "Body t\xe9xt.").encode("latin-1")
    _, messages = load_note_text(tmp_path, content)
    assert messages == [f"{P}:15:7: not UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_empty_file_is_reported(tmp_path):
    _, messages = load_note_text(tmp_path, "\n  \n")
    assert messages == [f"{P}:1:1: file is empty: a note needs front matter between '---' lines and a body"]


def test_numeric_file_name_is_rejected_as_id(tmp_path):
    _, messages = load_note_text(tmp_path, VALID, name="12.md")
    assert messages == [
        "docs/notes/12.md:1:1: file name '12.md' is not a readable id: use lower-case words joined by hyphens, "
        "such as 'rust-is-memory-safe.md', never a number"
    ]
