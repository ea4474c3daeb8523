"""Zip the offline copy so that it unpacks into one folder named with its build day.

    python scripts/offline_zip.py site-offline

`make offline` runs it after building the copy, with the same SOURCE_DATE_EPOCH, so the folder's date is
the date the copy's pages show. It writes `rust-ml-annotated-<YYYY-MM-DD>.zip` beside annotate.yml, which
unzips into `rust-ml-annotated-<YYYY-MM-DD>/index.html`; `make edition` names the same file for the release.
"""

from __future__ import annotations

import os
import re
import sys
import zipfile
from pathlib import Path

from annotate.edition import Edition, edition_from
from annotate.problems import Problems
from annotate.settings import open_settings

ROOT = Path(__file__).resolve().parents[1]
# A path every unzip tool, on every system, reads as the same file inside the one folder.
SAFE_PATH = re.compile(r"^(?!.*(?:^|/)\.\.?(?:/|$))[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*$")


class UnsafeName(ValueError):
    """A file of the site whose name an unzip tool could read as another place."""


def write_offline_zip(site: Path, target: Path, edition: Edition, name: str) -> int:
    """Write `site` into the zip `target` under the folder of the site called `name` and its edition; returns how
    many files it holds."""
    files = sorted(path for path in site.rglob("*") if path.is_file())
    for path in files:
        if not SAFE_PATH.match(path.relative_to(site).as_posix()) or path.is_symlink():
            raise UnsafeName(f"{path.relative_to(site).as_posix()!r} is not a plain file name of letters, digits, "
                             "'.', '_' and '-'; the offline copy was not zipped")
    stamp = (int(edition.built[:4]), int(edition.built[5:7]), int(edition.built[8:10]), 0, 0, 0)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            entry = zipfile.ZipInfo(f"{edition.offline_folder(name)}/{path.relative_to(site).as_posix()}", stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())
    return len(files)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/offline_zip.py SITE_DIR", file=sys.stderr)
        return 2
    site = Path(argv[0])
    if not (site / "index.html").is_file():
        print(f"{site}/index.html not found: build the offline copy first (make offline does both)", file=sys.stderr)
        return 1
    edition = edition_from(os.environ)
    if not isinstance(edition, Edition):
        print(edition, file=sys.stderr)
        return 1
    settings = open_settings(ROOT / "annotate.yml")
    if isinstance(settings, Problems):
        print(settings.report("the offline copy was not zipped."), file=sys.stderr)
        return 1
    target = settings.root / edition.offline_zip(settings.name)
    try:
        count = write_offline_zip(site, target, edition, settings.name)
    except UnsafeName as error:
        print(error, file=sys.stderr)
        return 1
    folder = edition.offline_folder(settings.name)
    print(f"wrote {settings.shown(target)} ({count} files): unzip it and open {folder}/index.html in a browser")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
