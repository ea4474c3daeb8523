"""The cited pages of the freshness fixture, replayed with `responses` as their sites answered."""

from __future__ import annotations

from pathlib import Path

import requests
import responses
import yaml

FIXTURE = Path(__file__).parent / "fixtures" / "freshness"
NOTE = FIXTURE / "docs" / "notes" / "sources-note.md"


def add_pages(mock: responses.RequestsMock, only: set[str] | None = None) -> None:
    """Register the answer of every page listed in the fixture's pages.yml (or only those in `only`)."""
    for answer in yaml.safe_load((FIXTURE / "pages.yml").read_text(encoding="utf-8")):
        if only is not None and answer["url"] not in only:
            continue
        if answer.get("error") == "timeout":
            mock.get(answer["url"], body=requests.ReadTimeout("read timed out"))
            continue
        body = (b"<p>" + b"x" * answer["bytes"] + b"</p>" if "bytes" in answer
                else (FIXTURE / "pages" / answer["body"]).read_bytes())
        mock.get(answer["url"], status=answer["status"], headers=answer.get("headers", {}), body=body,
                 content_type=answer["type"])


def place(source_id: str, field: str) -> str:
    lines = NOTE.read_text(encoding="utf-8").splitlines()
    start = next(number for number, line in enumerate(lines, 1) if line == f"  - id: {source_id}")
    number = next(number for number in range(start, len(lines) + 1) if lines[number - 1].startswith(f"    {field}:"))
    return f"docs/notes/sources-note.md:{number}:{len(f'    {field}: ') + 1}"


GONE = ("find where the source now lives, or another primary source that says the same, and log the change; "
        "if none says it, remove the statement")
EXPECTED = [
    (("gone", "url"), f"sources[2].url https://docs.example.org/gone is gone (410 Gone); {GONE}"),
    (("moved", "url"), "sources[3].url https://docs.example.org/old has moved for good to "
                       "https://docs.example.org/new; confirm the passage there, then cite the new address and set "
                       "accessed to that day"),
    (("changed", "passage"), 'sources[4].passage is no longer found on https://docs.example.org/changed (confirmed '
                             '2026-11-20); the closest text there now: "The library supports two GPU vendors. A"; '
                             "re-read the source: correct the passage and set accessed to the day you confirm it, "
                             "or, if the source no longer says it, correct the note and log the change"),
    (("missing", "url"), f"sources[5].url https://docs.example.org/missing is gone (404 Not Found); {GONE}"),
    (("busy", "url"), "sources[6].url https://busy.example.com/page not checked: busy.example.com is limiting "
                      "requests (429 Too Many Requests, retry after 120 seconds); run make freshness again later"),
    (("slow", "url"), "sources[7].url https://slow.example.net/page not checked: slow.example.net did not answer "
                      "within 20 seconds; run make freshness again later"),
    (("paper", "url"), "sources[8].url https://docs.example.org/paper.pdf not checked: the page is application/pdf, "
                       "not HTML or text; confirm the passage by hand"),
    (("huge", "url"), "sources[9].url https://big.example.com/page not checked: the page is larger than 64 KiB, "
                      "more than the watch reads of a page; confirm the passage by hand"),
]


def expected_drift() -> list[str]:
    """What the drift watch reports for the fixture's note whose sources drifted, in order."""
    return [f"{place(*where)}: {message}" for where, message in EXPECTED]
