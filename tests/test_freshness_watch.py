"""`make freshness` end to end on replayed crates.io and GitHub answers; no request reaches the network.

Each failure (404, timeout, 429, malformed JSON, no connection, ...) must come out as one located
sentence for its crate, and must not stop the other crates from being checked.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import requests
import responses
import yaml
from annotate.freshness import RequestFailed
from annotate.releases import crates_io_api, crates_io_releases, github_api, github_latest_release
from annotate.tracking_issue import ISSUE_TITLE, LABEL, RELEASES, SOURCES, issue_body, sync_issue
from annotate.webapi import PageReader
from conftest import check, copy_project
from freshness import main
from helpers import Clock, line_of
from recorded_pages import add_pages, expected_drift

FIXTURE = Path(__file__).parent / "fixtures" / "freshness"
AGENT = "rust-ml-annotated-freshness-watch (https://github.com/example-owner/rust-ml-annotated)"
TODAY = "2026-11-29"
ROUTINE = ' CONTRIBUTING.md, "Keeping notes fresh", says what to do with each.'
CRATES = "https://crates.io/api/v1/crates/"
ISSUES = "https://api.github.com/repos/example-owner/rust-ml-annotated/issues"


def add_recorded(mock: responses.RequestsMock, fixture: Path = FIXTURE) -> None:
    """Register every answer listed in the fixture's responses.yml."""
    for answer in yaml.safe_load((fixture / "responses.yml").read_text(encoding="utf-8")):
        if answer.get("error") == "timeout":
            mock.get(answer["url"], body=requests.ReadTimeout("read timed out"))
            continue
        mock.get(answer["url"], status=answer["status"], headers=answer.get("headers", {}),
                 body=(fixture / "responses" / answer["body"]).read_bytes(), content_type="application/json")


def apis(clock: Clock, token: str | None = None):
    options = {"sleep": clock.sleep, "clock": clock}
    pages = Clock()  # pages wait on their own clock: hosts are read side by side
    return {"crates_io": crates_io_api(AGENT, **options), "github": github_api(AGENT, token, **options),
            "pages": PageReader(AGENT, limit=64 * 1024, sleep=pages.sleep, clock=pages)}


BEHIND = "read the release notes, then update latest and latest_date, and any note that relies on it"
EXPECTED = [
    "data/crates.yml:16:5: example-tensors is behind: the catalog records 0.4.0 (2026-06-01), crates.io has 0.5.0, "
    f"published 2026-10-20; {BEHIND}",
    "data/crates.yml:41:5: example-kernels is behind: the catalog records 0.3.0 (2026-07-01), GitHub's latest "
    f"release is v0.3.1, published 2026-10-05; {BEHIND}",
    "data/crates.yml:54:5: example-runtime is behind: the catalog records 2.0.0-rc.2 (2026-10-12), crates.io has "
    f"2.0.0-rc.3, published 2026-11-02; {BEHIND}",
    "data/crates.yml:66:5: example-missing: not checked: crates.io has no crate named 'example-missing'; check the "
    "name, or set releases: github if the project is not published there (crates.io answered 404 Not Found)",
    "data/crates.yml:78:5: example-slow: not checked: crates.io did not answer within 20 seconds; "
    "run make freshness again later",
    "data/crates.yml:90:5: example-busy: not checked: crates.io is limiting requests (429 Too Many Requests, "
    "retry after 60 seconds); run make freshness again later",
    "data/crates.yml:102:5: example-garbled: not checked: crates.io answered with something that is not valid JSON; "
    "run make freshness again later, and if it happens again, its API may have changed",
    "docs/notes/fresh-note.md:17:5: cites example-autograd@1.1.0, which crates.io marks as yanked; find out why "
    "(the crate's changelog or issues), correct the note, and add a changes entry saying what changed",
    "docs/notes/stale-note.md:14:11: reviewed 2026-07-01, 151 days ago (more than 90); re-read every source, correct "
    "what changed with a changes entry, then set accessed and reviewed to that day",
]
DRIFT = expected_drift()


