"""Each kind of broken crate catalog, and each unknown crate a note names, gets one located message."""

from __future__ import annotations

import re

import pytest
from annotate.catalog import categories, load_catalog, statuses
from annotate.pages import crate_guide
from conftest import copy_project
from helpers import load_project

VALID = """\
# yaml-language-server: $schema=../schemas/crates.schema.json
crates:
  - name: burn
    category: framework
    description: Deep-learning framework.
    repository: https://github.com/tracel-ai/burn
    documentation: https://burn.dev/docs/burn
    license: MIT OR Apache-2.0
    maintainer: Tracel
    status: active
    status_as_of: 2026-08-21
    status_source: https://github.com/tracel-ai/burn
    latest: 0.22.1
    latest_date: 2026-10-20
"""
P = "data/crates.yml"
GITHUB_RELEASES = """\
  - name: text-embeddings-inference
    category: inference
    description: Embedding server.
    repository: https://github.com/huggingface/text-embeddings-inference
    documentation: https://github.com/huggingface/text-embeddings-inference
    license: Apache-2.0
    maintainer: Hugging Face
    status: active
    status_as_of: 2026-09-15
    status_source: https://github.com/huggingface/text-embeddings-inference/pull/928
    releases: github
"""

# (old, new) in VALID -> the exact messages
BROKEN = {
    "unknown status": (("status: active", "status: alive"),
                       [f"{P}:10:13: crates[1].status 'alive' is not on the scale (did you mean 'active'?); "
                        "use one of: active, low-activity, dormant, archived, moved"]),
    "unknown key": (("maintainer:", "maintainers:"),
                    [f"{P}:3:5: missing required key 'maintainer'",
                     f"{P}:9:5: unknown key 'maintainers' (did you mean 'maintainer'?)"]),
    "http repository": (("repository: https://", "repository: http://"),
                        [f"{P}:6:17: crates[1].repository 'http://github.com/tracel-ai/burn' is not an https URL; "
                         "links must start with https://"]),
    "bad date": (("status_as_of: 2026-08-21", "status_as_of: August 2026"),
                 [f"{P}:11:19: crates[1].status_as_of 'August 2026' is not a date written YYYY-MM-DD"]),
    "date without a latest": (("    latest: 0.22.1\n", ""),
                              [f"{P}:3:5: crates[1] gives latest_date but not latest; "
                               "add latest, or remove latest_date"]),
    "free text in latest": (("latest: 0.22.1", "latest: 0.21.0, tagged 2026-05-07"),
                            [f"{P}:13:13: crates[1].latest '0.21.0, tagged 2026-05-07' must be a version number "
                             "such as 0.22.1 or 2.0.0-rc.13, without a leading 'v' or other words; "
                             "put notes about the release in a YAML comment"]),
    "bad latest_date": (("latest_date: 2026-10-20", "latest_date: October 2026"),
                        [f"{P}:14:18: crates[1].latest_date 'October 2026' is not a date written YYYY-MM-DD"]),
    "unknown release channel": (("    latest: 0.22.1\n", "    releases: pypi\n    latest: 0.22.1\n"),
                                [f"{P}:13:15: crates[1].releases 'pypi' is not on the scale; "
                                 "use one of: crates-io, github"]),
    "GitHub releases of a repository elsewhere": (
        (("repository: https://github.com/tracel-ai/burn", "repository: https://codeberg.org/tracel-ai/burn"),
         ("    latest: 0.22.1\n", "    releases: github\n    latest: 0.22.1\n")),
        [f"{P}:6:17: crates[1].repository 'https://codeberg.org/tracel-ai/burn' must be a GitHub repository, "
         "https://github.com/<owner>/<name>, when releases is github: its releases are where new versions appear"]),
    "malformed YAML": (("  - name: burn", "  - name: [burn"),
                       [f"{P}:4:13: malformed YAML: expected ',' or ']', but got ':', "
                        "while parsing a flow sequence that starts on line 3"]),
}


def load(tmp_path, text):
    path = tmp_path / "crates.yml"
    path.write_text(text, encoding="utf-8")
    catalog, problems = load_catalog(path, P)
    return catalog, [str(problem) for problem in problems.sorted()]


