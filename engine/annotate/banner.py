"""A visible notice on every page of the last good site, for `make serve` when a rebuild fails.

MkDocs empties the site folder before it builds, so a build that fails late leaves no pages: then
the notice becomes the page itself, at / and for every address (MkDocs serves 404.html for them).
"""

from __future__ import annotations

import re
from pathlib import Path

from .problems import printable
from .templating import render

_BODY = re.compile(r"<body\b[^>]*>")
_OLD = re.compile(r'<div class="ann-build-failed".*?</div>\n', re.DOTALL)
# Inline styles: the page's own stylesheet may be the thing that failed to build.
_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:1em 1.5em;background:#b71c1c;color:#fff;"
    "font:14px/1.5 system-ui,sans-serif;max-height:50vh;overflow:auto"
)


MAX_LINES = 100  # of the report, on every page
MAX_LINE_CHARACTERS = 500


def banner(report: str) -> str:
    return render("build-failed.html", style=_STYLE, report=capped(report)) + "\n"


def capped(report: str) -> str:
    """The report as the notice shows it: at most MAX_LINES lines of at most MAX_LINE_CHARACTERS, each escaped as
    a problem is (`problems.printable`), then how many more the terminal has."""
    lines = report.splitlines()
    shown = [printable(line if len(line) <= MAX_LINE_CHARACTERS else line[:MAX_LINE_CHARACTERS - 1] + "…")
             for line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        shown.append(f"… and {len(lines) - MAX_LINES} more lines: the terminal that runs make serve shows them all")
    return "\n".join(shown)


def mark_site(site_dir: Path, report: str) -> None:
    """Put `report` at the top of every page in `site_dir`, replacing a notice left by an earlier failure.

    Where the build left no home page or no 404 page, the notice is written as that page.
    """
    notice = banner(report)
    for page in site_dir.rglob("*.html"):
        if page.is_symlink():
            continue
        html = _OLD.sub("", page.read_text(encoding="utf-8"), count=1)
        marked, found = _BODY.subn(lambda body: body.group(0) + notice, html, count=1)
        if found:
            page.write_text(marked, encoding="utf-8")
    site_dir.mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "404.html"):
        if not (site_dir / name).exists():
            (site_dir / name).write_text(
                f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head>'
                f"<body>{notice}</body></html>\n",
                encoding="utf-8",
            )
