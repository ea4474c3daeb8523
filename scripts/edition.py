"""Name the next published edition of the site: `make edition`, run by the deploy workflow before it builds.

    python scripts/edition.py

Prints SITE_VERSION (the build day as YYYY.MM.DD, with .2, .3 ... after an earlier edition of the same
day, as the repository's v* tags show), SOURCE_DATE_EPOCH (the build time) and OFFLINE_ZIP (the dated file
`make offline` writes and `make release` attaches), one `NAME=value` a line. Under GitHub Actions it also
adds them to $GITHUB_ENV, for the steps that build the site and its offline copy, and the version and the
zip's name to $GITHUB_OUTPUT, for the job that tags the release.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

from annotate.edition import TAG_PREFIX, Edition, edition_from, next_version
from annotate.problems import Problems
from annotate.settings import open_settings

ROOT = Path(__file__).resolve().parents[1]


def existing_tags() -> list[str]:
    listed = subprocess.run(["git", "tag", "--list", f"{TAG_PREFIX}*"], capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        raise SystemExit(f"git tag --list failed: {listed.stderr.strip() or 'no output'}; run this in the repository")
    return listed.stdout.splitlines()


def main() -> int:
    environ = dict(os.environ)
    environ.setdefault("SOURCE_DATE_EPOCH", str(int(datetime.datetime.now(tz=datetime.timezone.utc).timestamp())))
    environ.pop("SITE_VERSION", None)
    edition = edition_from(environ)
    if not isinstance(edition, Edition):
        print(edition, file=sys.stderr)
        return 1
    settings = open_settings(ROOT / "annotate.yml")
    if isinstance(settings, Problems):
        print(settings.report("no edition was named."), file=sys.stderr)
        return 1
    version = next_version(datetime.date.fromisoformat(edition.built), existing_tags())
    offline_zip = edition.offline_zip(settings.name)
    lines = [f"SITE_VERSION={version}", f"SOURCE_DATE_EPOCH={environ['SOURCE_DATE_EPOCH']}",
             f"OFFLINE_ZIP={offline_zip}"]
    print("\n".join(lines))
    outputs = [f"version={version}", f"offline_zip={offline_zip}"]
    for variable, written in (("GITHUB_ENV", lines), ("GITHUB_OUTPUT", outputs)):
        if os.environ.get(variable):
            with open(os.environ[variable], "a", encoding="utf-8") as file:
                file.write("\n".join(written) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