def test_valid_catalog_loads(tmp_path):
    catalog, messages = load(tmp_path, VALID + GITHUB_RELEASES)
    assert messages == []
    burn, tei = catalog["burn"], catalog["text-embeddings-inference"]
    assert (burn.latest, burn.latest_date, burn.releases) == ("0.22.1", "2026-10-20", "crates-io")
    assert burn.releases_page == "https://crates.io/crates/burn"
    assert (tei.latest, tei.latest_date, tei.releases) == (None, None, "github")
    assert tei.releases_page == "https://github.com/huggingface/text-embeddings-inference/releases"


def test_crate_guide_shows_the_latest_release_and_where_releases_are_listed(tmp_path):
    catalog, _ = load(tmp_path, VALID + GITHUB_RELEASES)
    guide = "".join(crate_guide(catalog, [], categories(), statuses(), lambda note: "")[1].values())
    burn, tei = (re.search(rf'<div class="crate" id="{name}">(.*?)</div>', guide, re.DOTALL).group(1)
                 for name in ("burn", "text-embeddings-inference"))
    assert 'Latest release seen: 0.22.1 (<time datetime="2026-10-20">2026-10-20</time>).' in burn
    assert '<a href="https://crates.io/crates/burn">crates.io</a>' in burn
    assert "Latest release seen" not in tei
    assert "crates.io" not in tei
    undated, _ = load(tmp_path, VALID.replace("    latest_date: 2026-10-20\n", ""))
    undated_guide = "".join(crate_guide(undated, [], categories(), statuses(), lambda note: "")[1].values())
    assert "Latest release seen: 0.22.1 (release date not confirmed)." in undated_guide
    assert ('<a href="https://github.com/huggingface/text-embeddings-inference/releases">GitHub releases</a>'
            in tei)


@pytest.mark.parametrize(("change", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_catalog_reports_file_line_and_fix(tmp_path, change, expected):
    text = VALID
    for old, new in change if isinstance(change[0], tuple) else (change,):
        assert old in text
        text = text.replace(old, new, 1)
    catalog, messages = load(tmp_path, text)
    assert messages == expected
    assert catalog == {}


def test_a_crate_listed_twice_is_reported_at_the_second_entry(tmp_path):
    entry = VALID.split("crates:\n", 1)[1]
    _, messages = load(tmp_path, VALID + entry)
    assert messages == [f"{P}:15:5: crate 'burn' is listed twice; keep one entry"]


def test_missing_catalog_is_reported(tmp_path):
    catalog, problems = load_catalog(tmp_path / "absent.yml", P)
    assert catalog == {}
    assert [str(p) for p in problems.sorted()] == [
        f"{P}:1:1: the crate catalog is missing; notes name crates from this file"
    ]


def test_a_note_naming_an_unknown_crate_is_reported_at_its_crates_key(tmp_path):
    project = copy_project(tmp_path)
    note = project / "docs" / "notes" / "facebooks-pytorch.md"
    note.write_text(note.read_text(encoding="utf-8").replace("  - tch\n", "  - tch-rs\n", 1), encoding="utf-8")
    content = load_project(project)
    lines = note.read_text(encoding="utf-8").splitlines()
    item_line = lines.index("  - tch-rs") + 1
    assert [str(p) for p in content.problems.sorted()] == [
        f"docs/notes/facebooks-pytorch.md:{item_line}:5: crate 'tch-rs' is not in data/crates.yml "
        "(did you mean 'tch'?); add an entry there or correct the name"
    ]


def test_a_version_of_a_crate_the_catalog_does_not_list_is_reported_at_its_line(tmp_path):
    project = copy_project(tmp_path)
    note = project / "docs" / "notes" / "facebooks-pytorch.md"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "\nreviewed:", "\nversions:\n  - tch-rs@0.18.0\nreviewed:", 1), encoding="utf-8")
    content = load_project(project)
    item_line = note.read_text(encoding="utf-8").splitlines().index("  - tch-rs@0.18.0") + 1
    assert [str(p) for p in content.problems.sorted()] == [
        f"docs/notes/facebooks-pytorch.md:{item_line}:5: crate 'tch-rs' is not in data/crates.yml "
        "(did you mean 'tch'?); add an entry there or correct the name"
    ]
