"""The weekly freshness watch, rehearsed on a fresh clone (tests/rehearsal.py) against recorded answers, with
nothing sent to the network: it must open its issue."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import responses
from annotate.tracking_issue import ISSUE_TITLE, LABEL
from conftest import ROOT
from rehearsal import REPOSITORY, rehearsal

pytestmark = pytest.mark.rehearsal
WORKFLOW = ROOT / ".github" / "workflows" / "freshness.yml"


def test_the_freshness_watch_opens_its_issue_from_recorded_answers(tmp_path):
    # The rehearsed step's Python finds sitecustomize and `responses` first on its path, nothing else.
    path = tmp_path / "pythonpath"
    shutil.copytree(ROOT / "tests" / "replay", path)
    shutil.copytree(Path(responses.__file__).parent, path / "responses")
    issues = f"https://api\\.github\\.com/repos/{re.escape(REPOSITORY)}/issues"
    answers = [
        # Whose token it is: the Actions token acts for the github-actions bot.
        {"method": "POST", "url": r"https://api\.github\.com/graphql$",
         "json": {"data": {"viewer": {"login": "github-actions[bot]"}}}},
        {"method": "GET", "url": issues + r"\?.*", "json": []},
        {"method": "POST", "url": issues + "$", "status": 201,
         "json": {"number": 1, "html_url": f"https://github.com/{REPOSITORY}/issues/1", "title": ISSUE_TITLE,
                  "labels": [{"name": LABEL}], "user": {"login": "github-actions[bot]"}}},
    ]
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    log = tmp_path / "requests.jsonl"
    run = rehearsal(ROOT, tmp_path / "jobs", "schedule", env={
        "PYTHONPATH": str(path), "REHEARSAL_REPLAY": str(tmp_path / "answers.json"), "REHEARSAL_REQUESTS": str(log)})
    (tmp_path / "jobs").mkdir()
    run.run(WORKFLOW)

    requests = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert any(request["url"].startswith("https://crates.io/api/") for request in requests), "crates.io not asked"
    opened = [request for request in requests if request["method"] == "POST" and re.match(issues + "$", request["url"])]
    assert len(opened) == 1, requests
    issue = json.loads(opened[0]["body"])
    assert issue["title"] == ISSUE_TITLE and issue["labels"] == [LABEL]
    # The drift watch read the cited sources too, and the issue lists what it found beside the releases.
    assert any(not request["url"].startswith(("https://crates.io/", "https://api.github.com/"))
               for request in requests), "no cited source was read"
    assert "### Sources that drifted" in issue["body"] and "### Releases" in issue["body"]
