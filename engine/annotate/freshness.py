"""The freshness watch: what the catalog and the notes record, compared with what is true today.

Pure logic: it takes the catalog and the notes as the engine loaded and checked them (`project.py`),
asks the release lookups it is given (see `releases.py` for the real ones), and returns located
problems. Which release counts as "the newest" is decided here:

- crates.io: the highest version by semantic-versioning order among versions that are not
  yanked. Pre-releases count only when the catalog itself records a pre-release (a project
  followed through its release candidates) or when the crate has no stable release at all. The order
  decides, not the publication date, so a patch to an older line never counts as newer.
- GitHub releases: the release GitHub marks as latest (never a draft or a pre-release). Its tag
  is read as a version when it ends in one (`v0.3.1`, `cust-v0.3.1`); otherwise its date decides.

The version decides whether an entry is behind. Dates are shown beside the versions to help the
maintainer, not compared, since a tag and its upload to crates.io can fall on different days.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .catalog import Crate
from .notes import Note
from .problems import Problems

REVIEW_MAX_AGE = timedelta(days=90)  # a note not reviewed for longer than this is listed

CRATES_IO = "crates-io"
GITHUB = "github"

_SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
)
# A version at the end of a release tag, after a `v` or a name: `v0.3.1`, `cust-v0.3.1`, `0.3.1`.
_TAG_VERSION = re.compile(r"(?:^|[^0-9A-Za-z.])v?(\d[^\s]*)$")
_GITHUB_REPOSITORY = re.compile(r"https://github\.com/([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?")


@dataclass(frozen=True)
class Version:
    """A semantic version; `key` orders versions by the precedence rules of semver.org (section 11)."""

    text: str
    key: tuple[Any, ...]

    @property
    def prerelease(self) -> bool:
        return self.key[1] == 0


def parse_version(text: str) -> Version | None:
    """The version written in `text`, or None if it is not MAJOR.MINOR.PATCH[-pre][+build]."""
    match = _SEMVER.fullmatch(text)
    if match is None:
        return None
    core = tuple(int(part) for part in match.group(1, 2, 3))
    pre = match.group(4)
    if pre is None:
        return Version(text, (core, 1, ()))
    # Numeric identifiers sort below alphanumeric ones; a longer list of equal identifiers sorts higher.
    identifiers = tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in pre.split("."))
    return Version(text, (core, 0, identifiers))


def tag_version(tag: str) -> Version | None:
    """The version a release tag ends with, if any."""
    match = _TAG_VERSION.search(tag)
    return parse_version(match.group(1)) if match else None


@dataclass(frozen=True)
class Release:
    """One release as its source shows it: version (or tag), day of release, whether it was yanked."""

    version: str
    date: str | None
    yanked: bool = False

    def shown(self) -> str:
        return f"{self.version}, published {self.date}" if self.date else self.version


class RequestFailed(Exception):
    """A web API could not be asked, or answered oddly; the message says so in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Entry:
    """What one catalog entry records about its releases, with the place to point at."""

    name: str
    releases: str
    repository: str
    latest: str | None
    latest_date: str | None
    latest_at: tuple[int, int]

    def recorded(self) -> str:
        return f"{self.latest} ({self.latest_date or 'no latest_date'})"


@dataclass(frozen=True)
class Citation:
    """A `crate@version` a note relies on, at the line where the note lists it."""

    path: str
    crate: str
    version: str
    at: tuple[int, int]


@dataclass(frozen=True)
class Review:
    """The day a note's sources were last re-read."""

    path: str
    reviewed: date
    at: tuple[int, int]


def watched(catalog: Iterable[Crate], notes: list[Note]) -> tuple[list[Entry], list[Citation], list[Review]]:
    """What the loaded catalog and notes record: each entry's latest release, each `crate@version` a note
    relies on, and each note's `reviewed` day, with the places to point at."""
    entries = [Entry(crate.name, crate.releases, crate.repository, crate.latest, crate.latest_date, crate.latest_at)
               for crate in catalog]
    citations = [
        Citation(note.path, *version.split("@", 1), note.position(f"versions[{index}]"))
        for note in notes for index, version in enumerate(note.versions, start=1)
    ]
    reviews = [Review(note.path, date.fromisoformat(note.reviewed), note.position("reviewed")) for note in notes]
    return entries, citations, reviews


def github_repository(url: str) -> tuple[str, str] | None:
    """(owner, name) of a https://github.com/owner/name address."""
    match = _GITHUB_REPOSITORY.fullmatch(url)
    return (match.group(1), match.group(2)) if match else None


def _find(releases: list[Release], version: Version) -> Release | None:
    return next((release for release in releases if (parsed := parse_version(release.version))
                 and parsed.key == version.key), None)


def newest(releases: list[Release], *, prereleases: bool) -> tuple[Version, Release] | None:
    """The highest version that is not yanked; pre-releases only when asked for."""
    candidates = [
        (parsed, release) for release in releases
        if not release.yanked and (parsed := parse_version(release.version))
        and (prereleases or not parsed.prerelease)
    ]
    return max(candidates, key=lambda pair: pair[0].key, default=None)


