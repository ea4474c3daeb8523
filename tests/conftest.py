"""Shared fixtures: the real site built once per test run, with MkDocs and with Zensical, and builds of variants.

Under pytest-xdist every worker asks for the same built sites; the first to ask builds each one into a
folder all workers share, and the others wait for it, so that each site is built once per run.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from annotate.__main__ import main as annotate_command
from sitecopy import copy_sources

ROOT = Path(__file__).resolve().parents[1]
ENGINE_SETTINGS = "annotate.yml"
TEST_REPO_URL = "https://github.com/example-owner/rust-ml-annotated"
ENV = {"NO_MKDOCS_2_WARNING": "1", "REPO_URL": TEST_REPO_URL, "EDIT_URI": "edit/main/docs/"}
ZENSICAL = Path(sys.executable).with_name("zensical")
# The published site: its address and an edition, as the deploy workflow builds it.
PUBLISHED_URL = "https://example.org/annotated/"
EDITION_VERSION, EDITION_DAY, EDITION_EPOCH = "2026.11.29", "2026-11-29", "1795910400"
PUBLISHED = (("SITE_URL", PUBLISHED_URL), ("SITE_VERSION", EDITION_VERSION), ("SOURCE_DATE_EPOCH", EDITION_EPOCH))


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def _run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, env={**os.environ, **env}, cwd=cwd)


@contextlib.contextmanager
def environment(env: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def engine(command: str, project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python -m annotate <command>` on the project at `project`, run in this process, which has the engine
    loaded already: the same code and output as the command, without starting Python again."""
    out, err = io.StringIO(), io.StringIO()
    with environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = annotate_command([command, str(project / ENGINE_SETTINGS)])
    return subprocess.CompletedProcess([command], code, out.getvalue(), err.getvalue())


def write_tree(project: Path, *extra_env: tuple[str, str]) -> subprocess.CompletedProcess[str]:
    """`python -m annotate tree`, as `make build` and `make zensical` run it first."""
    return engine("tree", project, {**ENV, **dict(extra_env)})


def check(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`make check` on the project at `project`."""
    return engine("check", project, env)


def check_command(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`make check` as a command of its own, in a new process."""
    return _run([sys.executable, "-m", "annotate", "check", str(project / ENGINE_SETTINGS)], env, project.parent)


def build_site(project: Path, site: Path, *extra_env: tuple[str, str]) -> BuildResult:
    """What `make build` does to the project at `project`: the build tree, then `mkdocs build --strict`."""
    tree = write_tree(project, *extra_env)
    if tree.returncode != 0:
        return BuildResult(tree.returncode, tree.stdout + tree.stderr, site)
    built = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(project / "mkdocs.yml"),
                  "--site-dir", str(site)], {**ENV, **dict(extra_env)}, project.parent)
    return BuildResult(built.returncode, tree.stdout + tree.stderr + built.stdout + built.stderr, site)


def build_with_zensical(project: Path, *extra_env: tuple[str, str]) -> BuildResult:
    """What `make zensical` does: the build tree, then `zensical build` into site-zensical/ of the project."""
    site = project / "site-zensical"
    tree = write_tree(project, *extra_env)
    if tree.returncode != 0:
        return BuildResult(tree.returncode, tree.stdout + tree.stderr, site)
    built = _run([str(ZENSICAL), "build", "--clean", "--config-file", str(project / "mkdocs.yml")],
                 {**ENV, **dict(extra_env), "SITE_DIR": "site-zensical"}, project)
    return BuildResult(built.returncode, tree.stdout + tree.stderr + built.stdout + built.stderr, site)


def copy_project(destination: Path) -> Path:
    """A copy of the project's sources (not its tests or build output) to change and build."""
    return copy_sources(destination)


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `name`, made once per test run by `make` and shared by every xdist worker."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    folder, done, lock = base / name, base / f"{name}.done", base / f"{name}.lock"
    try:
        descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        deadline = time.monotonic() + 300
        while not done.exists():
            if time.monotonic() > deadline:
                pytest.fail(f"{name} was not made within 5 minutes by another worker", pytrace=False)
            time.sleep(0.05)
        if done.read_text(encoding="utf-8") != "ok":
            pytest.fail(f"{name} could not be made: {done.read_text(encoding='utf-8')}", pytrace=False)
        return folder
    os.close(descriptor)
    try:
        make(folder)
    except BaseException as error:
        done.write_text(f"{type(error).__name__}: {error}", encoding="utf-8")
        raise
    done.write_text("ok", encoding="utf-8")
    return folder


def _built(result: BuildResult) -> Path:
    if result.returncode != 0:
        raise RuntimeError(result.output)
    return result.site


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the project's sources, from which the real site is built by each builder."""
    return shared(tmp_path_factory, "sources", copy_project) / "project"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, project_copy: Path) -> Path:
    """The real site as `make build` builds it, once per run."""
    def make(folder: Path) -> None:
        _built(build_site(project_copy, folder / "site"))

    return shared(tmp_path_factory, "mkdocs-site", make) / "site"


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory, project_copy: Path, built_site: Path) -> Path:
    """The same site as `make zensical` builds it, once per run (after the MkDocs build, from the same tree)."""
    def make(folder: Path) -> None:
        shutil.copytree(_built(build_with_zensical(project_copy)), folder / "site")

    return shared(tmp_path_factory, "zensical-site", make) / "site"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory, project_copy: Path) -> Path:
    """The site as the deploy workflow builds it: with its published address and an edition, once per run."""
    def make(folder: Path) -> None:
        _built(build_site(project_copy, folder / "site", *PUBLISHED))

    return shared(tmp_path_factory, "published-site", make) / "site"


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory, project_copy: Path, published_site: Path) -> Path:
    """The offline copy of the published site (`make offline`), pages as files to open from disk, once per run."""
    def make(folder: Path) -> None:
        _built(build_site(project_copy, folder / "site", *PUBLISHED, ("OFFLINE", "true")))

    return shared(tmp_path_factory, "offline-site", make) / "site"


@pytest.fixture
def replay():
    """Every web request answered from what the test registers; a registered answer left unasked fails the test."""
    import responses

    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock
