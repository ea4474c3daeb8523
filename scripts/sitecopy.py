"""Copies of the site's sources, for building variants of it in tests and benchmarks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("annotate.yml", "mkdocs.yml", "docs", "overrides", "scripts", "data", "LICENSE", "LICENSE-notes")


def copy_sources(destination: Path) -> Path:
    """Copy what a build reads (not tests, not build output) into `destination`/project."""
    project = destination / "project"
    project.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    return project


def without_pinned_article(project: Path) -> None:
    """Drop the pin of the article's own words from a copy's settings: for a variant with an article of its own."""
    settings = project / "annotate.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(re.sub(r"^original:\n(?:[ \t]+.*\n)*", "", text, flags=re.MULTILINE), encoding="utf-8")
