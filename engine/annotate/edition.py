"""Which edition of the site a build is: its version and the day it was built.

A published edition is named by the day it was built, `YYYY.MM.DD`, with `.2`, `.3`... for a second
or third edition on the same day; the deploy workflow tags it `v<version>`. Anything built outside that
workflow is `unreleased`. The build day is taken from `SOURCE_DATE_EPOCH` when set (the usual variable
for reproducible builds), so the site and its offline copy, built one after the other, carry the same
date; otherwise it is today, in UTC.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

UNRELEASED = "unreleased"
TAG_PREFIX = "v"
_VERSION = re.compile(r"^\d{4}\.\d{2}\.\d{2}(?:\.\d+)?$")


@dataclass(frozen=True)
class Edition:
    version: str  # 2026.11.29, 2026.11.29.2, or "unreleased"
    built: str  # the build day, YYYY-MM-DD

    @property
    def year(self) -> str:
        return self.built[:4]

    @property
    def released(self) -> bool:
        return self.version != UNRELEASED

    def offline_folder(self, name: str) -> str:
        """The one folder the offline zip of the site called `name` unpacks into, named with the build day."""
        return f"{name}-{self.built}"

    def offline_zip(self, name: str) -> str:
        """The offline zip's file name: the folder it unpacks into, zipped."""
        return f"{self.offline_folder(name)}.zip"

    def describe(self) -> str:
        """'version 2026.11.29, built 2026-11-29', as pages, prints and citations say it."""
        return f"version {self.version}, built {self.built}"


def edition_from(environ: Mapping[str, str], today: datetime.date | None = None) -> Edition | str:
    """The edition that `SITE_VERSION` and `SOURCE_DATE_EPOCH` describe, or a message saying what is wrong."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            return f"SOURCE_DATE_EPOCH is '{epoch}'; it must be a number of seconds since 1970-01-01 UTC, or unset"
        day = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).date()
    else:
        day = today or datetime.datetime.now(tz=datetime.timezone.utc).date()
    version = environ.get("SITE_VERSION", "").strip() or UNRELEASED
    if version != UNRELEASED and not _VERSION.match(version):
        return (f"SITE_VERSION is '{version}'; a published version is the build day as YYYY.MM.DD, with .2, .3 "
                "and so on for later editions of the same day (make edition names the next one); "
                "or leave it unset")
    return Edition(version, day.isoformat())


def next_version(day: datetime.date, tags: Iterable[str]) -> str:
    """The version for the next edition published on `day`, given the repository's existing tags."""
    base = f"{day:%Y.%m.%d}"
    taken = {tag.strip().removeprefix(TAG_PREFIX) for tag in tags}
    if base not in taken:
        return base
    number = 2
    while f"{base}.{number}" in taken:
        number += 1
    return f"{base}.{number}"
