"""README's pictures of `/`: `make screenshots` (after `make build`) writes them to screenshots/.

Each is one screen, taken in the system Chromium: a laptop at 1440 px in the light and the dark scheme,
with a note that answers several claims opened from its number, so that it shows open over the notes
below and its words lit, and a phone at 390 px with one note opened by a tap on its number.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading

from headless import launch
from sitecopy import ROOT

SITE = ROOT / "site"
OUT = ROOT / "screenshots"
# name: (width, height, colour scheme, the note to open from the number of its own claim)
SHOTS = {
    "article-1440-light": (1440, 900, "light", "note-low-latency-garbage-collector"),
    "article-1440-dark": (1440, 900, "dark", "note-low-latency-garbage-collector"),
    "article-390-light": (390, 844, "light", "note-fast-and-safe"),
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No request log."""


def main() -> int:
    from playwright.sync_api import sync_playwright

    if not (SITE / "index.html").exists():
        sys.exit("site/ is not built: run `make build` first")
    chromium = subprocess.run([str(ROOT / "scripts" / "find-chromium.sh")], capture_output=True, text=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright, chromium.stdout.strip(), ["--no-sandbox"])
        for name, (width, height, scheme, note) in SHOTS.items():
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/", wait_until="networkidle")
            number = page.locator(f"#quote-{note.removeprefix('note-')} > .ann-ref a")
            # The note's section from its heading, or the article from its start.
            page.evaluate("""(id) => {
              const section = document.getElementById(id).closest('.article-section');
              const top = section.querySelector('h2') ? section : document.querySelector('.md-content h1');
              window.scrollTo(0, top.getBoundingClientRect().top + scrollY - 70);
            }""", note)
            number.click()
            page.wait_for_timeout(300)
            page.screenshot(path=OUT / f"{name}.png", animations="disabled")
            context.close()
            print(f"wrote screenshots/{name}.png")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
