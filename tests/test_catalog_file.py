"""Each kind of broken crate catalog, and each unknown crate a note names, gets one located message."""

from __future__ import annotations

import pytest
from annotate.catalog import load_catalog
from annotate.project import Project, load_content
from conftest import copy_project
from helpers import render_markdown

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
"""
P = "data/crates.yml"

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
    catalog, messages = load(tmp_path, VALID)
    assert messages == []
    assert catalog["burn"].crates_io == "https://crates.io/crates/burn"


@pytest.mark.parametrize(("change", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_catalog_reports_file_line_and_fix(tmp_path, change, expected):
    old, new = change
    assert old in VALID
    catalog, messages = load(tmp_path, VALID.replace(old, new, 1))
    assert messages == expected
    assert catalog == {}


def test_a_crate_listed_twice_is_reported_at_the_second_entry(tmp_path):
    entry = VALID.split("crates:\n", 1)[1]
    _, messages = load(tmp_path, VALID + entry)
    assert messages == [f"{P}:13:5: crate 'burn' is listed twice; keep one entry"]


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
    content = load_content(Project(project, project / "docs"), render_markdown)
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
    content = load_content(Project(project, project / "docs"), render_markdown)
    item_line = note.read_text(encoding="utf-8").splitlines().index("  - tch-rs@0.18.0") + 1
    assert [str(p) for p in content.problems.sorted()] == [
        f"docs/notes/facebooks-pytorch.md:{item_line}:5: crate 'tch-rs' is not in data/crates.yml "
        "(did you mean 'tch'?); add an entry there or correct the name"
    ]
