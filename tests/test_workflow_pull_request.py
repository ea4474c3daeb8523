"""The pull-request workflow, rehearsed on fresh clones (tests/rehearsal.py): both builds, every step but
`make test`, which is the suite this rehearsal belongs to."""

from __future__ import annotations

import subprocess

import pytest
from conftest import ROOT
from rehearsal import rehearsal

pytestmark = pytest.mark.rehearsal
WORKFLOWS = ROOT / ".github" / "workflows"
# Each workflow has a rehearsal of its own, in tests/test_workflow_<name>.py.
REHEARSED = {"deploy.yml", "pull-request.yml", "freshness.yml"}


def test_every_workflow_is_rehearsed():
    assert {path.name for path in WORKFLOWS.glob("*.y*ml")} == REHEARSED


def test_the_pull_request_workflow_builds_with_mkdocs_and_zensical_and_reviews_the_change(tmp_path):
    # A pull request on top of this commit: a change outside the notes and data, which the gate lets
    # through and lists.
    repository = tmp_path / "pull-request"
    subprocess.run(["git", "clone", "--quiet", "--no-local", str(ROOT), str(repository)], check=True)
    base = subprocess.run(["git", "-C", str(repository), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    with (repository / "CONTRIBUTING.md").open("a", encoding="utf-8") as file:
        file.write("\nA line added by the rehearsed pull request.\n")
    git = ["git", "-C", str(repository), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "commit", "--quiet", "-am", "A rehearsed pull request"], check=True)

    (tmp_path / "jobs").mkdir()
    run = rehearsal(repository, tmp_path / "jobs", "pull_request", base=base,
                    skip=lambda script: "the suite this rehearsal runs in; .ci/run runs it on a clean clone"
                    if script == "make test" else None)
    jobs = run.run(WORKFLOWS / "pull-request.yml")
    assert (jobs["test"].workspace / "site" / "index.html").is_file()
    assert (jobs["zensical"].workspace / "site-zensical" / "index.html").is_file()
    assert [label for label in jobs["test"].skipped if "every test" in label]
    assert "Validate notes and data" in jobs["test"].ran
    # The gate ran with the base commit's engine on the pull request's head, and said what changed.
    assert "Review the change with the base branch's engine" in jobs["review"].ran
    assert "CONTRIBUTING.md" in jobs["review"].summary
