"""axe-core finds no accessibility violation on any page type, in either colour scheme, on a desktop or a phone.

Every rule axe runs by default stays on; a violation is fixed in the site, never silenced here. Every page
is checked on a desktop in both schemes. On a phone, the pages whose phone layout is their own are checked
too: the article and a note page (notes after their paragraph, the drawer instead of the sidebar), the
worksheet checked, and the two wide tables (ledger, answer key), in the light scheme, and the article
and the checked worksheet in the dark one as well. The other pages are text on the same layout.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .test_page_audits import assert_loads_cleanly

# name: (path, check the worksheet's answers first). The worksheet is checked before and after checking.
PAGES = {
    "article": ("/", False),
    "note": ("/notes/low-latency-garbage-collector/", False),
    "crates": ("/crates/", False),
    "claims": ("/claims/", False),
    "about": ("/about/", False),
    "corrections": ("/corrections/", False),
    "exercise": ("/exercise/", False),
    "exercise-checked": ("/exercise/", True),
    "answer-key": ("/answer-key/", False),
    "instructors": ("/instructors/", False),
}

#                        width height scheme
COMBOS = {"desktop-light": (1440, 900, "light"),
          "desktop-dark": (1440, 900, "dark"),
          "phone-light": (390, 844, "light"),
          "phone-dark": (390, 844, "dark")}

# Material's script sets this on <body> from the visitor's colour-scheme preference.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}

AXE = Axe()  # reads axe.min.js once


def describe(violations: list[dict]) -> str:
    """One line per failing element: rule, impact, CSS selector and axe's summary of what is wrong."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            target = " ".join(str(selector) for selector in node["target"])
            lines.append(f"[{violation['id']}] ({violation.get('impact')}) {target}: {summary}")
    return "\n".join(lines)


# Pages whose phone layout is their own, checked on a phone; some of them in the dark scheme too.
PHONE = {"phone-light": {"article", "note", "exercise-checked", "claims", "answer-key"},
         "phone-dark": {"article", "exercise-checked"}}
CHECKS = [pytest.param(name, combo, id=f"{name}-{combo}") for name in PAGES for combo in COMBOS
          if name in PHONE.get(combo, PAGES)]


@pytest.mark.parametrize(("name", "combo"), CHECKS)
def test_page_has_no_axe_violations(page, site_url, name, combo):
    path, check = PAGES[name]
    width, height, scheme = COMBOS[combo]
    opened = page(width=width, height=height, scheme=scheme)
    browser_page = opened.page
    browser_page.goto(path, wait_until="networkidle")  # includes what Material fetches after load
    expect(browser_page.locator("body")).to_have_attribute("data-md-color-scheme", MATERIAL_SCHEME[scheme])
    if combo == "desktop-light" and not check:
        # Each page type loads cleanly, with its metadata (test_page_audits.py), checked here to load it once.
        assert_loads_cleanly(opened, site_url, path.lstrip("/"))
    if check:
        browser_page.locator(".worksheet__sentence").first.click()
        browser_page.get_by_role("button", name="Check my answers").click()
        expect(browser_page.locator(".worksheet__summary")).to_be_visible()

    violations = AXE.run(browser_page).response["violations"]

    assert violations == [], f"axe violations on {path} ({combo}):\n{describe(violations)}"
