"""Every page of the site as written, through the one allowlist: what it renders to, and its front matter.

A page is rendered with the site's own Markdown settings, as the builder renders it, and the HTML is
checked with the page policy of `allowlist.py`: the notes' rules, plus the page's top heading, its
sections, the classes the stylesheet gives meaning to and the markers of generated parts. Raw HTML a
page writes is refused unless it is that. The front matter may hold only what the theme shows as text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from .allowlist import PAGE, check_html
from .characters import describe, is_invisible
from .fields import located
from .problems import Problems

# What a page's front matter may set: its title and description (text, escaped where the theme prints
# them), which parts of Material's layout it hides, whether search lists it, and whether search engines
# may list it (`robots`, whose values are only those below).
FRONT_MATTER_KEYS = frozenset({"title", "description", "hide", "search", "robots"})
ROBOTS = frozenset({"noindex"})


def page_problems(
    shown: str, file_lines: list[str], html: str, markers: Iterable[str], meta: dict[str, Any]
) -> Problems:
    """A problem for everything in the page's HTML or front matter that the page policy does not allow."""
    problems = Problems()
    for key in sorted(set(meta) - FRONT_MATTER_KEYS, key=str):
        problems.add(shown, *located(file_lines, (1, 1), (f"{key}:",)), (
            f"the front matter sets '{key}'; a page sets only {', '.join(sorted(FRONT_MATTER_KEYS))}: remove it"
        ))
    if "robots" in meta and meta["robots"] not in ROBOTS:
        problems.add(shown, *located(file_lines, (1, 1), ("robots:",)), (
            f"the front matter's 'robots' is {meta['robots']!r}; it may only be one of "
            f"{', '.join(repr(value) for value in sorted(ROBOTS))}, or left out"
        ))
    for key in ("title", "description"):
        value = meta.get(key)
        if key in meta and not isinstance(value, str):
            problems.add(shown, *located(file_lines, (1, 1), (f"{key}:",)),
                         f"the front matter's '{key}' is not text; write it as words, in quotes if need be")
        elif isinstance(value, str) and (odd := next((c for c in value if is_invisible(c) and c != "\n"), None)):
            problems.add(shown, *located(file_lines, (1, 1), (f"{key}:",)), (
                f"the front matter's '{key}' contains {describe(odd)}, which a reader cannot see; delete it or "
                "type the character you meant"
            ))
    policy = dataclasses.replace(PAGE, comments=frozenset(markers))
    for finding in check_html(html, policy).findings:
        problems.add(shown, *located(file_lines, (1, 1), finding.needles), finding.message)
    return problems
