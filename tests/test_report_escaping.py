"""Reports print contributor text escaped, and bounded (issue 21, items 5 and 6).

A value with a line break then `::warning …`, `::add-mask::` or `::stop-commands::`, or `##[warning]`
anywhere, used to reach the plain report as a workflow command of its own; 640 identical claims in
one note used to print 408,961 messages.
"""

from __future__ import annotations

import time

from annotate.banner import MAX_LINES, banner
from annotate.problems import MAX_PER_FILE, Problem, Problems, printable
from conftest import check, copy_project

FORGED = ["x\n::warning file=a::forged", "x\r::add-mask::secret", "x\n::stop-commands::token",
          "x ##[warning]forged", "x\u2028::error::y", "x\x85::error::y"]


def test_a_printed_problem_is_one_line_that_no_runner_reads_as_a_command():
    for value in FORGED:
        line = str(Problem("docs/notes/a.md", 3, 4, f"crate '{value}' is not in data/crates.yml"))
        assert line.splitlines() == [line] and "\x85" not in line and "\u2028" not in line
        assert "##[" not in line and not line.startswith("::")
    assert printable("::warning::x") == "\\::warning::x"
    assert printable("a\nb\tc") == "a\\nb\\tc"


def test_check_prints_a_forged_command_in_a_crate_name_as_text(tmp_path):
    project = copy_project(tmp_path)
    note = project / "docs" / "notes" / "fast-and-safe.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("\nreviewed:", '\ncrates: ["x\\n::warning::forged ##[error]y"]\nreviewed:', 1),
                    encoding="utf-8")
    plain = check(project)
    annotated = check(project, GITHUB_ACTIONS="true")
    assert plain.returncode == annotated.returncode == 1
    lines = plain.stderr.splitlines()
    assert any("crate 'x\\n::warning::forged ##\\[error]y' is not in data/crates.yml" in line for line in lines)
    for line in lines + annotated.stdout.splitlines():
        assert "##[" not in line
        assert not line.startswith("::") or line.startswith("::error file=")


def test_identical_claims_give_one_message_each_and_at_most_fifty_per_file(tmp_path):
    project = copy_project(tmp_path)
    count = 500  # as many identical claims, each with its own summary, as a 32 KiB note holds
    claims = "".join(f"  - {{id: c{i},quote: and npm,verdict: accurate,summary: S}}\n" for i in range(count))
    note = project / "docs" / "notes" / "flood.md"
    note.write_text(
        "---\ntitle: A note\nsection: introduction\nquote: Dropbox and npm\nverdict: accurate\nsummary: S.\n"
        f"claims:\n{claims}reviewed: 2026-11-24\nchanges: []\n---\n\nBody. [@article]\n", encoding="utf-8")
    assert len(note.read_bytes()) < 32 * 1024
    started = time.process_time()  # the work it takes, whatever else the machine is doing
    completed = check(project, GITHUB_ACTIONS="true")
    assert time.process_time() - started < 5
    lines = completed.stderr.splitlines()
    assert lines[0] == ("docs/notes/flood.md:8:20: claims[1].quote has the same words as claims[2] of "
                        f"docs/notes/flood.md and {count - 2} more; keep one quote of those words, with one verdict")
    assert len(lines) == MAX_PER_FILE + 2
    assert lines[-2] == (f"docs/notes/flood.md:58:21: and {count - MAX_PER_FILE} more problems in this file, "
                         "not shown; fix those above and check again")
    assert lines[-1].startswith(f"{count} problems in notes and data")
    assert len(completed.stdout.splitlines()) == MAX_PER_FILE + 1


def test_the_serve_banner_is_capped_and_escaped():
    problems = Problems()
    for index in range(300):
        problems.add(f"docs/notes/n{index}.md", 1, 1, "x" * 2000 + "\n::warning::y")
    notice = banner(problems.report("the site was not built."))
    assert len(notice) < 100_000
    assert notice.count("docs/notes/n") == MAX_LINES
    assert "201 more lines" in notice and "\n::warning" not in notice
