"""Shared fixtures: the real site built once per test session, and a way to build variants of it."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitecopy import copy_sources

ROOT = Path(__file__).resolve().parents[1]
TEST_REPO_URL = "https://github.com/example-owner/rust-ml-annotated"


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def build_site(project: Path, site: Path, *extra_env: tuple[str, str]) -> BuildResult:
    """Run `mkdocs build --strict` on the project at `project`, as `make build` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REPO_URL": TEST_REPO_URL, "EDIT_URI": "edit/main/docs/"}
    env.update(dict(extra_env))
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
         "--site-dir", str(site)],
        capture_output=True, text=True, env=env, cwd=project.parent,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site)


def copy_project(destination: Path) -> Path:
    """A copy of the project's sources (not its tests or build output) to change and build."""
    return copy_sources(destination)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once from the working tree; fails the session if the build fails."""
    result = build_site(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.output
    return result.site
