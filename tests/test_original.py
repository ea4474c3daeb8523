"""The article's own words are pinned: `make check` refuses the original file changed from its digest in the
settings, and an article page that does not read as exactly the file's lines."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from conftest import check
from helpers import ROOT
from test_review_gate import ORIGINAL, edit, pinned_site


def problems(project: Path) -> list[str]:
    result = check(project)
    assert result.returncode == (1 if result.stderr else 0)
    return re.findall(r"^\S+:\d+:\d+: .+$", result.stderr, re.MULTILINE)


def test_the_real_site_pins_its_original():
    settings = (ROOT / "annotate.yml").read_text(encoding="utf-8")
    pinned = re.search(r"^  sha256: ([0-9a-f]{64})$", settings, re.MULTILINE).group(1)
    assert pinned == hashlib.sha256((ROOT / "data" / "original.txt").read_bytes()).hexdigest()


def test_the_example_with_its_original_pinned_passes(tmp_path):
    assert problems(pinned_site(tmp_path)) == []


def test_a_changed_original_is_refused(tmp_path):
    project = pinned_site(tmp_path)
    (project / "data" / "original.txt").write_text(ORIGINAL.replace("never", "rarely"), encoding="utf-8")
    [problem] = problems(project)
    assert problem.startswith("data/original.txt:1:1: data/original.txt has the SHA-256 digest ")
    assert f"but annotate.yml pins {hashlib.sha256(ORIGINAL.encode()).hexdigest()}; " in problem


def test_a_word_changed_on_the_page_is_refused_at_its_line(tmp_path):
    project = pinned_site(tmp_path)
    edit(project, "docs/article.md", "does its heavy work", "does its heavier work")
    [problem] = [found for found in problems(project) if "the article page" in found]
    lines = (project / "docs/article.md").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, start=1) if "heavier" in text)
    assert problem.startswith(f"docs/article.md:{line}:1: the article page reads \"")
    assert "does its heavier work" in problem and "data/original.txt line 7 has" in problem
    assert "does its heavy work" in problem.split("line 7 has")[1]


def test_words_added_after_the_article_are_refused(tmp_path):
    project = pinned_site(tmp_path)
    edit(project, "docs/article.md", "move threaded work to Rust.", "move threaded work to Rust.\n\nAnd more.")
    [problem] = [found for found in problems(project) if "the article page" in found]
    assert "the article page goes on with \"And more.\" after the last line of data/original.txt it shows" in problem
