"""Rehearses a GitHub Actions workflow on this machine, as its runner would run it, before GitHub does.

Each job starts from its own fresh clone of the repository's committed HEAD, as `actions/checkout` gives
it, and runs its `run:` steps in order with bash (`-eo pipefail`, as the runner does), each with what
GitHub gives a step: `GITHUB_ENV`, `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY` and `GITHUB_PATH` files,
`GITHUB_REPOSITORY` and the other `GITHUB_*` variables, and the workflow's, job's and step's `env:` with
their `${{ … }}` expressions evaluated. Jobs run in the order their `needs:` give; a job's `outputs:` are
read from its steps' outputs.

`uses:` steps are not run: actionlint and zizmor check them. The few actions the workflows use are stood
in for by what they leave behind for the `run:` steps: a clone, artifacts passed between jobs, and the
outputs of `configure-pages` and `deploy-pages`. An action or an expression the rehearsal does not know
stops it with a message, so that nothing new in a workflow goes unrehearsed unnoticed.

`gh` is a stub on `PATH` that records its arguments, and the files among them, as JSON lines.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPOSITORY = "example-owner/rust-ml-annotated"  # the repository the rehearsed workflows run for
PAGES_URL = "https://example-owner.github.io/rust-ml-annotated"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
STEP_SECONDS = 600
# What a job's steps find in the environment besides what the workflow sets: the machine's basics.
PASSED_THROUGH = ("HOME", "LANG", "LC_ALL", "TMPDIR", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS",
                  "PIP_CONFIG_FILE", "XDG_CACHE_HOME", "PYENV_ROOT")

GH_STUB = """#!{python}
# Records a call of gh (arguments, and size of each argument that names a file) instead of making it.
import json, os, sys
files = {{argument: os.path.getsize(argument) for argument in sys.argv[1:] if os.path.isfile(argument)}}
with open({log!r}, "a", encoding="utf-8") as log:
    log.write(json.dumps({{"args": sys.argv[1:], "files": files, "cwd": os.getcwd(),
                          "token": bool(os.environ.get("GH_TOKEN") or os.environ.get("GITHUB_TOKEN"))}}) + "\\n")
