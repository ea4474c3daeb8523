"""The freshness watch's rules, without any network: versions, releases, citations and review ages."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from annotate.freshness import (
    REVIEW_MAX_AGE,
    Citation,
    Entry,
    Release,
    RequestFailed,
    Review,
    citation_message,
    crates_io_message,
    github_message,
    github_repository,
    parse_version,
    review_message,
    tag_version,
    watch,
    watched,
)
from helpers import load_project

TODAY = date(2026, 11, 29)
FIXTURE = Path(__file__).parent / "fixtures" / "freshness"


def entry(latest: str | None = "0.4.0", latest_date: str | None = "2026-06-01", **fields) -> Entry:
    values = {"name": "tensors", "releases": "crates-io", "repository": "https://github.com/o/tensors",
              "latest_at": (16, 5)}
    values.update(fields)
    return Entry(latest=latest, latest_date=latest_date, **values)


# semver.org, section 11: each version has lower precedence than the next.
SEMVER_ORDER = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0"]


def test_versions_follow_semver_precedence():
    keys = [parse_version(text).key for text in SEMVER_ORDER]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert parse_version("1.0.0+build.7").key == parse_version("1.0.0").key


@pytest.mark.parametrize("text", ["0.21.0, tagged 2023-08-14", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0-01", ""])
def test_what_is_not_a_version(text):
    assert parse_version(text) is None


@pytest.mark.parametrize(("tag", "version"), [
    ("v0.3.1", "0.3.1"), ("0.3.1", "0.3.1"), ("cust-v0.3.1", "0.3.1"), ("release/v2.0.0-rc.1", "2.0.0-rc.1"),
    ("nightly-2026-10-05", None), ("v1.2", None),
])
def test_release_tags_are_read_as_versions_when_they_end_in_one(tag, version):
    found = tag_version(tag)
    assert (found.text if found else None) == version


@pytest.mark.parametrize(("url", "expected"), [
    ("https://github.com/example-owner/example-kernels", ("example-owner", "example-kernels")),
    ("https://github.com/example-owner/example-kernels/", ("example-owner", "example-kernels")),
    ("https://github.com/example-owner/example-kernels.git", ("example-owner", "example-kernels")),
    ("https://codeberg.org/example-owner/example-kernels", None),
    ("https://github.com/example-owner", None),
])
def test_github_repository(url, expected):
    assert github_repository(url) == expected


RELEASES = [Release("0.5.0", "2026-10-20"), Release("0.4.0", "2026-06-01"), Release("0.3.0", "2025-12-11")]

CRATES_IO_CASES = {
    "up to date": (entry(latest="0.5.0"), RELEASES, None),
    "behind": (entry(), [*RELEASES[1:], Release("0.4.1", "2026-07-02")],
               "tensors is behind: the catalog records 0.4.0 (2026-06-01), crates.io has 0.4.1, published 2026-07-02; "
               "read the release notes, then update latest and latest_date, and any note that relies on it"),
    "newest by order, not date: a later patch to an older line is not newer": (
        entry(latest="0.5.0"), [*RELEASES, Release("0.4.2", "2026-11-01")], None),
    "a stable entry ignores newer pre-releases": (
        entry(latest="0.5.0"), [Release("0.6.0-alpha.1", "2026-11-01"), *RELEASES], None),
    "a stable entry ignores newer yanked releases": (
        entry(latest="0.5.0"), [Release("0.5.1", "2026-11-01", yanked=True), *RELEASES], None),
    "a pre-release entry is compared with pre-releases too": (
        entry(latest="2.0.0-rc.2"), [Release("2.0.0-rc.3", "2026-11-02"), Release("2.0.0-rc.2", "2026-10-12")],
        "tensors is behind: the catalog records 2.0.0-rc.2 (2026-06-01), crates.io has 2.0.0-rc.3, "
        "published 2026-11-02; read the release notes, then update latest and latest_date, "
        "and any note that relies on it"),
    "a pre-release entry is behind its stable release": (
        entry(latest="2.0.0-rc.2"), [Release("2.0.0", "2026-11-20"), Release("2.0.0-rc.2", "2026-10-12")],
        "tensors is behind: the catalog records 2.0.0-rc.2 (2026-06-01), crates.io has 2.0.0, "
        "published 2026-11-20; read the release notes, then update latest and latest_date, "
        "and any note that relies on it"),
    "no latest_date recorded": (
        entry(latest_date=None), [Release("0.5.0", "2026-10-20"), Release("0.4.0", "2026-06-01")],
        "tensors is behind: the catalog records 0.4.0 (no latest_date), crates.io has 0.5.0, published 2026-10-20; "
        "read the release notes, then update latest and latest_date, and any note that relies on it"),
    "no latest recorded": (
        entry(latest=None), RELEASES,
        "tensors: no latest version recorded; crates.io's newest is 0.5.0, published 2026-10-20: "
        "add latest and latest_date after reading its release page"),
    "a version number that is not MAJOR.MINOR.PATCH": (
        entry(latest="0.4"), RELEASES,
        "tensors: latest '0.4' is not a version such as 0.22.1; write the version alone "
        "(quoted if YAML would read it as a number) and its day in latest_date"),
    "a version crates.io does not list": (
        entry(latest="0.9.0"), RELEASES,
        "tensors: crates.io lists no version 0.9.0; its newest is 0.5.0, published 2026-10-20: "
        "correct latest, or set releases: github if the project publishes its releases elsewhere"),
    "the recorded version was yanked": (
        entry(latest="0.5.1"), [Release("0.5.1", "2026-11-01", yanked=True), *RELEASES],
        "tensors: the recorded latest 0.5.1 is yanked on crates.io; its newest release is 0.5.0, "
        "published 2026-10-20: find out why it was yanked, then record the newest release"),
    "a crate with nothing but pre-releases": (
        entry(latest="0.1.0"), [Release("0.2.0-alpha.1", "2026-11-01"), Release("0.1.0-alpha.3", "2026-06-01")],
        "tensors: crates.io lists no version 0.1.0; its newest is 0.2.0-alpha.1, published 2026-11-01: "
        "correct latest, or set releases: github if the project publishes its releases elsewhere"),
    "every release yanked": (
        entry(), [Release("0.4.0", "2026-06-01", yanked=True)],
        "tensors: crates.io lists no release that is not yanked; check the crate's page and its status"),
}


@pytest.mark.parametrize(("recorded", "releases", "expected"), CRATES_IO_CASES.values(), ids=CRATES_IO_CASES.keys())
def test_catalog_entry_compared_with_crates_io(recorded, releases, expected):
    assert crates_io_message(recorded, releases) == expected


GITHUB_CASES = {
    "tag behind": (entry(latest="0.3.0", latest_date="2026-07-01"), Release("v0.3.1", "2026-10-05"),
                   "tensors is behind: the catalog records 0.3.0 (2026-07-01), GitHub's latest release is v0.3.1, "
                   "published 2026-10-05; read the release notes, then update latest and latest_date, "
                   "and any note that relies on it"),
    "same version": (entry(latest="0.3.1"), Release("v0.3.1", "2026-10-05"), None),
    "the catalog records a newer pre-release": (entry(latest="0.4.0-rc.1"), Release("v0.3.1", "2026-10-05"), None),
    "a tag that is no version, released later": (
        entry(latest="1.2", latest_date="2026-07-01"), Release("nightly-2026-10-05", "2026-10-05"),
        "tensors is behind: the catalog records 1.2 (2026-07-01), GitHub's latest release is "
        "nightly-2026-10-05, published 2026-10-05; read the release notes, then update latest and latest_date, "
        "and any note that relies on it"),
    "a tag that is no version, not later": (
        entry(latest="1.2", latest_date="2026-10-05"), Release("nightly-2026-10-05", "2026-10-05"), None),
    "a tag of the recorded version, neither a semantic version": (
        entry(latest="1.2", latest_date=None), Release("v1.2", None), None),
    "a tag that is no version, without dates": (
        entry(latest="1.2", latest_date=None), Release("v1.3", None),
        "tensors: GitHub's latest release is tagged v1.3 and the catalog records 1.2 (no latest_date); "
        "compare them on the release page and update latest and latest_date"),
    "no latest recorded": (
        entry(latest=None), Release("v0.3.1", "2026-10-05"),
        "tensors: no latest version recorded; GitHub's latest release is v0.3.1, published 2026-10-05: "
        "add latest and latest_date after reading its release page"),
}


@pytest.mark.parametrize(("recorded", "release", "expected"), GITHUB_CASES.values(), ids=GITHUB_CASES.keys())
def test_catalog_entry_compared_with_github_releases(recorded, release, expected):
    assert github_message(recorded, release) == expected


def cite(version: str) -> Citation:
    return Citation("docs/notes/n.md", "tensors", version, (15, 5))


def test_cited_versions_yanked_or_unknown():
    releases = [Release("0.5.0", "2026-10-20"), Release("0.4.0", "2026-06-01", yanked=True)]
    assert citation_message(cite("0.5.0"), releases) is None
    assert citation_message(cite("0.4.0"), releases) == (
        "cites tensors@0.4.0, which crates.io marks as yanked; find out why (the crate's changelog or issues), "
        "correct the note, and add a changes entry saying what changed")
    assert citation_message(cite("0.9.0"), releases) == (
        "cites tensors@0.9.0, but crates.io lists no version 0.9.0 of tensors; correct it")
    assert citation_message(cite("latest"), releases) == (
        "cites tensors@latest, but crates.io lists no version latest of tensors; correct it")


def test_review_age_threshold_is_ninety_days_and_set_once():
    assert REVIEW_MAX_AGE.days == 90
    on_the_limit = Review("docs/notes/n.md", TODAY - REVIEW_MAX_AGE, (20, 11))
    assert review_message(on_the_limit, TODAY) is None
    assert review_message(Review("docs/notes/n.md", date(2026, 8, 30), (20, 11)), TODAY) == (
        "reviewed 2026-08-30, 91 days ago (more than 90); re-read every source, correct what changed with a "
        "changes entry, then set accessed and reviewed to that day")
    assert review_message(Review("docs/notes/n.md", date(2026, 12, 1), (20, 11)), TODAY) is None


def written_at(path: Path, at: tuple[int, int]) -> str:
    """The text of the file from the position (line, column) to the end of that line."""
    line, column = at
    return path.read_text(encoding="utf-8").splitlines()[line - 1][column - 1:]


def test_what_is_watched_comes_from_the_loaded_catalog_and_notes_with_their_positions():
    content = load_project(FIXTURE)
    assert not content.problems
    entries, citations, reviews = watched(content.catalog.values(), content.notes)
    catalog, notes = FIXTURE / "data" / "crates.yml", FIXTURE / "docs" / "notes"
    assert [(item.name, item.releases, item.latest, item.latest_date) for item in entries] == [
        ("example-tensors", "crates-io", "0.4.0", "2026-06-01"),
        ("example-autograd", "crates-io", "1.2.0", "2026-09-02"),
        ("example-kernels", "github", "0.3.0", "2026-07-01"),
        ("example-runtime", "crates-io", "2.0.0-rc.2", "2026-10-12"),
        ("example-missing", "crates-io", "0.1.0", "2024-03-09"),
        ("example-slow", "crates-io", "3.1.4", "2026-08-01"),
        ("example-busy", "crates-io", "0.9.0", "2026-08-01"),
        ("example-garbled", "crates-io", "0.2.0", "2026-08-01"),
    ]
    assert entries[2].repository == "https://github.com/example-owner/example-kernels"
    # Each entry points at its `latest` key.
    assert [written_at(catalog, item.latest_at) for item in entries] == [
        f"latest: {item.latest}" for item in entries]
    assert entries[0].latest_at == (16, 5)
    assert citations == [
        Citation("docs/notes/fresh-note.md", "example-autograd", "1.1.0", (17, 5)),
        Citation("docs/notes/fresh-note.md", "example-tensors", "0.4.0", (18, 5)),
    ]
    assert [written_at(notes / "fresh-note.md", item.at) for item in citations] == [
        "example-autograd@1.1.0", "example-tensors@0.4.0"]
    assert reviews == [
        Review("docs/notes/fresh-note.md", date(2026, 11, 20), (19, 11)),
        Review("docs/notes/sources-note.md", date(2026, 11, 20), (53, 11)),
        Review("docs/notes/stale-note.md", date(2026, 7, 1), (14, 11)),
    ]
    assert [written_at(FIXTURE / item.path, item.at) for item in reviews] == ["2026-11-20", "2026-11-20", "2026-07-01"]


def test_an_entry_without_latest_is_pointed_at_by_its_name(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    catalog = project / "data" / "crates.yml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("    latest: 0.3.0\n    latest_date: 2026-07-01\n", ""), encoding="utf-8")
    content = load_project(project)
    assert not content.problems
    kernels = watched(content.catalog.values(), content.notes)[0][2]
    assert (kernels.name, kernels.latest, kernels.latest_date, kernels.latest_at) == (
        "example-kernels", None, None, (31, 5))
    assert written_at(catalog, kernels.latest_at) == "name: example-kernels"


def test_a_failure_for_one_crate_does_not_stop_the_others():
    asked = []

    def crates_io(name):
        asked.append(name)
        if name == "broken":
            raise RequestFailed("crates.io answered 500 Internal Server Error; run make freshness again later")
        return RELEASES

    entries = [entry(name="broken"), entry(name="tensors", latest="0.5.0", latest_at=(19, 5))]
    citations = [Citation("docs/notes/n.md", "broken", "0.1.0", (15, 5)),
                 Citation("docs/notes/n.md", "tensors", "0.9.0", (16, 5))]
    problems = watch(entries, citations, [], catalog_path="data/crates.yml", today=TODAY,
                     crates_io=crates_io, github=lambda owner, name: pytest.fail("no GitHub entry"))
    assert asked == ["broken", "tensors"]
    # The failure is reported once, at the catalog entry, not again at the note that cites the crate.
    assert [str(problem) for problem in problems.sorted()] == [
        "data/crates.yml:16:5: broken: not checked: crates.io answered 500 Internal Server Error; "
        "run make freshness again later",
        "docs/notes/n.md:16:5: cites tensors@0.9.0, but crates.io lists no version 0.9.0 of tensors; correct it",
    ]


def test_a_github_entry_needs_a_repository_address_it_can_ask_about():
    # The catalog's schema lets this address through (it is on github.com); the releases API has no use for it.
    problems = watch([entry(releases="github", repository="https://github.com/o/tensors#readme")], [], [],
                     catalog_path="data/crates.yml", today=TODAY,
                     crates_io=lambda name: pytest.fail("not on crates.io"),
                     github=lambda owner, name: pytest.fail("not on GitHub"))
    assert [str(problem) for problem in problems.sorted()] == [
        "data/crates.yml:16:5: tensors: releases: github needs a repository on GitHub, such as "
        "https://github.com/owner/name, not 'https://github.com/o/tensors#readme'",
    ]
