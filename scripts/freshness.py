"""Compare the crate catalog and the notes with what is true today: `make freshness`.

Lists each catalog entry whose recorded latest release is behind crates.io (or GitHub releases),
each version a note cites that crates.io has yanked, each note whose sources were not re-read
for longer than the review threshold, and each cited source that drifted (moved for good, gone, or
no longer saying its passage; see annotate/sourcewatch.py), one `path:line:col: message` each,
then exits 1. When there
is nothing to list it prints one "all fresh" line and exits 0. With --open-issue (the weekly
workflow) it also opens, updates or closes the one GitHub issue that carries the list, and then
fails only if that issue could not be kept up to date.

The notes and the catalog are loaded and checked as `make check` loads them. If they have a
problem, it prints them as `make check` does, asks nothing of the network and exits 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from annotate import freshness, sourcewatch
from annotate.problems import Problems
from annotate.project import contributor_markdown, load_content
from annotate.releases import crates_io_api, crates_io_releases, github_api, github_latest_release
from annotate.settings import open_settings
from annotate.tracking_issue import RELEASES, SOURCES, sync_issue
from annotate.webapi import JsonApi, PageReader, user_agent

ROUTINE = 'CONTRIBUTING.md, "Keeping notes fresh", says what to do with each.'
UNREAD = "fix them and run make freshness again."


def main(
    argv: list[str] | None = None,
    *,
    crates_io: JsonApi | None = None,
    github: JsonApi | None = None,
    pages: PageReader | None = None,
) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", nargs="?", default=Path(__file__).resolve().parents[1] / "annotate.yml", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(),
                        help="the day to measure review ages from, and that no date in a note may be later "
                             "than, YYYY-MM-DD (default: today)")
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
        print(site.report(UNREAD), file=sys.stderr)
        return 1
    # The notes and the catalog loaded and checked as `make check` loads them; nothing is asked of the
    # network until they load without a problem.
    content = load_content(site, contributor_markdown(site), arguments.today)
    if content.problems:
        print(content.problems.report(UNREAD), file=sys.stderr)
        return 1
    entries, citations, reviews = freshness.watched(content.catalog.values(), content.notes)
    agent = user_agent(site.name, os.environ.get("REPO_URL"))
    crates_io = crates_io or crates_io_api(agent)
    github = github or github_api(agent, token)
    releases = freshness.watch(
        entries, citations, reviews,
        catalog_path=site.shown(site.catalog),
        today=arguments.today,
        crates_io=lambda name: crates_io_releases(crates_io, name),
        github=lambda owner, name: github_latest_release(github, owner, name),
    )
    sources = sourcewatch.cited_sources(content.notes)
    drift = sourcewatch.drift(sources, (pages or PageReader(agent)).read)
    problems = Problems()
    problems.extend(releases)
    problems.extend(drift)
    print(problems.report(ROUTINE) if problems else
          f"{freshness.all_fresh(entries, citations, reviews)}, {_sources(len(sources))} unchanged")
    if arguments.open_issue:
        # The issue carries the list from here on: the run fails only if the issue cannot be kept.
        sections = [(RELEASES, [str(problem) for problem in releases.shown()]),
                    (SOURCES, [str(problem) for problem in drift.shown()])]
        try:
            print(sync_issue(github, repository, sections, arguments.today))
        except freshness.RequestFailed as failure:
            print(f"could not update the freshness issue: {failure.message}", file=sys.stderr)
            return 1
        return 0
    return 1 if problems else 0


def _sources(count: int) -> str:
    return f"{count} cited source{'' if count == 1 else 's'}"


if __name__ == "__main__":
    sys.exit(main())