"""


class RehearsalError(AssertionError):
    """A step failed, or the workflow asks for something the rehearsal cannot stand in for."""


@dataclass
class Job:
    workspace: Path
    outputs: dict[str, str] = field(default_factory=dict)
    steps: dict[str, dict[str, str]] = field(default_factory=dict)
    summary: str = ""
    ran: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass
class Rehearsal:
    """Everything a workflow's jobs share: the repository they clone, the contexts, and what they leave."""

    repository: Path  # cloned at its committed HEAD for every job
    work: Path  # where the jobs' clones, files and stubs go
    github: dict[str, Any]  # the `github` context
    secrets: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)  # added to every step's environment
    skip: Callable[[str], str | None] = lambda run: None  # a reason not to run this `run:` script, or None
    artifacts: dict[str, Path] = field(default_factory=dict)
    pages: list[Path] = field(default_factory=list)
    jobs: dict[str, Job] = field(default_factory=dict)

    @property
    def gh_log(self) -> Path:
        return self.work / "gh-calls.jsonl"

    def gh_calls(self) -> list[dict[str, Any]]:
        if not self.gh_log.exists():
            return []
        return [json.loads(line) for line in self.gh_log.read_text(encoding="utf-8").splitlines()]

    def run(self, workflow: Path) -> dict[str, Job]:
        spec = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        stubs = self.work / "stubs"
        stubs.mkdir(parents=True, exist_ok=True)
        (stubs / "gh").write_text(GH_STUB.format(python=sys.executable, log=str(self.gh_log)), encoding="utf-8")
        (stubs / "gh").chmod(0o755)
        for name in _job_order(spec["jobs"]):
            self.jobs[name] = self._job(name, spec["jobs"][name], spec.get("env", {}))
        return self.jobs

    # ---------------------------------------------------------------------------------------------------

    def _job(self, name: str, job: dict[str, Any], workflow_env: dict[str, str]) -> Job:
        folder = self.work / name
        folder.mkdir()
        done = Job(workspace=folder / "workspace")
        files = {kind: folder / kind for kind in ("env", "path", "summary")}
        for path in files.values():
            path.touch()
        contexts = {"github": self.github, "secrets": self.secrets, "steps": {},
                    "needs": {need: {"outputs": self.jobs[need].outputs} for need in _needs(job)}}
        env = self._evaluated(workflow_env, contexts, {})
        env.update(self._evaluated(job.get("env", {}), contexts, env))
        for index, step in enumerate(job.get("steps", []), start=1):
            label = step.get("name") or step.get("uses") or step.get("run", "").strip()
            step_env = {**env, **_read_pairs(files["env"])}
            step_env.update(self._evaluated(step.get("env", {}), contexts, step_env))
            output = folder / f"output-{index}"
            output.touch()
            if "uses" in step:
                outputs = self._action(step, done, contexts, step_env)
                done.skipped.append(label)
            else:
                reason = self.skip(step["run"].strip())
                if reason:
                    done.skipped.append(f"{label} ({reason})")
                    continue
                self._run_step(label, step, done, step_env, files, output)
                outputs = _read_pairs(output)
                done.ran.append(label)
            if "id" in step:
                contexts["steps"][step["id"]] = {"outputs": outputs}
        done.summary = files["summary"].read_text(encoding="utf-8")
        done.outputs = self._evaluated(job.get("outputs", {}), contexts, {})
        return done

    def _run_step(self, label: str, step: dict[str, Any], job: Job, step_env: dict[str, str],
                  files: dict[str, Path], output: Path) -> None:
        if not job.workspace.exists():
            raise RehearsalError(f"step {label!r} runs before any checkout; the rehearsal has no workspace for it")
        script = job.workspace.parent / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        environ = self._base_env(job.workspace)
        environ.update(step_env)
        environ.update({"GITHUB_ENV": str(files["env"]), "GITHUB_PATH": str(files["path"]),
                        "GITHUB_STEP_SUMMARY": str(files["summary"]), "GITHUB_OUTPUT": str(output)})
        try:
            done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                                  cwd=job.workspace / step.get("working-directory", "."), env=environ,
                                  capture_output=True, text=True, timeout=STEP_SECONDS, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise RehearsalError(f"step {label!r} did not finish within {STEP_SECONDS} s") from None
        if done.returncode != 0:
            raise RehearsalError(f"step {label!r} failed with exit code {done.returncode}:\n"
                                 f"{done.stdout[-4000:]}\n{done.stderr[-4000:]}")

    def _base_env(self, workspace: Path) -> dict[str, str]:
        """What the runner's shell starts with: the machine's PATH (without any virtual environment of the
        process running the rehearsal), the stubs first, and the runner's own variables."""
        venv = os.environ.get("VIRTUAL_ENV")
        own_bin = str(Path(sys.executable).parent)
        path = [entry for entry in os.environ.get("PATH", "").split(os.pathsep)
                if entry and entry != own_bin and not (venv and entry.startswith(venv))]
        environ = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
        repository = self.github["repository"]
        environ.update({
            "PATH": os.pathsep.join([str(self.work / "stubs"), *path]),
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_REPOSITORY": repository, "GITHUB_REPOSITORY_OWNER": repository.split("/")[0],
            "GITHUB_SERVER_URL": self.github["server_url"], "GITHUB_API_URL": self.github["api_url"],
            "GITHUB_EVENT_NAME": self.github["event_name"], "GITHUB_REF": self.github["ref"],
            "GITHUB_SHA": self.github["sha"], "GITHUB_RUN_ID": "1", "GITHUB_RUN_NUMBER": "1",
            "RUNNER_TEMP": str(self.work / "runner-temp"), "RUNNER_OS": "Linux",
        })
        (self.work / "runner-temp").mkdir(exist_ok=True)
        environ.update(self.env)
        return environ

    def _action(self, step: dict[str, Any], job: Job, contexts: dict[str, Any],
                step_env: dict[str, str]) -> dict[str, str]:
        """What the action leaves for the `run:` steps, and its outputs."""
        action = step["uses"].split("@", 1)[0]
        given = self._evaluated(step.get("with", {}), {**contexts, "env": step_env}, step_env)
        if action == "actions/checkout":
            depth = [] if str(given.get("fetch-depth", "1")) == "0" else ["--depth", str(given.get("fetch-depth", 1))]
            subprocess.run(["git", "clone", "--quiet", "--no-local", *depth, f"file://{self.repository}",
                            str(job.workspace)], check=True, capture_output=True)
            if given.get("ref"):
                subprocess.run(["git", "-C", str(job.workspace), "checkout", "--quiet", "--detach", given["ref"]],
                               check=True, capture_output=True)
            return {}
        if action == "actions/setup-python":
            return {}
        if action == "actions/configure-pages":
            return {"base_url": self.github["pages_url"], "origin": self.github["pages_url"], "host": "",
                    "base_path": ""}
        if action == "actions/upload-pages-artifact":
            folder = job.workspace / given.get("path", "_site/")
            if not (folder / "index.html").is_file():
                raise RehearsalError(f"upload-pages-artifact was given {given.get('path')}, which has no index.html")
            self.pages.append(folder)
            return {}
        if action == "actions/upload-artifact":
            source = job.workspace / given["path"]
            if not source.exists():
                raise RehearsalError(f"upload-artifact found nothing at {given['path']!r}")
            kept = self.work / "artifacts" / given["name"]
            kept.mkdir(parents=True)
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, kept / source.name)
            self.artifacts[given["name"]] = kept
            return {}
        if action == "actions/download-artifact":
            kept = self.artifacts.get(given["name"])
            if kept is None:
                raise RehearsalError(f"download-artifact: no earlier job uploaded an artifact named {given['name']!r}")
            shutil.copytree(kept, job.workspace / given.get("path", "."), dirs_exist_ok=True)
            return {}
        if action == "actions/deploy-pages":
            if not self.pages:
                raise RehearsalError("deploy-pages: no earlier job uploaded a Pages artifact")
            return {"page_url": self.github["pages_url"] + "/"}
        raise RehearsalError(f"the rehearsal does not know the action {action!r}; say in tests/rehearsal.py "
                             "what it leaves for the run: steps")

    def _evaluated(self, values: dict[str, Any], contexts: dict[str, Any], env: dict[str, str]) -> dict[str, str]:
        return {key: _expand(str(value), {**contexts, "env": env}) for key, value in (values or {}).items()}


