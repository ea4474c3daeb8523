"""The one GitHub issue that lists what the freshness watch found: opened, updated, or closed when all is fresh.

The watch touches no issue but its own: one that the token's own account opened (its login asked of GitHub's
GraphQL API, which answers for a personal token and for the Actions token alike) and that carries the label
LABEL, which the watch sets when it opens the issue. An issue someone else opened, or one without the label,
is never edited, commented on or closed, whatever its title.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import quote

from .freshness import RequestFailed
from .webapi import JsonApi

ISSUE_TITLE = "Freshness watch: releases and reviews to check"
LABEL = "freshness-watch"
MAX_PAGES = 10  # open issues are searched 100 at a time, at most this many pages
RELEASES = "Releases, yanked versions and reviews"
SOURCES = "Sources that drifted"


def issue_body(sections: list[tuple[str, list[str]]]) -> str:
    """The issue's text: each non-empty section's findings verbatim in a code block, and where the routine is."""
    lines = [line for _, found in sections for line in found]
    longest_run = max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest_run + 1)
    count = f"{len(lines)} thing{'s' if len(lines) != 1 else ''}"
    text = [f"`make freshness` lists {count} to check:"]
    for heading, found in sections:
        if found:
            text += ["", f"### {heading} ({len(found)})", "", f"{fence}text", *found, fence]
    return "\n".join([
        *text,
        "",
        'What to do with each kind of finding is in CONTRIBUTING.md, under "Keeping notes fresh". '
        "The weekly freshness workflow keeps this list current and closes the issue when nothing is left.",
    ])


def _not_found(repository: str) -> str:
    return (f"GitHub has no repository {repository}, or the token cannot see it; "
            "check GITHUB_REPOSITORY and the workflow's permissions")


def token_login(api: JsonApi) -> str:
    """The login of the account the token acts for: a person, or a bot such as github-actions[bot]."""
    answer = api.request("POST", "graphql", not_found="GitHub's GraphQL API was not found",
                         body={"query": "query { viewer { login } }"})
    login = answer.get("data", {}).get("viewer", {}).get("login") if isinstance(answer, dict) else None
    if not isinstance(login, str) or not login:
        raise RequestFailed("GitHub did not say whose token this is (no viewer login); the token may be invalid")
    return login


def _is_own(item: Any, login: str) -> bool:
    """An open issue (not a pull request) that `login` opened and that carries LABEL."""
    if not isinstance(item, dict) or "pull_request" in item or not isinstance(item.get("number"), int):
        return False
    author = item.get("user", {}).get("login") if isinstance(item.get("user"), dict) else None
    labels = {label.get("name") for label in item.get("labels", []) if isinstance(label, dict)}
    return author == login and LABEL in labels


def find_open_issue(api: JsonApi, repository: str, login: str) -> dict[str, Any] | None:
    """The open issue this watch opened: by `login`, with LABEL."""
    for page in range(1, MAX_PAGES + 1):
        items = api.request(
            "GET", f"repos/{repository}/issues?state=open&labels={LABEL}&creator={quote(login)}&per_page=100"
                   f"&page={page}",
            not_found=_not_found(repository))
        if not isinstance(items, list):
            raise RequestFailed("GitHub's list of issues is not a list; its API may have changed")
        # The query already asks for both; each issue is checked again, since only the watch's own may change.
        own = next((item for item in items if _is_own(item, login)), None)
        if own is not None:
            return own
        if len(items) < 100:
            break
    return None


def sync_issue(api: JsonApi, repository: str, sections: list[tuple[str, list[str]]], today: date) -> str:
    """Open, update or close the watch's own issue so that it shows the findings; says what was done."""
    login = token_login(api)
    issue = find_open_issue(api, repository, login)
    issues = f"repos/{repository}/issues"
    count = sum(len(found) for _, found in sections)
    if not count:
        if issue is None:
            return "no freshness issue of this watch is open; nothing to close"
        number = issue["number"]
        api.request("POST", f"{issues}/{number}/comments", not_found=_not_found(repository),
                    body={"body": f"All fresh on {today}: nothing left to check."})
        api.request("PATCH", f"{issues}/{number}", not_found=_not_found(repository),
                    body={"state": "closed", "state_reason": "completed"})
        return f"closed issue #{number}: all fresh"
    body = issue_body(sections)
    if issue is None:
        created = api.request("POST", issues, not_found=_not_found(repository),
                              body={"title": ISSUE_TITLE, "body": body, "labels": [LABEL]})
        number = created.get("number") if isinstance(created, dict) else None
        if not isinstance(number, int):
            raise RequestFailed("GitHub's answer to opening the issue has no issue number; its API may have changed")
        if LABEL not in {label.get("name") for label in created.get("labels", []) if isinstance(label, dict)}:
            # GitHub drops labels it will not set on a new issue; without the label the next run would not
            # recognise the issue as its own, so the label is added on its own, or the run fails.
            api.request("POST", f"{issues}/{number}/labels", not_found=_not_found(repository),
                        body={"labels": [LABEL]})
        return f"opened issue #{number} listing {count} findings"
    number = issue["number"]
    if (issue.get("body") or "").replace("\r\n", "\n").strip() == body.strip():
        return f"issue #{number} already lists these {count} findings"
    api.request("PATCH", f"{issues}/{number}", not_found=_not_found(repository), body={"body": body})
    api.request("POST", f"{issues}/{number}/comments", not_found=_not_found(repository),
                body={"body": f"The list changed on {today}: {count} things to check now."})
    return f"updated issue #{number}: now {count} findings"
