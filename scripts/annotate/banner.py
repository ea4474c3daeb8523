"""A visible notice on every page of the last good site, for `make serve` when a rebuild fails."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

_BODY = re.compile(r"<body\b[^>]*>")
_OLD = re.compile(r'<div class="ann-build-failed".*?</div>\n', re.DOTALL)
# Inline styles: the page's own stylesheet may be the thing that failed to build.
_STYLE = (
    "position:sticky;top:0;z-index:1000;margin:0;padding:1em 1.5em;background:#b71c1c;color:#fff;"
    "font:14px/1.5 system-ui,sans-serif;max-height:50vh;overflow:auto"
)


def banner(report: str) -> str:
    return (
        f'<div class="ann-build-failed" role="alert" style="{_STYLE}">'
        "<p style=\"margin:0 0 .5em;font-weight:bold\">The last change did not build. This is the last version "
        "that did; fix what is listed and save, and this page reloads.</p>"
        f'<pre style="margin:0;white-space:pre-wrap;font:inherit">{escape(report)}</pre></div>\n'
    )


def mark_site(site_dir: Path, report: str) -> None:
    """Put `report` at the top of every page in `site_dir`, replacing a notice left by an earlier failure."""
    notice = banner(report)
    for page in site_dir.rglob("*.html"):
        if page.is_symlink():
            continue
        html = _OLD.sub("", page.read_text(encoding="utf-8"), count=1)
        marked, found = _BODY.subn(lambda body: body.group(0) + notice, html, count=1)
        if found:
            page.write_text(marked, encoding="utf-8")
