"""Full-page screenshots of `/` for people to look at; the test only checks the files were written.

They land in tests/artifacts/ (gitignored), named article-WIDTHxHEIGHT-SCHEME.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# A laptop in the light scheme and a phone in the dark one: both layouts and both schemes, to look at.
#         width height scheme
SHOTS = [(1440, 900, "light"),
         (390, 844, "dark")]


@pytest.mark.parametrize(("width", "height", "scheme"), SHOTS, ids=[f"{w}x{h}-{s}" for w, h, s in SHOTS])
def test_full_page_screenshot_of_the_article_is_saved(page, width, height, scheme):
    browser_page = page(width=width, height=height, scheme=scheme).page
    browser_page.goto("/", wait_until="networkidle")
    path = ARTIFACTS / f"article-{width}x{height}-{scheme}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)  # a stale file from an earlier run must not pass for a new one

    browser_page.screenshot(path=path, full_page=True, animations="disabled")

    assert path.read_bytes()[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
