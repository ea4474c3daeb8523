"""The engine's commands: check a site, or write the build tree a builder then publishes.

    python -m annotate check annotate.yml   every problem of the notes, the catalog and the article; no output
    python -m annotate tree annotate.yml    the same checks, then the build tree (the builder's docs_dir)
    python -m annotate review --base REF annotate.yml
                                            the review gate: what HEAD changes since REF, as a report

All print every problem as `path:line:col: message` and exit 1; under GitHub Actions they also print
each as a workflow annotation. `make check`, `make build` and `make zensical` run the first two; the
pull-request workflow runs `review` with the base branch's engine (`scripts/review.sh`, `make review`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .gate import Outcome, review_pull_request
from .generate import counts, prepare, write_site
from .problems import Problems
from .review import shown
from .settings import Settings, open_settings


def run(command: str, settings: Settings | Problems) -> tuple[Problems, str]:
    """What `command` found, and the line it prints when all is well."""
    if isinstance(settings, Problems):
        return settings, ""
    if command == "tree":
        settings.tree.mkdir(parents=True, exist_ok=True)  # so that `make serve` starts, to show the problems
    site = prepare(settings)
    if isinstance(site, Problems):
        return site, ""
    if command == "tree":
        write_site(site)
        return Problems(), f"wrote {settings.shown(settings.tree)}: {counts(site)}"
    return Problems(), f"ok: {counts(site)}"


def review_command(config: Path, base: str, head: str) -> int:
    """The review gate: the report to the log and the job summary, the problems as `make check` prints them."""
    outcome = review_pull_request(config, base, head)
    if outcome.report:
        print(outcome.report)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as file:
            file.write(outcome.report or stopped_report(outcome))
    if outcome.stop:
        print(f"review: {outcome.stop}", file=sys.stderr)
    if outcome.problems:
        print(outcome.problems.report("the pull request cannot be merged as it is."), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS"):
            for problem in outcome.problems.sorted():
                print(problem.github_annotation())
    return 1 if outcome.stop or outcome.problems else 0


def stopped_report(outcome: Outcome) -> str:
    """The job summary of a review that could not be made: why, and the problems that stopped it."""
    lines = ["# Review of the notes and data", "", f"The review could not be made: {shown(outcome.stop, 1000)}", ""]
    lines += [f"- `{shown(str(problem), 400, code=True)}`" for problem in outcome.problems.sorted()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotate", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("check", "tree", "review"))
    parser.add_argument("config", type=Path, help="the engine's settings for the site, such as annotate.yml")
    parser.add_argument("--base", help="review: the branch or commit the pull request is made against")
    parser.add_argument("--head", default="HEAD", help="review: the pull request's commit (default HEAD)")
    arguments = parser.parse_args(argv)
    if arguments.command == "review":
        if not arguments.base:
            parser.error("review needs --base, the branch or commit the pull request is made against")
        return review_command(arguments.config, arguments.base, arguments.head)
    problems, done = run(arguments.command, open_settings(arguments.config))
    if problems:
        outcome = "fix them and run make check again." if arguments.command == "check" else "the site was not built."
        print(problems.report(outcome), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS"):
            for problem in problems.shown():
                print(problem.github_annotation())
        return 1
    print(done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
