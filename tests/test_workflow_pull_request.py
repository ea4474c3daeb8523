"""The pull-request workflow, rehearsed on fresh clones (tests/rehearsal.py): both builds, every step but
`make test`, which is the suite this rehearsal belongs to."""

from __future__ import annotations

import pytest
from conftest import ROOT
from rehearsal import rehearsal

pytestmark = pytest.mark.rehearsal
WORKFLOWS = ROOT / ".github" / "workflows"
# Each workflow has a rehearsal of its own, in tests/test_workflow_<name>.py.
REHEARSED = {"deploy.yml", "pull-request.yml", "freshness.yml"}


def test_every_workflow_is_rehearsed():
    assert {path.name for path in WORKFLOWS.glob("*.y*ml")} == REHEARSED


def test_the_pull_request_workflow_builds_with_mkdocs_and_zensical(tmp_path):
    run = rehearsal(ROOT, tmp_path, "pull_request",
                    skip=lambda script: "the suite this rehearsal runs in; .ci/run runs it on a clean clone"
                    if script == "make test" else None)
    jobs = run.run(WORKFLOWS / "pull-request.yml")
    assert (jobs["test"].workspace / "site" / "index.html").is_file()
    assert (jobs["zensical"].workspace / "site-zensical" / "index.html").is_file()
    assert [label for label in jobs["test"].skipped if "make test" in label or "every test" in label]
    assert "Validate notes and data" in jobs["test"].ran
