"""Where the freshness watch looks releases up: crates.io's crate API and GitHub's latest release."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from .freshness import Release, RequestFailed
from .webapi import JsonApi

CRATES_IO_API = "https://crates.io/api/v1/"
GITHUB_API = "https://api.github.com/"
# crates.io's crawler policy allows at most one request a second, from a program that names itself.
CRATES_IO_INTERVAL_SECONDS = 1.0


def crates_io_api(user_agent: str, **options: Any) -> JsonApi:
    return JsonApi(
        "crates.io", CRATES_IO_API, {"User-Agent": user_agent, "Accept": "application/json"},
        rate_limit_advice="run make freshness again later",
        interval=CRATES_IO_INTERVAL_SECONDS, **options,
    )


def github_api(user_agent: str, token: str | None, **options: Any) -> JsonApi:
    headers = {"User-Agent": user_agent, "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
        advice = "run make freshness again after the limit resets, within the hour"
    else:
        advice = ("run make freshness again after the limit resets, within the hour, "
                  "or set GITHUB_TOKEN to a GitHub token for a higher limit")
    return JsonApi("GitHub", GITHUB_API, headers, rate_limit_advice=advice, **options)


def _day(service: str, timestamp: Any) -> str:
    """The YYYY-MM-DD day of an ISO 8601 timestamp, as the service wrote it (UTC for both)."""
    day = timestamp[:10] if isinstance(timestamp, str) else ""
    try:
        date.fromisoformat(day)
    except ValueError:
        raise RequestFailed(
            f"{service}'s answer has a release date '{timestamp}' that is not a date; its API may have changed"
        ) from None
    return day


def crates_io_releases(api: JsonApi, name: str) -> list[Release]:
    """Every version crates.io lists for the crate, yanked ones included."""
    payload = api.request("GET", f"crates/{quote(name, safe='')}?include=versions", not_found=(
        f"crates.io has no crate named '{name}'; check the name, or set releases: github "
        "if the project is not published there"
    ))
    versions = payload.get("versions") if isinstance(payload, dict) else None
    if not isinstance(versions, list) or not versions:
        raise RequestFailed("crates.io's answer has no list of versions; its API may have changed")
    releases = []
    for item in versions:
        if not (isinstance(item, dict) and isinstance(item.get("num"), str) and isinstance(item.get("yanked"), bool)):
            raise RequestFailed("crates.io's answer lists a version without its number or yanked flag; "
                               "its API may have changed")
        releases.append(Release(item["num"], _day("crates.io", item.get("created_at")), item["yanked"]))
    return releases


def github_latest_release(api: JsonApi, owner: str, repository: str) -> Release:
    """The release GitHub marks as latest: the newest that is neither a draft nor a pre-release."""
    payload = api.request("GET", f"repos/{quote(owner)}/{quote(repository)}/releases/latest", not_found=(
        f"GitHub shows no published release of {owner}/{repository}, or no such repository; check repository, "
        "or use releases: crates-io if the project publishes its releases there"
    ))
    tag = payload.get("tag_name") if isinstance(payload, dict) else None
    if not isinstance(tag, str) or not tag:
        raise RequestFailed("GitHub's answer has no release tag; its API may have changed")
    published = payload.get("published_at")
    return Release(tag, _day("GitHub", published) if published is not None else None)
