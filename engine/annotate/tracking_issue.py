"""The one GitHub issue that lists what the freshness watch found: opened, updated, or closed when all is fresh."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .freshness import RequestFailed
from .webapi import JsonApi

ISSUE_TITLE = "Freshness watch: releases and reviews to check"
MAX_PAGES = 10  # open issues are searched 100 at a time, at most this many pages


def issue_body(lines: list[str]) -> str:
    """The issue's text: the findings verbatim in a code block, and where the routine is described."""
    longest_run = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest_run + 1)
    count = f"{len(lines)} thing{'s' if len(lines) != 1 else ''}"
    return "\n".join([
        f"`make freshness` lists {count} to check:",
        "",
        f"{fence}text",
        *lines,
        fence,
        "",
        'What to do with each kind of finding is in CONTRIBUTING.md, under "Keeping notes fresh". '
        "The weekly freshness workflow keeps this list current and closes the issue when nothing is left.",
    ])


def _not_found(repository: str) -> str:
    return (f"GitHub has no repository {repository}, or the token cannot see it; "
            "check GITHUB_REPOSITORY and the workflow's permissions")


def find_open_issue(api: JsonApi, repository: str) -> dict[str, Any] | None:
    """The open issue titled ISSUE_TITLE, if there is one (pull requests are not issues here)."""
    for page in range(1, MAX_PAGES + 1):
        items = api.request("GET", f"repos/{repository}/issues?state=open&per_page=100&page={page}",
                            not_found=_not_found(repository))
        if not isinstance(items, list):
            raise RequestFailed("GitHub's list of issues is not a list; its API may have changed")
        for item in items:
            if (isinstance(item, dict) and item.get("title") == ISSUE_TITLE and "pull_request" not in item
                    and isinstance(item.get("number"), int)):
                return item
        if len(items) < 100:
            break
    return None


def sync_issue(api: JsonApi, repository: str, lines: list[str], today: date) -> str:
    """Open, update or close the issue so that it shows `lines`; says what was done."""
    issue = find_open_issue(api, repository)
    issues = f"repos/{repository}/issues"
    if not lines:
        if issue is None:
            return "no freshness issue is open; nothing to close"
        number = issue["number"]
        api.request("POST", f"{issues}/{number}/comments", not_found=_not_found(repository),
                    body={"body": f"All fresh on {today}: nothing left to check."})
        api.request("PATCH", f"{issues}/{number}", not_found=_not_found(repository),
                    body={"state": "closed", "state_reason": "completed"})
        return f"closed issue #{number}: all fresh"
    body = issue_body(lines)
    if issue is None:
        created = api.request("POST", issues, not_found=_not_found(repository),
                              body={"title": ISSUE_TITLE, "body": body})
        number = created.get("number") if isinstance(created, dict) else None
        return f"opened issue #{number} listing {len(lines)} findings"
    number = issue["number"]
    if (issue.get("body") or "").replace("\r\n", "\n").strip() == body.strip():
        return f"issue #{number} already lists these {len(lines)} findings"
    api.request("PATCH", f"{issues}/{number}", not_found=_not_found(repository), body={"body": body})
    api.request("POST", f"{issues}/{number}/comments", not_found=_not_found(repository),
                body={"body": f"The list changed on {today}: {len(lines)} things to check now."})
    return f"updated issue #{number}: now {len(lines)} findings"
