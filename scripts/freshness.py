"""Compare the crate catalog and the notes with what is true today: `make freshness`.

Lists each catalog entry whose recorded latest release is behind crates.io (or GitHub releases),
each version a note cites that crates.io has yanked, and each note whose sources were not re-read
for longer than the review threshold, one `path:line:col: message` each, then exits 1. When there
is nothing to list it prints one "all fresh" line and exits 0. With --open-issue (the weekly
workflow) it also opens, updates or closes the one GitHub issue that carries the list, and then
fails only if that issue could not be kept up to date.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from annotate import freshness
from annotate.notes import split_front_matter
from annotate.problems import Problems
from annotate.releases import crates_io_api, crates_io_releases, github_api, github_latest_release
from annotate.settings import Settings, open_settings
from annotate.tracking_issue import sync_issue
from annotate.webapi import JsonApi, user_agent
from annotate.yamldoc import YamlSyntaxError, decode, parse_yaml

ROUTINE = 'CONTRIBUTING.md, "Keeping notes fresh", says what to do with each.'


def read_catalog(project: Settings) -> tuple[list[freshness.Entry], Problems]:
    shown = project.shown(project.catalog)
    problems = Problems()
    text = decode(project.catalog.read_bytes()) if project.catalog.is_file() else (1, 1, "the catalog is missing")
    if isinstance(text, tuple):
        problems.add(shown, *text)
        return [], problems
    try:
        document = parse_yaml(text)
    except YamlSyntaxError as error:
        problems.add(shown, error.line, error.column, f"{error.message}; run make check for details")
        return [], problems
    return freshness.read_catalog(document, shown)


def read_notes(project: Settings) -> tuple[list[freshness.Review], list[freshness.Citation], Problems]:
    """Each note's `reviewed` date and cited `versions`, read from its front matter."""
    reviews, citations, problems = [], [], Problems()
    for path in sorted(project.notes_dir.glob("*.md")):
        shown = project.shown(path)
        text = decode(path.read_bytes())
        if isinstance(text, tuple):
            problems.add(shown, *text)
            continue
        parts = split_front_matter(text)
        if isinstance(parts, tuple):
            problems.add(shown, parts[0], 1, f"{parts[1]}; run make check for details")
            continue
        try:
            document = parse_yaml(parts.yaml, parts.first_line)
        except YamlSyntaxError as error:
            problems.add(shown, error.line, error.column, f"{error.message}; run make check for details")
            continue
        if not isinstance(document.data, dict):
            problems.add(shown, parts.first_line, 1, "front matter is not YAML keys and values; run make check")
            continue
        review, cited, found = freshness.read_note(shown, document.data, document.position)
        reviews.extend([review] if review else [])
        citations.extend(cited)
        problems.extend(found)
    return reviews, citations, problems


def main(argv: list[str] | None = None, *, crates_io: JsonApi | None = None, github: JsonApi | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", nargs="?", default=Path(__file__).resolve().parents[1] / "annotate.yml", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(),
                        help="the day to measure review ages from, YYYY-MM-DD (default: today)")
    parser.add_argument("--open-issue", action="store_true",
                        help="also open, update or close the GitHub issue that lists the findings "
                             "(needs GITHUB_REPOSITORY and GITHUB_TOKEN, as GitHub Actions sets them)")
    arguments = parser.parse_args(argv)
    repository, token = os.environ.get("GITHUB_REPOSITORY"), os.environ.get("GITHUB_TOKEN") or None
    if arguments.open_issue and not (repository and token):
        print("--open-issue needs GITHUB_REPOSITORY (owner/name) and GITHUB_TOKEN; GitHub Actions sets both",
              file=sys.stderr)
        return 2
    site = open_settings(arguments.config)
    if isinstance(site, Problems):
        print(site.report("fix them and run make freshness again."))
        return 1
    agent = user_agent(site.name, os.environ.get("REPO_URL"))
    crates_io = crates_io or crates_io_api(agent)
    github = github or github_api(agent, token)
    entries, problems = read_catalog(site)
    reviews, citations, note_problems = read_notes(site)
    problems.extend(note_problems)
    problems.extend(freshness.watch(
        entries, citations, reviews,
        catalog_path=site.shown(site.catalog),
        today=arguments.today,
        crates_io=lambda name: crates_io_releases(crates_io, name),
        github=lambda owner, name: github_latest_release(github, owner, name),
    ))
    print(problems.report(ROUTINE) if problems else freshness.all_fresh(entries, citations, reviews))
    if arguments.open_issue:
        # The issue carries the list from here on: the run fails only if the issue cannot be kept.
        try:
            print(sync_issue(github, repository, [str(problem) for problem in problems.sorted()], arguments.today))
        except freshness.RequestFailed as failure:
            print(f"could not update the freshness issue: {failure.message}", file=sys.stderr)
            return 1
        return 0
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
