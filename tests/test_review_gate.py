"""The review gate, `python -m annotate review`, on a two-commit repository built for each case: a base commit
holding the second article's site (examples/second-article, with public links and its pinned original), then
one change on top, hostile or clean."""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from annotate.__main__ import main as annotate_command
from helpers import ROOT

TODAY = datetime.date.today()
BASE_DAY = TODAY - datetime.timedelta(days=3)
WHAT = "Says more precisely what the sources show."
NOTES_DAY = BASE_DAY - datetime.timedelta(days=1)  # every date the base's notes record
EXAMPLE = ROOT / "examples" / "second-article"
LOCK = "docs/comments/global-lock.md"
NUMPY = "docs/comments/numpy-compiled-code.md"
ERRORS = "docs/comments/python-error-handling.md"
LINKS = "data/public-links.txt"
# The article as the blog published it: its title, then what the page shows, lines 3 to 11.
ORIGINAL = """Why I keep Python next to Rust

Python has no real error handling, which is why I write the parts that must not fail in Rust.

Where the speed comes from

NumPy does its heavy work in compiled code, so array code is fast even when it is written in Python.

Threads

The global interpreter lock can never be turned off in CPython. That is the main reason to move threaded work to Rust.
"""
PUBLIC_LINKS = """\
# Public links of the example site; never remove one.
/article/
/article/#quote-global-lock
/article/#quote-global-lock--main-reason
/comments/global-lock/
/comments/numpy-compiled-code/
"""
LOCATED = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$", re.MULTILINE)


def git(repo: Path, *arguments: str, day: datetime.date = TODAY) -> str:
    stamp = f"{day.isoformat()}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_NAME": "Contributor", "GIT_AUTHOR_EMAIL": "contributor@example.org",
           "GIT_COMMITTER_NAME": "Contributor", "GIT_COMMITTER_EMAIL": "contributor@example.org",
           "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo)}
    return subprocess.run(["git", "-C", str(repo), *arguments], check=True, capture_output=True, text=True,
                          env=env).stdout


def pinned_site(folder: Path) -> Path:
    """The second article's site in `folder`, with its public links and its original words pinned."""
    project = folder / "site"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("build", "site", "site-*"))
    (project / "data" / "original.txt").write_text(ORIGINAL, encoding="utf-8")
    (project / LINKS).write_text(PUBLIC_LINKS, encoding="utf-8")
    digest = hashlib.sha256(ORIGINAL.encode()).hexdigest()
    with (project / "annotate.yml").open("a", encoding="utf-8") as settings:
        settings.write(f"public_links: {LINKS}\n"
                       f"original:\n  file: data/original.txt\n  sha256: {digest}\n  lines: [3, 11]\n")
    return project


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The base commit, tagged `base`, dated three days ago."""
    project = pinned_site(tmp_path)
    for note in (project / "docs" / "comments").glob("*.md"):
        # Every date of the base a day before it was committed, whatever the example says today.
        note.write_text(re.sub(r"^(reviewed|    accessed|  - date): \d{4}-\d{2}-\d{2}$", rf"\1: {NOTES_DAY}",
                               note.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "Base", day=BASE_DAY)
    git(project, "tag", "base")
    return project


def edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def log_entry(repo: Path, path: str, day: datetime.date = TODAY, kind: str = "clarification") -> None:
    """A new first entry of the note's changes (the kinds that need more than `what` are not used)."""
    file = repo / path
    entry = f"changes:\n  - date: {day}\n    kind: {kind}\n    what: {WHAT}"
    text, count = re.subn(r"^changes:(?: \[\])?$", entry, file.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE)
    assert count == 1
    file.write_text(text, encoding="utf-8")


