"""The deploy workflow, rehearsed on fresh clones (tests/rehearsal.py): it must publish a site with a real
version on every page, the offline zip named with its build day, and the release of that version with that zip."""

from __future__ import annotations

import re
import zipfile

import pytest
from conftest import ROOT
from rehearsal import PAGES_URL, REPOSITORY, rehearsal

pytestmark = pytest.mark.rehearsal
WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"
VERSION = re.compile(r"\d{4}\.\d{2}\.\d{2}(\.\d+)?")


def test_the_deploy_workflow_publishes_a_versioned_site_and_releases_its_dated_offline_copy(tmp_path):
    run = rehearsal(ROOT, tmp_path, "push")
    jobs = run.run(WORKFLOW)

    build = jobs["build"]
    version, offline_zip = build.outputs["version"], build.outputs["offline_zip"]
    assert VERSION.fullmatch(version), version
    day = "-".join(version.split(".")[:3])
    assert offline_zip == f"rust-ml-annotated-{day}.zip"
    # The published site: every page carries this edition ("Version …" in the footer), none says "unreleased".
    site = build.workspace / "site"
    assert run.pages == [site]
    pages = [path for path in site.rglob("*.html") if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")]
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert f"ersion {version}" in html and "unreleased" not in html, page.relative_to(site)
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