def _expand(text: str, contexts: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        found: Any = contexts
        for part in match[1].split("."):
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", part) or not isinstance(found, dict) or part not in found:
                raise RehearsalError(f"the rehearsal cannot evaluate ${{{{ {match[1]} }}}}: teach tests/rehearsal.py "
                                     "this context, or use one it knows")
            found = found[part]
        return str(found)
    return EXPRESSION.sub(value, text)


def _read_pairs(path: Path) -> dict[str, str]:
    """`NAME=value` lines and `NAME<<DELIMITER` blocks, as GitHub reads GITHUB_ENV and GITHUB_OUTPUT."""
    pairs: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, index + 1)
            pairs[name] = "\n".join(lines[index + 1:end])
            index = end + 1
            continue
        if "=" in line:
            name, text = line.split("=", 1)
            pairs[name] = text
        index += 1
    return pairs


def _needs(job: dict[str, Any]) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def _job_order(jobs: dict[str, Any]) -> list[str]:
    order: list[str] = []
    while len(order) < len(jobs):
        ready = [name for name, job in jobs.items() if name not in order and set(_needs(job)) <= set(order)]
        if not ready:
            raise RehearsalError("the jobs' needs: form a cycle")
        order.extend(ready)
    return order


def rehearsal(root: Path, work: Path, event: str, *, base: str = "", **options: Any) -> Rehearsal:
    """A rehearsal of the repository at `root`, for an `event` (push, pull_request, schedule) on main; a
    pull request goes from the commit `base` to `root`'s HEAD."""
    head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    github = {
        "repository": REPOSITORY, "repository_owner": REPOSITORY.split("/")[0], "server_url": "https://github.com",
        "api_url": "https://api.github.com", "event_name": event, "ref": "refs/heads/main", "sha": head,
        "token": "rehearsal-token", "base_ref": "main" if event == "pull_request" else "",
        "event": {"repository": {"default_branch": "main"},
                  "pull_request": {"number": 1, "base": {"sha": base or head}, "head": {"sha": head}}},
        "pages_url": PAGES_URL,
    }
    return Rehearsal(repository=root, work=work, github=github, secrets={"GITHUB_TOKEN": "rehearsal-token"},
                     **options)
