"""Every workflow under .github/workflows/, rehearsed on fresh clones before GitHub runs it (tests/rehearsal.py).

Each test checks what its workflow must leave behind: the deploy, a published site with a real version
on every page, the dated offline zip and the release made with both; the pull-request workflow, both
builds; the freshness watch, its issue, from recorded answers, with nothing sent to the network.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import responses
from annotate.tracking_issue import ISSUE_TITLE
from conftest import ROOT
from rehearsal import Rehearsal

pytestmark = pytest.mark.rehearsal

WORKFLOWS = ROOT / ".github" / "workflows"
REPOSITORY = "example-owner/rust-ml-annotated"
PAGES_URL = "https://example-owner.github.io/rust-ml-annotated"
VERSION = re.compile(r"\d{4}\.\d{2}\.\d{2}(\.\d+)?")
REHEARSED = {"deploy.yml", "pull-request.yml", "freshness.yml"}


def rehearsal(tmp_path: Path, event: str, **options) -> Rehearsal:
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    github = {
        "repository": REPOSITORY, "repository_owner": "example-owner", "server_url": "https://github.com",
        "api_url": "https://api.github.com", "event_name": event, "ref": "refs/heads/main", "sha": head,
        "token": "rehearsal-token", "base_ref": "main" if event == "pull_request" else "",
        "event": {"repository": {"default_branch": "main"}}, "pages_url": PAGES_URL,
    }
    return Rehearsal(repository=ROOT, work=tmp_path, github=github, secrets={"GITHUB_TOKEN": "rehearsal-token"},
                     **options)


def test_every_workflow_is_rehearsed():
    assert {path.name for path in WORKFLOWS.glob("*.y*ml")} == REHEARSED


def test_the_deploy_workflow_publishes_a_versioned_site_and_releases_its_dated_offline_copy(tmp_path):
    run = rehearsal(tmp_path, "push")
    jobs = run.run(WORKFLOWS / "deploy.yml")

    build = jobs["build"]
    version, offline_zip = build.outputs["version"], build.outputs["offline_zip"]
    assert VERSION.fullmatch(version), version
    day = "-".join(version.split(".")[:3])
    assert offline_zip == f"rust-ml-annotated-{day}.zip"
    # The published site: every page carries this edition, none says "unreleased".
    site = build.workspace / "site"
    assert run.pages == [site]
    pages = [path for path in site.rglob("*.html") if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")]
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f"version {version}" in html and "unreleased" not in html, page.relative_to(site)
    assert f'href="{PAGES_URL}/"' in (site / "index.html").read_text(encoding="utf-8")
    # The offline copy: named with its day, unpacking into one folder of the same name, of the same edition.
    with zipfile.ZipFile(build.workspace / offline_zip) as archive:
        names = archive.namelist()
        assert {name.split("/", 1)[0] for name in names} == {offline_zip.removesuffix(".zip")}
        index = archive.read(f"{offline_zip.removesuffix('.zip')}/index.html").decode("utf-8")
    assert f"version {version}" in index
    # The release: one gh call, for this version, attaching the zip the build made.
    calls = run.gh_calls()
    assert len(calls) == 1, calls
    call = calls[0]
    assert call["args"][:4] == ["release", "create", f"v{version}", offline_zip]
    assert call["args"][call["args"].index("--target") + 1] == run.github["sha"]
    assert call["files"] == {offline_zip: (build.workspace / offline_zip).stat().st_size}
    assert call["token"], "gh was called without GH_TOKEN"
    instructors = (site / "instructors" / "index.html").read_text(encoding="utf-8")
    assert f"https://github.com/{REPOSITORY}/releases/download/v{version}/{offline_zip}" in instructors


def test_the_pull_request_workflow_builds_with_mkdocs_and_zensical(tmp_path):
    run = rehearsal(tmp_path, "pull_request",
                    skip=lambda script: "the suite this rehearsal runs in; .ci/run runs it on a clean clone"
                    if script == "make test" else None)
    jobs = run.run(WORKFLOWS / "pull-request.yml")
    assert (jobs["test"].workspace / "site" / "index.html").is_file()
    assert (jobs["zensical"].workspace / "site-zensical" / "index.html").is_file()
    assert [label for label in jobs["test"].skipped if "make test" in label or "every test" in label]
    assert "Validate notes and data" in jobs["test"].ran


def test_the_freshness_watch_opens_its_issue_from_recorded_answers(tmp_path):
    # The rehearsed step's Python finds sitecustomize and `responses` first on its path, nothing else.
    path = tmp_path / "pythonpath"
    shutil.copytree(ROOT / "tests" / "replay", path)
    shutil.copytree(Path(responses.__file__).parent, path / "responses")
    issues = f"https://api\\.github\\.com/repos/{re.escape(REPOSITORY)}/issues"
    answers = [
        {"method": "GET", "url": issues + r"\?.*", "json": []},
        {"method": "POST", "url": issues + "$", "status": 201,
         "json": {"number": 1, "html_url": f"https://github.com/{REPOSITORY}/issues/1", "title": ISSUE_TITLE}},
    ]
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    log = tmp_path / "requests.jsonl"
    run = rehearsal(tmp_path / "jobs", "schedule", env={
        "PYTHONPATH": str(path), "REHEARSAL_REPLAY": str(tmp_path / "answers.json"), "REHEARSAL_REQUESTS": str(log)})
    (tmp_path / "jobs").mkdir()
    run.run(WORKFLOWS / "freshness.yml")

    requests = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert any(request["url"].startswith("https://crates.io/api/") for request in requests), "crates.io not asked"
    opened = [request for request in requests if request["method"] == "POST" and re.match(issues + "$", request["url"])]
    assert len(opened) == 1, requests
    assert json.loads(opened[0]["body"])["title"] == ISSUE_TITLE
