"""The two versions a review compares, read from git: the commits, their days, the files between them, and a
checkout of each in a folder of its own.

Everything goes through the `git` command; every failure becomes a `RevisionError` whose message says what to do.
"""

from __future__ import annotations

import contextlib
import datetime
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class RevisionError(Exception):
    """git could not give what the review needs; the message says why, in plain words."""


def git(repository: Path, *arguments: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(repository), *arguments], capture_output=True, text=True, check=False)
    except OSError as error:
        raise RevisionError(f"cannot run git: {error.strerror}; the review needs git on PATH") from None
    if done.returncode != 0:
        detail = " ".join(done.stderr.split()) or f"exit status {done.returncode}"
        raise RevisionError(f"git {arguments[0]} failed: {detail}")
    return done.stdout


def repository_root(folder: Path) -> Path:
    try:
        return Path(git(folder, "rev-parse", "--show-toplevel").strip())
    except RevisionError:
        raise RevisionError(f"{folder} is not in a git repository; the review compares two commits of one") from None


def resolve(repository: Path, ref: str, role: str) -> str:
    """The commit `ref` names; `role` ("base", "head") says which one the message is about."""
    try:
        return git(repository, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").strip()
    except RevisionError:
        raise RevisionError(
            f"the {role} '{ref}' is not a commit of this clone; fetch it first (in a workflow, check out with "
            "fetch-depth: 0, so that the base branch's history is there)"
        ) from None


def merge_base(repository: Path, base: str, head: str) -> str:
    try:
        return git(repository, "merge-base", base, head).strip()
    except RevisionError:
        raise RevisionError(f"the base {base[:12]} and the head {head[:12]} share no history; "
                            "compare a pull request with the branch it was made from") from None


def commit_day(repository: Path, commit: str) -> datetime.date:
    return datetime.date.fromisoformat(git(repository, "show", "-s", "--format=%cs", commit).strip())


def last_change_day(repository: Path, commit: str, path: str) -> datetime.date | None:
    """The day of the last commit up to `commit` that changed the file at `path`."""
    day = git(repository, "log", "-1", "--format=%cs", commit, "--", path).strip()
    return datetime.date.fromisoformat(day) if day else None


@dataclass(frozen=True)
class ChangedFile:
    status: str  # git's letter: A added, D deleted, M modified, R renamed, T type changed
    path: str
    old_path: str | None = None  # for a renamed file


def changed_files(repository: Path, base: str, head: str) -> list[ChangedFile]:
    """Every file that differs between the two commits, renames found."""
    fields = git(repository, "diff", "--name-status", "-z", "-M", base, head).split("\0")
    found, index = [], 0
    while index < len(fields) - 1:
        status = fields[index][:1]
        if status in ("R", "C"):
            found.append(ChangedFile(status, fields[index + 2], fields[index + 1]))
            index += 3
        else:
            found.append(ChangedFile(status, fields[index + 1]))
            index += 2
    return found


@contextlib.contextmanager
def checkout(repository: Path, commit: str) -> Iterator[Path]:
    """The files of `commit` in a folder of their own (a detached git worktree), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="annotate-review-") as folder:
        tree = Path(folder) / commit[:12]
        git(repository, "worktree", "add", "--quiet", "--detach", str(tree), commit)
        try:
            yield tree
        finally:
            with contextlib.suppress(RevisionError):
                git(repository, "worktree", "remove", "--force", str(tree))
