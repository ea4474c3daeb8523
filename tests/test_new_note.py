"""The note scaffold: finds the words, picks the section, adds context only when needed, never overwrites."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess

import new_note as scaffold  # scripts/new_note.py
import pytest
import yaml
from conftest import ROOT, check, copy_project


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def new_note(project, *args):
    """`make note` on the project at `project`, run in this process: its exit status and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = scaffold.main([*args, "--config", str(project / "annotate.yml")])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def test_unique_words_give_a_note_in_their_section_without_context(project):
    completed = new_note(project, "image recognition")
    assert completed.returncode == 0, completed.stderr
    path = project / "docs" / "notes" / "image-recognition.md"
    meta = front_matter(path)
    assert (meta["section"], meta["quote"]) == ("the-future-of-rust-and-ml", "image recognition")
    assert "prefix" not in meta and "suffix" not in meta
    assert "left to fill in: title, verdict, summary, sources" in completed.stdout


def test_repeated_words_get_the_shortest_suffix_and_keep_the_article_typography(project):
    completed = new_note(project, "Rust's", "--section", "improving-model-quality", "--id", "rusts")
    assert completed.returncode == 0, completed.stderr
    meta = front_matter(project / "docs" / "notes" / "rusts.md")
    assert meta["quote"] == "Rust’s"
    assert "suffix" not in meta  # once only in that section


def test_words_repeated_in_one_section_get_context(project):
    completed = new_note(project, "machine learning", "--id", "ml")
    assert completed.returncode == 0, completed.stderr
    meta = front_matter(project / "docs" / "notes" / "ml.md")
    assert (meta["section"], meta["suffix"]) == ("introduction", "(ML),")
    assert "with a suffix to pick the first of several" in completed.stdout


def test_existing_file_is_never_overwritten(project):
    path = project / "docs" / "notes" / "low-latency-garbage-collector.md"
    before = path.read_bytes()
    completed = new_note(project, "low-latency garbage collector")
    assert completed.returncode == 1
    assert "docs/notes/low-latency-garbage-collector.md already exists; choose another id with --id" in completed.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (["quantum computing"], "'quantum computing' does not occur in the article; copy the words exactly"),
    (["Rust"], "'Rust' occurs in several sections (introduction, rust-a-language-for-the-future"),
])
def test_words_not_found_or_in_several_sections_are_explained(project, args, message):
    completed = new_note(project, *args)
    assert completed.returncode == 1
    assert message in completed.stderr
    assert "Traceback" not in completed.stderr


def test_a_fresh_scaffold_fails_the_check_on_the_lines_left_to_fill(project):
    new_note(project, "image recognition")
    completed = check(project)
    assert completed.returncode == 1
    assert "docs/notes/image-recognition.md:5:10: verdict 'TODO one of accurate" in completed.stderr


# Issue 21: `make note` wrote QUOTE and ID into its command line, so a '"' or a backtick ran commands, and
# ID=../../x wrote outside docs/notes/.
@pytest.mark.parametrize("note_id", ["../../x", "x/y", "X", "a--b", "-a", "a b", "a`touch pwned`"])
def test_an_id_that_is_not_a_slug_is_refused_and_nothing_is_written(project, note_id):
    before = sorted(path for path in project.rglob("*") if path.is_file())
    result = new_note(project, "Dropbox and npm", f"--id={note_id}")
    assert result.returncode == 2
    assert result.stderr == (f"'{note_id}' is not a note id: write lower-case letters and digits in words joined by "
                             "single hyphens, such as rust-has-no-gc; it becomes docs/notes/<id>.md\n")
    assert sorted(path for path in project.rglob("*") if path.is_file()) == before


def test_make_note_passes_quote_and_id_through_the_environment_as_typed(tmp_path):
    project = copy_project(tmp_path)
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    (project / "engine").symlink_to(ROOT / "engine", target_is_directory=True)
    (project / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    marker = tmp_path / "pwned"
    hostile = f'Dropbox" `touch {marker}` $(shell touch {marker}) "$$(touch {marker})'
    completed = subprocess.run(["make", "-s", "-o", ".venv/.installed", "note", f"QUOTE={hostile}", "ID=../../x"],
                               cwd=project, capture_output=True, text=True)
    assert completed.returncode != 0 and not marker.exists()
    assert "'../../x' is not a note id" in completed.stderr
    assert not (project.parent / "x.md").exists() and not (tmp_path.parent / "x.md").exists()
    completed = subprocess.run(["make", "-s", "-o", ".venv/.installed", "note", f"QUOTE={hostile}"],
                               cwd=project, capture_output=True, text=True)
    assert completed.returncode != 0 and not marker.exists()
    assert completed.stderr.splitlines()[0] == (
        f"'{hostile}' does not occur in the article; copy the words exactly from the page")
    completed = subprocess.run(["make", "-s", "-o", ".venv/.installed", "note", "QUOTE=Dropbox and npm",
                                "ID=dropbox-npm"], cwd=project, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert (project / "docs" / "notes" / "dropbox-npm.md").is_file()