def crates_io_message(entry: Entry, releases: list[Release]) -> str | None:
    """What is wrong with the entry's recorded release, compared with crates.io's versions."""
    recorded = parse_version(entry.latest) if entry.latest is not None else None
    # A crate with nothing but pre-releases is compared with its pre-releases.
    found = newest(releases, prereleases=recorded is not None and recorded.prerelease) or newest(
        releases, prereleases=True)
    if found is None:
        return f"{entry.name}: crates.io lists no release that is not yanked; check the crate's page and its status"
    top, release = found
    if entry.latest is None:
        return (f"{entry.name}: no latest version recorded; crates.io's newest is {release.shown()}: "
                "add latest and latest_date after reading its release page")
    if recorded is None:
        return (f"{entry.name}: latest '{entry.latest}' is not a version such as 0.22.1; write the version alone "
                "(quoted if YAML would read it as a number) and its day in latest_date")
    listed = _find(releases, recorded)
    if listed is None:
        return (f"{entry.name}: crates.io lists no version {entry.latest}; its newest is {release.shown()}: "
                "correct latest, or set releases: github if the project publishes its releases elsewhere")
    if listed.yanked:
        return (f"{entry.name}: the recorded latest {entry.latest} is yanked on crates.io; its newest release is "
                f"{release.shown()}: find out why it was yanked, then record the newest release")
    if top.key > recorded.key:
        return (f"{entry.name} is behind: the catalog records {entry.recorded()}, crates.io has {release.shown()}; "
                "read the release notes, then update latest and latest_date, and any note that relies on it")
    return None


def github_message(entry: Entry, release: Release) -> str | None:
    """What is wrong with the entry's recorded release, compared with GitHub's latest release."""
    if entry.latest is None:
        return (f"{entry.name}: no latest version recorded; GitHub's latest release is {release.shown()}: "
                "add latest and latest_date after reading its release page")
    published, recorded = tag_version(release.version), parse_version(entry.latest)
    if published is not None and recorded is not None:
        behind = published.key > recorded.key
    elif release.version.removeprefix("v") == entry.latest.removeprefix("v"):
        behind = False
    elif release.date and entry.latest_date:
        behind = release.date > entry.latest_date
    else:
        return (f"{entry.name}: GitHub's latest release is tagged {release.version} and the catalog records "
                f"{entry.recorded()}; compare them on the release page and update latest and latest_date")
    if behind:
        return (f"{entry.name} is behind: the catalog records {entry.recorded()}, GitHub's latest release is "
                f"{release.shown()}; read the release notes, then update latest and latest_date, "
                "and any note that relies on it")
    return None


def citation_message(citation: Citation, releases: list[Release]) -> str | None:
    """A note's cited version that crates.io has yanked or never listed."""
    cited = f"{citation.crate}@{citation.version}"
    version = parse_version(citation.version)
    listed = _find(releases, version) if version else None
    if listed is None:
        return f"cites {cited}, but crates.io lists no version {citation.version} of {citation.crate}; correct it"
    if listed.yanked:
        return (f"cites {cited}, which crates.io marks as yanked; find out why (the crate's changelog or issues), "
                "correct the note, and add a changes entry saying what changed")
    return None


def review_message(review: Review, today: date) -> str | None:
    """A note whose sources were last re-read longer ago than REVIEW_MAX_AGE."""
    age = today - review.reviewed
    if age <= REVIEW_MAX_AGE:
        return None
    return (f"reviewed {review.reviewed}, {age.days} days ago (more than {REVIEW_MAX_AGE.days}); re-read every "
            "source, correct what changed with a changes entry, then set accessed and reviewed to that day")


def watch(
    entries: list[Entry],
    citations: list[Citation],
    reviews: list[Review],
    *,
    catalog_path: str,
    today: date,
    crates_io: Callable[[str], list[Release]],
    github: Callable[[str, str], Release],
) -> Problems:
    """Every finding: entries behind their source, yanked cited versions, notes not reviewed lately.

    Each cited crate is an entry of the catalog, as loading the notes makes sure. `crates_io(name)`
    and `github(owner, name)` raise RequestFailed when they cannot answer; that is reported once, at
    the crate's catalog entry, and the other crates are still checked.
    """
    problems = Problems()
    answers: dict[str, list[Release] | RequestFailed] = {}
    for name in (entry.name for entry in entries if entry.releases == CRATES_IO):  # each asked once, in order
        try:
            answers[name] = crates_io(name)
        except RequestFailed as failure:
            answers[name] = failure
    for entry in entries:
        if entry.releases == GITHUB:
            message = _github_entry(entry, github)
        else:
            answer = answers[entry.name]
            message = (f"{entry.name}: not checked: {answer.message}"
                       if isinstance(answer, RequestFailed) else crates_io_message(entry, answer))
        if message:
            problems.add(catalog_path, *entry.latest_at, message)
    for citation in citations:
        answer = answers.get(citation.crate)
        # None: a crate followed through GitHub releases, where nothing is yanked.
        if answer is None or isinstance(answer, RequestFailed):
            continue
        message = citation_message(citation, answer)
        if message:
            problems.add(citation.path, *citation.at, message)
    for review in reviews:
        message = review_message(review, today)
        if message:
            problems.add(review.path, *review.at, message)
    return problems


def _github_entry(entry: Entry, github: Callable[[str, str], Release]) -> str | None:
    repository = github_repository(entry.repository)
    if repository is None:
        return (f"{entry.name}: releases: github needs a repository on GitHub, such as "
                f"https://github.com/owner/name, not '{entry.repository}'")
    try:
        return github_message(entry, github(*repository))
    except RequestFailed as failure:
        return f"{entry.name}: not checked: {failure.message}"


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def all_fresh(entries: list[Entry], citations: list[Citation], reviews: list[Review]) -> str:
    """The one line printed when there is nothing to do."""
    return (f"all fresh: {_count(len(entries), 'crate')} at their latest release, "
            f"{_count(len(citations), 'cited version')} not yanked, "
            f"{_count(len(reviews), 'note')} reviewed within {REVIEW_MAX_AGE.days} days")
