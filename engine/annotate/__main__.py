"""The engine's commands: check a site, or write the build tree a builder then publishes.

    python -m annotate check annotate.yml   every problem of the notes, the catalog and the article; no output
    python -m annotate tree annotate.yml    the same checks, then the build tree (the builder's docs_dir)

Both print every problem as `path:line:col: message` and exit 1; under GitHub Actions they also print
each as a workflow annotation. `make check`, `make build` and `make zensical` run them.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .generate import counts, prepare, write_site
from .problems import Problems
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotate", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("check", "tree"))
    parser.add_argument("config", type=Path, help="the engine's settings for the site, such as annotate.yml")
    arguments = parser.parse_args(argv)
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
