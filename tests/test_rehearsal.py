"""The workflow rehearsal itself (tests/rehearsal.py), on a two-job workflow in a repository made for the test:
it passes on what GitHub passes on, and stops where GitHub would stop."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from rehearsal import RehearsalError, rehearsal

WORKFLOW = """
on: push
env:
  GREETING: hello
jobs:
  first:
    runs-on: ubuntu-latest
    outputs:
      answer: ${{ steps.ask.outputs.answer }}
    steps:
      - uses: actions/checkout@0000000000000000000000000000000000000000  # v0
      - id: ask
        run: |
          echo "answer=42" >> "$GITHUB_OUTPUT"
          echo "LATER=from an earlier step" >> "$GITHUB_ENV"
          echo "## asked" >> "$GITHUB_STEP_SUMMARY"
      - run: test "$LATER" = "from an earlier step" && test "$GREETING" = hello && test -f README
      - run: gh release create v1 README --notes "$STEP_ONLY"
        env:
          STEP_ONLY: ${{ github.repository }}
  second:
    needs: first
    runs-on: ubuntu-latest
    env:
      ANSWER: ${{ needs.first.outputs.answer }}
    steps:
      - uses: actions/checkout@0000000000000000000000000000000000000000  # v0
      - run: test "$ANSWER" = 42 && test "$GITHUB_ACTIONS" = true && test -n "$GITHUB_REPOSITORY"
"""


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repository"
    root.mkdir()
    (root / "README").write_text("a file the checkout brings\n", encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "README"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "start"], check=True)
    return root


def workflow(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "workflow.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_steps_get_what_github_gives_them_and_jobs_pass_outputs_on(tmp_path, repository):
    run = rehearsal(repository, tmp_path / "work", "push")
    (tmp_path / "work").mkdir()
    jobs = run.run(workflow(tmp_path, WORKFLOW))
    assert jobs["first"].outputs == {"answer": "42"}
    assert jobs["first"].summary == "## asked\n"
    assert len(jobs["first"].ran) == 3 and len(jobs["second"].ran) == 1
    (call,) = run.gh_calls()
    assert call["args"] == ["release", "create", "v1", "README", "--notes", run.github["repository"]]
    assert call["files"] == {"README": len("a file the checkout brings\n")}


@pytest.mark.parametrize(("change", "message"), [
    (("test -f README", "test -f MISSING"), "failed with exit code 1"),
    (("needs.first.outputs.answer", "needs.first.outputs.question"),
     "cannot evaluate ${{ needs.first.outputs.question }}"),
    (("actions/checkout@0000000000000000000000000000000000000000  # v0\n      - run: test",
      "someone/unknown-action@v1\n      - run: test"), "does not know the action 'someone/unknown-action'"),
])
def test_a_step_that_would_fail_on_github_fails_the_rehearsal(tmp_path, repository, change, message):
    old, new = change
    assert old in WORKFLOW
    run = rehearsal(repository, tmp_path / "work", "push")
    (tmp_path / "work").mkdir()
    with pytest.raises(RehearsalError) as failure:
        run.run(workflow(tmp_path, WORKFLOW.replace(old, new, 1)))
    assert message in str(failure.value)