def set_dates(repo: Path, path: str, key: str, day: datetime.date) -> None:
    """Every `reviewed` (key "reviewed") or every source's `accessed` (key "    accessed") of the note set to `day`."""
    file = repo / path
    text, count = re.subn(rf"^{key}: .*$", f"{key}: {day}", file.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert count
    file.write_text(text, encoding="utf-8")


def add_source(repo: Path, path: str, title: str, url: str) -> None:
    """A source added to the note, cited in the body when the note format cites sources by id."""
    file = repo / path
    text = file.read_text(encoding="utf-8")
    cited = "\nsources:\n  - id: " in text
    identity = "id: added-source\n    " if cited else ""
    source = f"sources:\n  - {identity}title: \"{title}\"\n    url: {url}\n    accessed: {NOTES_DAY}"
    text = text.replace("sources:", source, 1)
    file.write_text(text.rstrip("\n") + (" [@added-source]\n" if cited else "\n"), encoding="utf-8")


def commit(repo: Path) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "Change")


def review(repo: Path, capsys: pytest.CaptureFixture[str], base: str = "base") -> tuple[int, str, str]:
    code = annotate_command(["review", "--base", base, str(repo / "annotate.yml")])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def refusals(err: str) -> list[tuple[str, int, str]]:
    return [(found["path"], int(found["line"]), found["message"]) for found in LOCATED.finditer(err)]


