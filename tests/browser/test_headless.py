"""The browser the tests drive keeps every feature Playwright switches off, and the unused interface pages too."""

from __future__ import annotations

from headless import DISABLE_FEATURES, UNUSED_BROWSER_UI, _launched_chromium_arguments


def features(switch: str) -> set[str]:
    return set(switch.removeprefix(DISABLE_FEATURES).split(","))


def test_the_last_disable_features_switch_holds_playwrights_list_and_the_unused_interface(browser):
    switches = [argument for argument in _launched_chromium_arguments() if argument.startswith(DISABLE_FEATURES)]

    assert len(switches) == 2, f"expected Playwright's switch and the extended one, found {switches}"
    playwrights, last = features(switches[0]), features(switches[-1])  # Chromium keeps the last one
    assert "PaintHolding" in playwrights, "Playwright's list no longer looks like it: check headless.py"
    assert playwrights <= last, f"lost from Playwright's list: {sorted(playwrights - last)}"
    assert set(UNUSED_BROWSER_UI) <= last
