"""Small builders shared by tests."""

from __future__ import annotations

from annotate.notes import Note, Source
from annotate.project import markdown_renderer

render_markdown = markdown_renderer(["attr_list", "toc"], {})


def make_note(note_id: str, quote: str, section: str = "intro", **fields) -> Note:
    values = {
        "title": f"Note {note_id}",
        "prefix": None,
        "suffix": None,
        "verdict": "false",
        "summary": f"Summary of {note_id}.",
        "sources": (Source("A source", "https://example.org/source"),),
        "crates": (),
        "folded": (),
        "aliases": (),
        "reviewed": "2026-11-24",
        "body": "Body.\n",
        "body_line": 12,
        "lines": {"quote": (4, 8), "section": (3, 10), "crates": (9, 1)},
    }
    values.update(fields)
    return Note(id=note_id, path=f"docs/notes/{note_id}.md", section=section, quote=quote, **values)
