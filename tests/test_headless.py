"""One --disable-features switch that keeps a launcher's own list: Chromium honours only the last one."""

from __future__ import annotations

from headless import UNUSED_BROWSER_UI, disable_features_switch


def test_the_launchers_features_come_first_each_once_then_the_unused_interface():
    switch = disable_features_switch(
        ["--no-sandbox", "--disable-features=Translate,MediaRouter", "--disable-features=MediaRouter,,PaintHolding"])

    assert switch == "--disable-features=" + ",".join(["Translate", "MediaRouter", "PaintHolding", *UNUSED_BROWSER_UI])


def test_without_a_launcher_list_only_the_unused_interface_is_switched_off():
    assert disable_features_switch(["--headless"]) == "--disable-features=" + ",".join(UNUSED_BROWSER_UI)
