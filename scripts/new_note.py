"""Start a note from the article's own words: `make note QUOTE="low-latency garbage collector"`.

Finds the words in the rendered article, picks the section, adds a prefix or suffix only when the
words occur more than once there, proposes an id, and writes docs/notes/<id>.md from a template.
It never overwrites a file. It prints what is left to fill in.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import sys
from pathlib import Path

import yaml
from annotate.anchoring import distinguishing_context, find_all, normalise
from annotate.generate import article_html
from annotate.notes import NOTE_ID, verdicts
from annotate.problems import Problems, printable
from annotate.sections import read_sections
from annotate.settings import open_settings

TEMPLATE = """\
---
title: TODO a short title that states the finding
section: {section}
quote: {quote}
{context}verdict: TODO one of {verdicts}
summary: >-
  TODO the margin text: one or two sentences, at most 50 words.
sources:
  - title: TODO what the source is
    url: https://TODO
    accessed: {today}
reviewed: {today}
changes: []
---

TODO the full explanation: what the article says, what the sources show, and a short example
where it helps.
"""


def yaml_string(text: str) -> str:
    """`text` as a YAML scalar, quoted only where YAML would misread it plain."""
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def propose_id(quote: str) -> str:
    words = re.findall(r"[a-z0-9]+", normalise(quote).lower().replace("'", ""))
    return "-".join(words[:6]) or "note"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("quote", nargs="?", help="the article's exact words")
    parser.add_argument("--id", help="the note's id (file name without .md); proposed from the quote if left out")
    parser.add_argument("--from-environment", action="store_true",
                        help="take the words and the id from NOTE_QUOTE and NOTE_ID, as `make note` passes them")
    parser.add_argument("--section", help="the section to look in, when the words occur in several")
    parser.add_argument("--config", type=Path, default=Path(__file__).resolve().parents[1] / "annotate.yml",
                        help="the engine's settings for the site (default: annotate.yml)")
    arguments = parser.parse_args(argv)
    if arguments.from_environment:
        arguments.quote = os.environ.get("NOTE_QUOTE", "")
        arguments.id = os.environ.get("NOTE_ID") or None
    if not arguments.quote:
        parser.error("give the article's exact words")
    if arguments.id is not None and not NOTE_ID.match(arguments.id):
        print(f"'{printable(arguments.id)}' is not a note id: write lower-case letters and digits in words joined "
              "by single hyphens, such as rust-has-no-gc; it becomes docs/notes/<id>.md", file=sys.stderr)
        return 2

    settings = open_settings(arguments.config)
    html = settings if isinstance(settings, Problems) else article_html(settings)
    if isinstance(html, Problems):
        print(html.report("cannot start a note."), file=sys.stderr)
        return 1
    quote = normalise(arguments.quote)
    sections = [s for s in read_sections(html) if arguments.section in (None, s.id) and find_all(s.text, quote)]
    if not quote or not sections:
        where = f"section '{arguments.section}'" if arguments.section else "the article"
        print(printable(f"'{arguments.quote}' does not occur in {where}; copy the words exactly from the page"),
              file=sys.stderr)
        return 1
    if len(sections) > 1:
        names = ", ".join(s.id for s in sections)
        print(printable(f"'{arguments.quote}' occurs in several sections ({names}); choose one with --section"),
              file=sys.stderr)
        return 1
    section = sections[0]
    start = find_all(section.text, quote)[0]
    prefix, suffix = distinguishing_context(section.text, start, start + len(quote))
    context = "".join(
        f"{key}: {yaml_string(value)}\n" for key, value in (("prefix", prefix), ("suffix", suffix)) if value
    )

    note_id = arguments.id or propose_id(quote)
    path = settings.notes_dir / f"{note_id}.md"
    if path.exists():
        print(f"{settings.shown(path)} already exists; choose another id with --id", file=sys.stderr)
        return 1
    path.write_text(TEMPLATE.format(
        section=section.id,
        quote=yaml_string(section.source_text(html, start, start + len(quote))),
        context=context,
        verdicts=", ".join(verdicts()),
        today=datetime.date.today().isoformat(),
    ), encoding="utf-8")
    shown = settings.shown(path)
    added = f", with a {'prefix' if prefix else 'suffix'} to pick the first of several" if context else ""
    print(f"wrote {shown} (section '{section.id}'{added})")
    print("left to fill in: title, verdict, summary, sources (https, primary first, each with the day you read it), "
          "the body; crates if any")
    print(f"then run: make check   (it names any line of {shown} that still needs work)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
