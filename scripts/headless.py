"""The system Chromium, headless, without the browser interface pages that nothing here uses.

Chromium's headless mode still builds the address bar's suggestion popup, a web page of several hundred
modules, for each new tab and each navigation. On this project's two cores it tripled the CPU time of
loading `/` (0.91 s against 0.31 s), which slows the browser tests and, by taking CPU from the page,
inflates what Lighthouse measures. Its features are switched off for the tests, the screenshots and
Lighthouse.

Chromium keeps only the last --disable-features switch on its command line, and both Playwright and
Lighthouse's launcher pass a list of their own, so that list is read and extended, never replaced.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

UNUSED_BROWSER_UI = ("WebUIOmniboxPopup", "WebUIOmniboxFullPopup", "WebUIOmniboxAimPopup")
DISABLE_FEATURES = "--disable-features="


def disable_features_switch(launcher_arguments: list[str]) -> str:
    """One --disable-features switch: every feature the launcher's own switches disable, and UNUSED_BROWSER_UI."""
    features = [feature for argument in launcher_arguments if argument.startswith(DISABLE_FEATURES)
                for feature in argument.removeprefix(DISABLE_FEATURES).split(",") if feature]
    return DISABLE_FEATURES + ",".join(dict.fromkeys([*features, *UNUSED_BROWSER_UI]))


def _launched_chromium_arguments() -> list[str]:
    """The command line of the Chromium browser process this process started (through Playwright's driver).

    Empty where /proc does not exist: Chromium then runs with Playwright's switches alone.
    """
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        children.setdefault(parent, []).append(int(entry.name))
    waiting = [os.getpid()]
    while waiting:
        process = waiting.pop()
        try:
            arguments = Path(f"/proc/{process}/cmdline").read_bytes().decode().split("\0")
        except OSError:
            arguments = []
        if "--remote-debugging-pipe" in arguments and not any(a.startswith("--type=") for a in arguments):
            return arguments
        waiting.extend(children.get(process, []))
    return []


def launch(playwright: Playwright, executable: str, arguments: list[str]) -> Browser:
    """Chromium at `executable`, headless, with `arguments` and the unused interface pages switched off."""
    probe = playwright.chromium.launch(executable_path=executable, args=arguments)
    try:
        own = _launched_chromium_arguments()
    finally:
        probe.close()
    return playwright.chromium.launch(executable_path=executable, args=[*arguments, disable_features_switch(own)])


def lighthouse_disable_features(root: Path) -> str:
    """The --disable-features switch to give Lighthouse: its launcher's own list, extended."""
    script = "console.log(JSON.stringify(require('chrome-launcher').Launcher.defaultFlags()))"
    found = subprocess.run(["node", "-e", script], capture_output=True, text=True, cwd=root, check=True)
    return disable_features_switch(json.loads(found.stdout))