def line_of(repo: Path, path: str, text: str) -> int:
    lines = (repo / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_base_site_passes_make_check(repo):
    """The fixture is sound: every refusal below comes from the change, not from the base."""
    assert annotate_command(["check", str(repo / "annotate.yml")]) == 0


def test_a_logged_change_with_its_sources_read_again_passes(repo, capsys):
    edit(repo, LOCK, "verdict: outdated", "verdict: misleading")
    log_entry(repo, LOCK)
    set_dates(repo, LOCK, "reviewed", TODAY)
    set_dates(repo, LOCK, "    accessed", TODAY)
    commit(repo)
    code, out, err = review(repo, capsys)
    assert (code, err) == (0, "")
    assert "## Nothing refused" in out
    assert "outdated → misleading" in out


@pytest.mark.parametrize(("path", "old", "new", "field"), [
    (LOCK, "verdict: outdated", "verdict: misleading", "verdict"),
    (NUMPY, "for performance.", "for speed, always.", "summary"),
    (NUMPY, "Python mostly coordinates", "Python only coordinates", "body"),
    (NUMPY, "verdict: mostly-accurate", "verdict: accurate", "claims[1].verdict"),
    (LOCK, "quote: That is the main reason", "quote: the main reason", "claims[1].quote"),
])
def test_a_change_of_substance_without_a_log_entry_in_the_span_is_refused(repo, capsys, path, old, new, field):
    edit(repo, path, old, new)
    commit(repo)
    code, _, err = review(repo, capsys)
    assert code == 1
    [(where, line, message)] = refusals(err)
    assert where == path
    assert "changed, but the note's changes have no entry dated from" in message
    assert f"{BASE_DAY} to {TODAY}" in message
    lines = (repo / path).read_text(encoding="utf-8").splitlines()
    if field == "body":
        closing_fence = [number for number, text in enumerate(lines, start=1) if text == "---"][1]
        assert line == closing_fence + 1
    elif field is not None:
        assert message.startswith(f"{field} changed")
        assert lines[line - 1].strip().startswith(field.rsplit(".", 1)[-1] + ":")


def test_an_entry_dated_before_the_pull_request_does_not_cover_a_change(repo, capsys):
    edit(repo, LOCK, "verdict: outdated", "verdict: misleading")
    log_entry(repo, LOCK, day=datetime.date(2020, 1, 6))
    commit(repo)
    code, _, err = review(repo, capsys)
    assert code == 1
    messages = [message for _, _, message in refusals(err)]
    assert any(m.startswith("verdict changed, but the note's changes have no entry") for m in messages)
    assert any("changes[1] is dated 2020-01-06, before the note's previous version of" in m for m in messages)


def test_a_back_dated_entry_is_refused_even_beside_a_proper_one(repo, capsys):
    edit(repo, LOCK, "verdict: outdated", "verdict: misleading")
    log_entry(repo, LOCK, day=datetime.date(2020, 1, 6))
    log_entry(repo, LOCK)
    commit(repo)
    code, _, err = review(repo, capsys)
    assert code == 1
    [(where, line, message)] = refusals(err)
    assert (where, line) == (LOCK, line_of(repo, LOCK, "date: 2020-01-06"))
    assert message.startswith(f"changes[2] is dated 2020-01-06, before the note's previous version of {BASE_DAY}")


def test_the_articles_words_changed_everywhere_at_once_are_refused(repo, capsys):
    """The page, the pinned original and its pin changed together: make check on the head alone passes."""
    edit(repo, "docs/article.md", "can never be turned off", "can be turned off")
    changed = ORIGINAL.replace("can never be turned off", "can be turned off")
    (repo / "data" / "original.txt").write_text(changed, encoding="utf-8")
    edit(repo, "annotate.yml", hashlib.sha256(ORIGINAL.encode()).hexdigest(),
         hashlib.sha256(changed.encode()).hexdigest())
    edit(repo, LOCK, "quote: The global interpreter lock can never be turned off in CPython",
         "quote: The global interpreter lock can be turned off in CPython")
    log_entry(repo, LOCK)
    commit(repo)
    assert annotate_command(["check", str(repo / "annotate.yml")]) == 0
    code, _, err = review(repo, capsys)
    assert code == 1
    found = {(where, message.split(";")[0]) for where, _, message in refusals(err)}
    assert ("docs/article.md", "the article's words changed: paragraph 5 read \"The global interpreter lock can "
            "never be turned off in CPython. That is the main reason to move threaded work to Rust.\" and now reads "
            "\"The global interpreter lock can be turned off in CPython. That is the main reason to move threaded "
            "work to Rust.\"") in found
    assert ("data/original.txt", "data/original.txt, the article's own words, changed") in found
    assert ("annotate.yml", "the pin of the article's own words ('original') changed") in found


def test_a_link_added_to_the_articles_words_is_refused(repo, capsys):
    edit(repo, "docs/article.md", "must not fail in Rust.", "must not fail in [Rust](https://evil.example/).")
    commit(repo)
    code, out, err = review(repo, capsys)
    assert code == 1
    [(where, line, message)] = refusals(err)
    assert (where, line) == ("docs/article.md", line_of(repo, "docs/article.md", "evil.example"))
    assert message.startswith("the article's words now link to 'https://evil.example/'")
    assert "in the article's words: https://evil.example/" in out


def test_a_deleted_public_link_is_refused(repo, capsys):
    edit(repo, LINKS, "/comments/numpy-compiled-code/\n", "")
    commit(repo)
    code, _, err = review(repo, capsys)
    assert code == 1
    [(where, line, message)] = refusals(err)
    assert (where, line) == (LINKS, PUBLIC_LINKS.splitlines().index("/comments/numpy-compiled-code/") + 1)
    assert message.startswith("the public link '/comments/numpy-compiled-code/' (line 6 of the base) was deleted")


def test_a_registered_note_removed_with_its_links_is_refused(repo, capsys):
    """Deleting the note and its lines together passes make check; the gate sees both."""
    (repo / LOCK).unlink()
    edit(repo, ERRORS, "see [the note on threads](global-lock.md)", "see the note on threads")
    log_entry(repo, ERRORS)
    kept = [line for line in PUBLIC_LINKS.splitlines() if "global-lock" not in line]
    (repo / LINKS).write_text("\n".join(kept) + "\n", encoding="utf-8")
    edit(repo, "data/no-claims.yml", "sentences: []", (
        "sentences:\n"
        "  - sentence: The global interpreter lock can never be turned off in CPython.\n"
        "    reason: Removed for the test.\n"
        "  - sentence: That is the main reason to move threaded work to Rust.\n"
        "    reason: Removed for the test."
    ))
    commit(repo)
    assert annotate_command(["check", str(repo / "annotate.yml")]) == 0
    code, out, err = review(repo, capsys)
    assert code == 1
    found = refusals(err)
    assert sum(message.startswith("the public link ") and "was deleted" in message for _, _, message in found) == 3
    assert (LOCK, 1, "note 'global-lock' was removed, but the public link '/article/#quote-global-lock' leads to it; "
            "add 'global-lock' to the aliases of the note that now covers its claim") in found
    assert "## Notes removed" in out


def test_a_note_renamed_with_an_alias_keeps_its_links(repo, capsys):
    (repo / LOCK).rename(repo / "docs/comments/interpreter-lock.md")
    edit(repo, "docs/comments/interpreter-lock.md", "\nchanges:", "\naliases:\n  - global-lock\nchanges:")
    edit(repo, ERRORS, "(global-lock.md)", "(interpreter-lock.md)")
    log_entry(repo, ERRORS)
    commit(repo)
    code, out, err = review(repo, capsys)
    assert (code, err) == (0, "")
    assert "global-lock is now interpreter-lock" in out


def test_a_review_date_moved_without_reading_a_source_again_is_refused(repo, capsys):
    set_dates(repo, NUMPY, "reviewed", TODAY)
    commit(repo)
    code, _, err = review(repo, capsys)
    assert code == 1
    [(where, line, message)] = refusals(err)
    assert (where, line) == (NUMPY, line_of(repo, NUMPY, "reviewed:"))
    assert message.startswith(f"reviewed moved from {NOTES_DAY} to {TODAY}, but no source's accessed date moved")


def test_a_removed_log_entry_is_refused(repo, capsys):
    log_entry(repo, NUMPY, day=BASE_DAY)
    git(repo, "commit", "--quiet", "--all", "--message", "Logged", day=BASE_DAY)
    git(repo, "tag", "--force", "base")
    edit(repo, NUMPY, f"\n  - date: {BASE_DAY}\n    kind: clarification\n    what: {WHAT}", "")
    file = repo / NUMPY
    emptied = re.sub(r"^changes:\n(?!  - )", "changes: []\n", file.read_text(encoding="utf-8"), flags=re.MULTILINE)
    file.write_text(emptied, encoding="utf-8")  # an empty log is written `changes: []`
    commit(repo)
    code, _, err = review(repo, capsys)
    assert code == 1
    [(where, _, message)] = refusals(err)
    assert where == NUMPY
    assert message.startswith(f"the 'clarification' entry dated {BASE_DAY} was removed from the note's changes")


def test_the_report_says_in_plain_words_what_changed(repo, capsys, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    edit(repo, LOCK, "verdict: outdated", "verdict: misleading")
    edit(repo, LOCK, "quote: That is the main reason to move threaded work to Rust",
         "quote: the main reason to move threaded work to Rust")
    add_source(repo, NUMPY, "NumPy: the absolute basics", "https://numpy.org/doc/stable/user/absolute_beginners.html")
    edit(repo, ERRORS, "title: \"NumPy documentation", "title: \"NumPy manual")
    edit(repo, NUMPY, "Python mostly coordinates:", "Python mostly coordinates ([NumPy](https://numpy.org/)):")
    log_entry(repo, LOCK)
    log_entry(repo, NUMPY)
    log_entry(repo, ERRORS)
    (repo / "README.md").write_text("Changed.\n", encoding="utf-8")
    commit(repo)
    code, out, err = review(repo, capsys)
    assert (code, err) == (0, ""), err
    assert summary.read_text(encoding="utf-8") == out.removesuffix("\n")
    sections = dict(re.findall(r"^## (.+)\n\n((?:- .+\n?)+)", out, re.MULTILINE))
    assert sections["Verdicts"] == "- global-lock: outdated → misleading\n"
    assert sections["Quotes moved"] == ("- global-lock, claim main-reason: \"That is the main reason to move threaded "
                                        "work to Rust\" → \"the main reason to move threaded work to Rust\"\n")
    assert sections["Sources added"] == ("- numpy-compiled-code: NumPy: the absolute basics, "
                                         "https://numpy.org/doc/stable/user/absolute\\_beginners.html\n")
    assert sections["Sources changed"].startswith("- python-error-handling: NumPy manual: What is NumPy?")
    assert sections["Links added"] == "- in note numpy-compiled-code: https://numpy.org/\n"
    assert sections["Files changed outside notes and data"] == "- changed: `README.md`\n"
    assert f"- global-lock, {TODAY}, clarification: Says more precisely" in sections["Change log entries added"]


def test_contributor_text_cannot_act_in_the_report(repo, capsys):
    edit(repo, NUMPY, "title: NumPy runs its array operations in compiled code",
         "title: \"NumPy ##[warning]runs *its* operations | in compiled code\"")
    log_entry(repo, NUMPY)
    commit(repo)
    code, out, _ = review(repo, capsys)
    assert code == 0
    assert "##[" not in out
    assert "NumPy \\#\\#\\[warning\\]runs \\*its\\* operations \\| in compiled code" in out


def test_a_missing_base_is_a_clear_message(repo, capsys, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err = review(repo, capsys, base="no-such-branch")
    assert (code, out) == (1, "")
    assert "The review could not be made: the base 'no-such-branch' is not a commit" in summary.read_text()
    assert err == ("review: the base 'no-such-branch' is not a commit of this clone; fetch it first (in a workflow, "
                   "check out with fetch-depth: 0, so that the base branch's history is there)\n")


def test_a_base_that_does_not_load_is_a_clear_message(repo, capsys):
    edit(repo, NUMPY, "verdict: accurate", "verdict: mostly-true")
    git(repo, "commit", "--quiet", "--all", "--message", "Broken", day=BASE_DAY)
    git(repo, "tag", "--force", "base")
    edit(repo, NUMPY, "verdict: mostly-true", "verdict: accurate")
    commit(repo)
    code, out, err = review(repo, capsys)
    assert (code, out) == (1, "")
    assert err.startswith("review: the base ")
    assert "does not pass make check with the base branch's engine" in err
    assert refusals(err)[0][0] == NUMPY


def test_a_head_that_does_not_load_lists_its_problems(repo, capsys):
    edit(repo, NUMPY, "verdict: accurate", "verdict: mostly-true")
    commit(repo)
    code, _, err = review(repo, capsys)
    assert code == 1
    assert "does not pass make check with the base branch's engine" in err
    assert refusals(err)[0][:2] == (NUMPY, line_of(repo, NUMPY, "mostly-true"))


# A stand-in for python3 in scripts/review.sh, so that the script's own steps run as written without a download:
# its "virtual environment" records the engine pip is asked to install, and its python runs that engine, from
# that folder, with the packages of the interpreter running the tests.
FAKE_PYTHON = """#!/bin/sh
here=$(dirname "$0")
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
    mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && exit 0
fi
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then
    for last; do :; done
    case "$last" in *.lock) ;; *) echo "$last" > "$here/../installed-engine" ;; esac
    exit 0
fi
if [ "$1" = "-I" ] && [ "$2" = "-m" ] && [ "$3" = "annotate" ]; then
    shift 3
    run='import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); runpy.run_module("annotate", run_name="__main__")'
    exec {python} -I -c "$run" "$(cat "$here/../installed-engine")" "$@"
fi
echo "unexpected: $*" >&2
exit 99
"""


def test_the_gate_runs_with_the_base_branchs_engine_not_the_pull_requests(repo, tmp_path):
    """A pull request that switches its own copy of the gate off, and shadows the engine's package from the root
    of its checkout, is still refused: scripts/review.sh runs the base commit's engine, from outside the checkout."""
    engine = repo / "engine" / "annotate"
    shutil.copytree(ROOT / "engine" / "annotate", engine, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "scripts" / "review.sh", repo / "review.sh")
    edit(repo, "engine/annotate/review.py", "# Review of the notes and data", "# Review of the notes and data (base)")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "The engine", day=BASE_DAY)
    git(repo, "tag", "--force", "base")
    edit(repo, "engine/annotate/gate.py", "    today = today or datetime.date.today()\n",
         "    return Outcome(report='# Review (head)')\n")
    (repo / "annotate").mkdir()
    (repo / "annotate" / "__main__.py").write_text("print('# Review (shadow)')\n", encoding="utf-8")
    edit(repo, LOCK, "verdict: outdated", "verdict: misleading")
    commit(repo)
    fake = tmp_path / "python3"
    fake.write_text(FAKE_PYTHON.format(python=sys.executable), encoding="utf-8")
    fake.chmod(0o755)
    env = {**os.environ, "PYTHON": str(fake)}
    env.pop("GITHUB_STEP_SUMMARY", None)
    done = subprocess.run(["sh", "review.sh", "base"], cwd=repo, capture_output=True, text=True, env=env)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("# Review of the notes and data (base)\n")
    assert refusals(done.stderr)[0][:2] == (LOCK, line_of(repo, LOCK, "verdict: misleading"))
    worktrees = git(repo, "worktree", "list")
    assert len(worktrees.splitlines()) == 1, worktrees
    # The pull request's own engine would have let the change through.
    weakened = subprocess.run([sys.executable, "-I", "-c", (
        "import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); runpy.run_module('annotate', run_name='__main__')"
    ), str(repo / "engine"), "review", "--base", "base", str(repo / "annotate.yml")],
        cwd=tmp_path, capture_output=True, text=True)
    assert (weakened.returncode, weakened.stdout.strip()) == (0, "# Review (head)")


def test_an_entry_whose_words_are_corrected_is_reported_not_refused(repo, capsys):
    log_entry(repo, NUMPY, day=BASE_DAY)
    git(repo, "commit", "--quiet", "--all", "--message", "Logged", day=BASE_DAY)
    git(repo, "tag", "--force", "base")
    edit(repo, NUMPY, WHAT, "Says what the NumPy documentation shows.")
    commit(repo)
    code, out, err = review(repo, capsys)
    assert (code, err) == (0, "")
    assert (f"## Change log entries edited\n\n- numpy-compiled-code, {BASE_DAY}, clarification: Says what the NumPy "
            "documentation shows.\n") in out


def test_a_new_note_with_a_back_dated_entry_is_refused(repo, capsys):
    cited = "\nsources:\n  - id: " in (repo / LOCK).read_text(encoding="utf-8")  # the note format cites by id
    (repo / "docs" / "comments" / "parts-that-must-not-fail.md").write_text(f"""\
---
title: A choice of the author's
section: opening
quote: the parts that must not fail
verdict: opinion
summary: The author's own choice of where to use Rust.
sources:
  - {"id: rust-book" + chr(10) + "    " if cited else ""}title: "The Rust Programming Language"
    url: https://doc.rust-lang.org/book/
    accessed: {TODAY}
reviewed: {TODAY}
changes:
  - date: 2020-01-06
    kind: clarification
    what: Written long ago, as it claims.
---

The article states a preference here; the book shows what Rust offers. [@rust-book]
""", encoding="utf-8")
    commit(repo)
    code, out, err = review(repo, capsys)
    assert code == 1
    [(where, _, message)] = refusals(err)
    assert where == "docs/comments/parts-that-must-not-fail.md"
    assert message.startswith(f"changes[1] of this new note is dated 2020-01-06, before this pull request began "
                              f"({BASE_DAY})")
    assert "## Notes added\n\n- parts-that-must-not-fail: A choice of the author's (opinion)\n" in out