def test_every_finding_and_failure_is_one_located_sentence(replay, capsys):
    add_recorded(replay)
    add_pages(replay)
    clock = Clock()
    status = main([str(FIXTURE / "annotate.yml"), "--today", TODAY], **apis(clock))
    out, err = capsys.readouterr()
    # Findings by file and line: the catalog, then the notes, each note's drifted sources among its findings.
    assert out.splitlines() == [*EXPECTED[:-1], *DRIFT, EXPECTED[-1], f"17 problems in notes and data;{ROUTINE}"]
    assert status == 1
    assert err == ""
    # crates.io was asked once a crate, each in turn, at most once a second; GitHub once.
    asked = [call.request.url for call in replay.calls if "api." in call.request.url or "crates.io" in call.request.url]
    assert asked == [f"{CRATES}example-{name}?include=versions"
                     for name in ("tensors", "autograd", "runtime", "missing", "slow", "busy", "garbled")] + [
        "https://api.github.com/repos/example-owner/example-kernels/releases/latest"]
    assert clock.slept == [1.0] * 6
    assert {call.request.headers["User-Agent"] for call in replay.calls} == {AGENT}
    assert all("Authorization" not in call.request.headers for call in replay.calls)


def fresh_project(tmp_path: Path) -> Path:
    """The fixture with only what is fresh: current entries, unyanked citations, a recent review."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    catalog = (project / "data" / "crates.yml").read_text(encoding="utf-8")
    entries = catalog.split("\n  - name: ")
    kept = [entry for entry in entries[1:] if entry.startswith(("example-tensors", "example-autograd",
                                                                "example-kernels"))]
    fresh = "\n  - name: ".join([entries[0], *kept]).replace("latest: 0.3.0", "latest: 0.3.1").replace(
        "latest: 0.4.0\n    latest_date: 2026-06-01", "latest: 0.5.0\n    latest_date: 2026-10-20")
    (project / "data" / "crates.yml").write_text(fresh, encoding="utf-8")
    (project / "docs" / "notes" / "stale-note.md").unlink()
    (project / "docs" / "notes" / "sources-note.md").unlink()
    note = project / "docs" / "notes" / "fresh-note.md"
    note.write_text(note.read_text(encoding="utf-8").replace("example-autograd@1.1.0", "example-autograd@1.2.0"),
                    encoding="utf-8")
    return project


def add_fresh_answers(mock: responses.RequestsMock) -> None:
    for name in ("autograd", "tensors"):
        mock.get(f"{CRATES}example-{name}?include=versions",
                 body=(FIXTURE / "responses" / f"crates-io-example-{name}.json").read_bytes())
    mock.get("https://api.github.com/repos/example-owner/example-kernels/releases/latest",
             body=(FIXTURE / "responses" / "github-example-kernels-latest.json").read_bytes())
    add_pages(mock, {"https://github.com/example-owner/example-autograd"})


def test_all_fresh_is_one_line_and_exit_zero(replay, capsys, tmp_path, monkeypatch):
    add_fresh_answers(replay)
    monkeypatch.setenv("GITHUB_TOKEN", "")  # an empty token counts as none
    status = main([str(fresh_project(tmp_path) / "annotate.yml"), "--today", TODAY], **apis(Clock()))
    assert capsys.readouterr().out == (
        "all fresh: 3 crates at their latest release, 2 cited versions not yanked, 1 note reviewed within 90 days, "
        "1 cited source unchanged\n")
    assert status == 0


def test_github_token_is_sent_to_github_only(replay):
    replay.get(f"{CRATES}example-tensors?include=versions",
               body=(FIXTURE / "responses" / "crates-io-example-tensors.json").read_bytes())
    replay.get("https://api.github.com/repos/example-owner/example-kernels/releases/latest",
               body=(FIXTURE / "responses" / "github-example-kernels-latest.json").read_bytes())
    sent = apis(Clock(), token="a-token")
    crates_io_releases(sent["crates_io"], "example-tensors")
    assert github_latest_release(sent["github"], "example-owner", "example-kernels").version == "v0.3.1"
    crates_io_call, github_call = replay.calls
    assert "Authorization" not in crates_io_call.request.headers
    assert github_call.request.headers["Authorization"] == "Bearer a-token"
    assert github_call.request.headers["Accept"] == "application/vnd.github+json"


FAILURES = {
    "no connection": (
        {"body": requests.ConnectionError("Failed to resolve 'crates.io'")},
        "could not connect to crates.io (no network, or the connection was refused or cut); "
        "check the connection and run make freshness again"),
    "connect timeout": (
        {"body": requests.ConnectTimeout("connect timed out")},
        "crates.io did not answer within 20 seconds; run make freshness again later"),
    "server error": (
        {"status": 503, "body": "Service unavailable"},
        "crates.io answered 503 Service Unavailable; run make freshness again later"),
    "429 without Retry-After": (
        {"status": 429, "body": "{}"},
        "crates.io is limiting requests (429 Too Many Requests); run make freshness again later"),
    "JSON of another shape": (
        {"json": {"errors": [{"detail": "something else"}]}},
        "crates.io's answer has no list of versions; its API may have changed"),
    "a version without its yanked flag": (
        {"json": {"versions": [{"num": "0.1.0", "created_at": "2026-01-01T00:00:00+00:00"}]}},
        "crates.io's answer lists a version without its number or yanked flag; its API may have changed"),
    "a date that is not a date": (
        {"json": {"versions": [{"num": "0.1.0", "yanked": False, "created_at": "yesterday"}]}},
        "crates.io's answer has a release date 'yesterday' that is not a date; its API may have changed"),
}


@pytest.mark.parametrize(("answer", "message"), FAILURES.values(), ids=FAILURES.keys())
def test_crates_io_failures_in_plain_words(replay, answer, message):
    replay.get(f"{CRATES}example-tensors?include=versions", **answer)
    with pytest.raises(RequestFailed) as failure:
        crates_io_releases(apis(Clock())["crates_io"], "example-tensors")
    assert failure.value.message == message


LATEST = "https://api.github.com/repos/example-owner/example-kernels/releases/latest"
GITHUB_FAILURES = {
    "no release or no repository": (
        None, {"status": 404, "json": {"message": "Not Found"}},
        "GitHub shows no published release of example-owner/example-kernels, or no such repository; check "
        "repository, or use releases: crates-io if the project publishes its releases there "
        "(GitHub answered 404 Not Found)"),
    "rate limit without a token": (
        None, {"status": 403, "headers": {"X-RateLimit-Remaining": "0"}, "json": {"message": "API rate limit"}},
        "GitHub is limiting requests (403 Forbidden); run make freshness again after the limit resets, within "
        "the hour, or set GITHUB_TOKEN to a GitHub token for a higher limit"),
    "rate limit with a token": (
        "a-token", {"status": 429, "headers": {"Retry-After": "120"}, "json": {}},
        "GitHub is limiting requests (429 Too Many Requests, retry after 120 seconds); run make freshness again "
        "after the limit resets, within the hour"),
    "a token GitHub refuses": (
        "a-token", {"status": 401, "json": {"message": "Bad credentials"}},
        "GitHub refused the credentials (401 Unauthorized); check the token it was given (GITHUB_TOKEN), "
        "or unset it"),
    "no tag": (
        None, {"json": {"name": "a release"}}, "GitHub's answer has no release tag; its API may have changed"),
}


@pytest.mark.parametrize(("token", "answer", "message"), GITHUB_FAILURES.values(), ids=GITHUB_FAILURES.keys())
def test_github_failures_in_plain_words(replay, token, answer, message):
    replay.get(LATEST, **answer)
    with pytest.raises(RequestFailed) as failure:
        github_latest_release(apis(Clock(), token)["github"], "example-owner", "example-kernels")
    assert failure.value.message == message


LINES = ["data/crates.yml:16:5: example-tensors is behind: ...", "docs/notes/stale-note.md:13:11: reviewed ..."]
DRIFTED = ["docs/notes/sources-note.md:18:10: sources[2].url https://docs.example.org/gone is gone (410 Gone); ..."]
SECTIONS = [(RELEASES, LINES), (SOURCES, DRIFTED)]
REPOSITORY = "example-owner/rust-ml-annotated"
BOT = "github-actions[bot]"
GRAPHQL = "https://api.github.com/graphql"


def sent(call) -> dict:
    return json.loads(call.request.body)


def own(number: int, body: str, *, author: str = BOT, labels: tuple[str, ...] = (LABEL,)) -> dict:
    """An open issue as GitHub lists it: number, title, body, author and labels."""
    return {"number": number, "title": ISSUE_TITLE, "body": body, "user": {"login": author},
            "labels": [{"name": name} for name in labels]}


def list_open(mock, issues, login: str = BOT):
    """The token's login, as GitHub's GraphQL API gives it, then the open issues with the watch's label by it."""
    mock.post(GRAPHQL, json={"data": {"viewer": {"login": login}}})
    mock.get(f"{ISSUES}?state=open&labels={LABEL}&creator=github-actions%5Bbot%5D&per_page=100&page=1", json=issues)


