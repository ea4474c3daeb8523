"""Limits on what the Markdown actually does (issue 21, item 4).

A body of three backticks then 11,900 `[` took 16 s to check and 34 s to build, and was published:
the paragraph limits skipped it as code, while the Markdown, finding the fence never closed, read it
as prose. A fence is now read as the Markdown reads it, and one left open is refused; and every
conversion has a time budget.
"""

from __future__ import annotations

import time

import pytest
from annotate.budget import OverBudget, time_budget
from conftest import build_site, copy_project
from helpers import NOTE_WITH_TEXT, load_note_text

P = "docs/notes/a-note.md"
OPEN = "the body opens a code block with '{fence}' and never closes it; end the code with a line of {fence}, and " \
       "nothing else on that line"


@pytest.mark.parametrize(("body", "fence", "line"), [
    ("```\n" + "[" * 11_900, "```", 12),
    ("~~~~\n" + "[" * 11_900 + "\n~~~", "~~~~", 12),  # closed with fewer than opened it
    ("Text.\n\n```\n" + "[" * 11_900 + "\n```rust", "```", 14),  # a closing fence has no info string
])
def test_a_fence_left_open_is_refused_at_once(tmp_path, body, fence, line):
    started = time.process_time()
    note, messages = load_note_text(tmp_path, NOTE_WITH_TEXT.format(summary="A summary.", body=body))
    assert time.process_time() - started < 1
    assert note is None
    assert messages == [f"{P}:{line}:1: " + OPEN.format(fence=fence)]


def test_a_closed_fence_still_holds_code_of_any_shape(tmp_path):
    code = "```rust\nlet x: Vec<Vec<u8>> = vec![vec![]; 3]; // " + "[" * 60 + "\n```"
    note, messages = load_note_text(tmp_path, NOTE_WITH_TEXT.format(summary="A summary.", body=code))
    assert messages == [] and note is not None


def test_the_build_refuses_the_open_fence(tmp_path):
    project = copy_project(tmp_path)
    (project / "docs" / "notes" / "slow.md").write_text(
        NOTE_WITH_TEXT.format(summary="A summary.", body="```\n" + "[" * 11_900), encoding="utf-8")
    started = time.process_time()  # the engine refuses it in this process, before any builder starts
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
    assert "docs/notes/slow.md:12:1: " + OPEN.format(fence="```") in result.output
    assert time.process_time() - started < 5


def test_work_past_its_budget_is_stopped():
    started = time.process_time()
    with pytest.raises(OverBudget), time_budget(0.05):
        while True:
            pass
    assert time.process_time() - started < 0.5
