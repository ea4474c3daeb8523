"""Validate notes and the crate catalog without building the site: `make check`.

Runs the checks the build runs, with the same code: the article is rendered with the Markdown
settings of mkdocs.yml and every note is anchored in it. Prints every problem as
`path:line:col: message` and, under GitHub Actions, as workflow annotations too.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from annotate.validate import check_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", nargs="?", default=Path(__file__).resolve().parents[1] / "mkdocs.yml", type=Path)
    arguments = parser.parse_args(argv)
    problems, counts = check_site(arguments.config)
    if problems:
        print(problems.report("fix them and run make check again."), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS"):
            for problem in problems.sorted():
                print(problem.github_annotation())
        return 1
    print(f"ok: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