def test_in_the_workflow_findings_open_the_issue_and_the_run_passes(replay, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_REPOSITORY", REPOSITORY)
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    add_recorded(replay)
    add_pages(replay)
    # Neither an issue someone else opened, nor one of the watch's without its label, nor a pull request is its own.
    list_open(replay, [own(3, "", author="a-person"), own(4, "", labels=()), {**own(5, ""), "pull_request": {}}])
    replay.post(ISSUES, status=201, json={"number": 9, "labels": [{"name": LABEL}]})
    status = main([str(FIXTURE / "annotate.yml"), "--today", TODAY, "--open-issue"], **apis(Clock(), "t"))
    assert capsys.readouterr().out.splitlines()[-1] == "opened issue #9 listing 17 findings"
    assert status == 0
    body = issue_body([(RELEASES, EXPECTED), (SOURCES, DRIFT)])
    assert sent(replay.calls[-1]) == {"title": ISSUE_TITLE, "body": body, "labels": [LABEL]}
    # Drift is listed beside the releases, each under its own heading.
    assert f"### {RELEASES} (9)\n\n```text\n" + "\n".join(EXPECTED) + "\n```" in body
    assert f"### {SOURCES} (8)\n\n```text\n" + "\n".join(DRIFT) + "\n```" in body
    assert not [call for call in replay.calls if call.request.method in ("PATCH",) or "/comments" in call.request.url]


def test_a_label_github_dropped_is_added_to_the_new_issue(replay):
    list_open(replay, [])
    replay.post(ISSUES, status=201, json={"number": 9, "labels": []})
    replay.post(f"{ISSUES}/9/labels", json=[{"name": LABEL}])
    assert sync_issue(apis(Clock(), "t")["github"], REPOSITORY, SECTIONS, date(2026, 11, 29)) == (
        "opened issue #9 listing 3 findings")
    assert sent(replay.calls[-1]) == {"labels": [LABEL]}


def test_a_changed_list_updates_the_open_issue_and_says_so(replay):
    list_open(replay, [own(7, issue_body([(RELEASES, LINES[:1])]))])
    replay.patch(f"{ISSUES}/7", json={"number": 7})
    replay.post(f"{ISSUES}/7/comments", status=201, json={"id": 1})
    assert sync_issue(apis(Clock(), "t")["github"], REPOSITORY, SECTIONS, date(2026, 11, 29)) == (
        "updated issue #7: now 3 findings")
    assert sent(replay.calls[2]) == {"body": issue_body(SECTIONS)}
    assert sent(replay.calls[3]) == {"body": "The list changed on 2026-11-29: 3 things to check now."}


def test_an_unchanged_list_leaves_the_issue_alone(replay):
    list_open(replay, [own(7, issue_body(SECTIONS).replace("\n", "\r\n"))])
    assert sync_issue(apis(Clock(), "t")["github"], REPOSITORY, SECTIONS, date(2026, 11, 29)) == (
        "issue #7 already lists these 3 findings")
    assert len(replay.calls) == 2


def test_an_issue_the_watch_did_not_open_is_never_touched(replay):
    # Same title and label, but opened by a person: all fresh closes nothing, and findings open a new issue.
    list_open(replay, [own(7, issue_body(SECTIONS), author="a-person")])
    assert sync_issue(apis(Clock(), "t")["github"], REPOSITORY, [(RELEASES, []), (SOURCES, [])],
                      date(2026, 11, 29)) == "no freshness issue of this watch is open; nothing to close"
    assert [call.request.method for call in replay.calls] == ["POST", "GET"]  # the login, then the list


def test_all_fresh_closes_the_issue_with_a_comment(replay, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_REPOSITORY", REPOSITORY)
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    add_fresh_answers(replay)
    list_open(replay, [own(7, issue_body(SECTIONS))])
    replay.post(f"{ISSUES}/7/comments", status=201, json={"id": 1})
    replay.patch(f"{ISSUES}/7", json={"number": 7})
    status = main([str(fresh_project(tmp_path) / "annotate.yml"), "--today", TODAY, "--open-issue"],
                  **apis(Clock(), "t"))
    assert capsys.readouterr().out.splitlines()[-1] == "closed issue #7: all fresh"
    assert status == 0
    comment, close = (sent(call) for call in replay.calls
                      if call.request.method != "GET" and call.request.url != GRAPHQL)
    assert comment == {"body": "All fresh on 2026-11-29: nothing left to check."}
    assert close == {"state": "closed", "state_reason": "completed"}


def test_a_refused_issue_update_is_reported_in_plain_words(replay, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_REPOSITORY", REPOSITORY)
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    add_fresh_answers(replay)
    list_open(replay, [own(7, issue_body(SECTIONS))])
    replay.post(f"{ISSUES}/7/comments", status=403, json={"message": "Resource not accessible by integration"})
    status = main([str(fresh_project(tmp_path) / "annotate.yml"), "--today", TODAY, "--open-issue"],
                  **apis(Clock(), "t"))
    assert capsys.readouterr().err == (
        "could not update the freshness issue: GitHub refused the request (403 Forbidden); "
        "the token may lack a permission it needs\n")
    assert status == 1


def test_open_issue_needs_the_repository_and_a_token(capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    assert main([str(FIXTURE / "annotate.yml"), "--open-issue"]) == 2
    assert capsys.readouterr().err == (
        "--open-issue needs GITHUB_REPOSITORY (owner/name) and GITHUB_TOKEN; GitHub Actions sets both\n")


def test_the_issue_body_fence_outlasts_backticks_in_a_finding():
    # A release tag, as GitHub gives it, may hold backticks.
    body = issue_body([(RELEASES, ["data/crates.yml:16:5: tensors: GitHub's latest release is tagged ```x and "
                                   "the catalog records 1.2 (no latest_date); compare them on the release page and "
                                   "update latest and latest_date"])])
    assert "\n````text\n" in body
    assert body.count("````") == 2


def test_the_weekly_workflow_keeps_the_issue_with_minimal_permissions():
    text = (Path(__file__).parents[1] / ".github" / "workflows" / "freshness.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert triggers["schedule"][0]["cron"].endswith("* * 1")  # weekly, on Mondays
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["watch"]["permissions"] == {"contents": "read", "issues": "write"}
    (step,) = [step for step in workflow["jobs"]["watch"]["steps"] if "run" in step]
    assert step["run"] == "make freshness"
    assert step["env"]["OPEN_ISSUE"] == "true"
    assert step["env"]["GITHUB_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}"
    assert f'"{ISSUE_TITLE}"' in text


def test_problems_loading_the_notes_or_the_catalog_are_reported_as_make_check_reports_them(replay, capsys, tmp_path):
    """The watch loads the notes and the catalog as `make check` does: the same problems in the same words,
    at the same places, and no request to anyone."""
    project = copy_project(tmp_path)
    note = project / "docs" / "notes" / "facebooks-pytorch.md"
    note.write_text(note.read_text(encoding="utf-8").replace("\nreviewed:", "\nversions:\n  - tch\nreviewed:", 1),
                    encoding="utf-8")
    catalog = project / "data" / "crates.yml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        "    latest: 0.26.0\n", "    latest: 0.26.0\n    releases: gitlab\n", 1), encoding="utf-8")
    expected = [
        f"data/crates.yml:{line_of(catalog, 'releases: gitlab')}:15: crates[1].releases 'gitlab' is not on the scale "
        "(did you mean 'github'?); use one of: crates-io, github",
        f"docs/notes/facebooks-pytorch.md:{line_of(note, 'versions:') + 1}:5: versions[1] 'tch' must be written "
        "crate@version, such as burn@0.18.0",
    ]
    outcome = "2 problems in notes and data; fix them and run make {} again."
    checked = check(project)
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [*expected, outcome.format("check")]
    status = main([str(project / "annotate.yml")], **apis(Clock()))
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    assert err.splitlines() == [*expected, outcome.format("freshness")]
    assert not replay.calls


def test_a_token_whose_login_github_does_not_give_touches_no_issue(replay):
    replay.post(GRAPHQL, json={"errors": [{"message": "Resource not accessible by integration"}]})
    with pytest.raises(RequestFailed) as failure:
        sync_issue(apis(Clock(), "t")["github"], REPOSITORY, SECTIONS, date(2026, 11, 29))
    assert failure.value.message == (
        "GitHub did not say whose token this is (no viewer login); the token may be invalid")
    assert len(replay.calls) == 1
