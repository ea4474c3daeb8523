"""Controls a finger can hit, feedback it can see, and a way from `/` to every page.

WCAG 2.2, 2.5.8 (target size, minimum): every control is at least 24 by 24 CSS px, with the criterion's
two exceptions. Inline: a link, or an inline control such as a worksheet sentence, inside running text,
which here means its paragraph, list item or cell has text of its own around it. Spacing: a smaller
control passes when a 24px circle centred on it touches no other control, nor the circle of another
small one.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from playwright.sync_api import expect

MINIMUM = 24
SUBPIXEL = 0.5

# Every visible control a finger can reach (on screen, not transparent, not inert to the pointer), with
# its box and whether it is a link inside running text. The numbers after quotes count as controls.
CONTROLS = """() => {
  const controls = document.querySelectorAll(
    'a[href], button, summary, input:not([type=hidden]), select, textarea, label[for], [role=button], [tabindex="0"]');
  const block = (element) => element.closest('p, li, td, th, dd, dt, figcaption, h1, h2, h3, h4, h5, h6');
  const words = (element) => element.textContent.replace(/\\s+/g, ' ').trim().length;
  // A link, or a sentence the reader can mark (the worksheet), laid out inline among other words.
  const inSentence = (element) => {
    if (element.closest('.ann-ref, .headerlink, .ann-note')) return false;
    if (element.tagName !== 'A' && getComputedStyle(element).display !== 'inline') return false;
    const holder = block(element);
    return Boolean(holder) && words(holder) > words(element) + 2;
  };
  const reachable = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.opacity === '0' || style.pointerEvents === 'none') return false;
    }
    return true;
  };
  return [...controls].filter((element) => element.checkVisibility() && reachable(element)).map((element) => {
    const r = element.getBoundingClientRect();
    return {
      what: `${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}.${element.className}`
        + ` "${(element.getAttribute('aria-label') || element.textContent).trim().slice(0, 40)}"`,
      left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY,
      inSentence: inSentence(element),
      label: element.tagName === 'LABEL' ? element.htmlFor : (element.id || null),
    };
  }).filter((c) => c.right > c.left && c.bottom > c.top && c.right > 0 && c.left < innerWidth);
}"""


def is_small(control: dict) -> bool:
    return (control["right"] - control["left"] < MINIMUM - SUBPIXEL
            or control["bottom"] - control["top"] < MINIMUM - SUBPIXEL)


def centre(control: dict) -> tuple[float, float]:
    return (control["left"] + control["right"]) / 2, (control["top"] + control["bottom"]) / 2


def distance_to_box(point: tuple[float, float], box: dict) -> float:
    dx = max(box["left"] - point[0], 0, point[0] - box["right"])
    dy = max(box["top"] - point[1], 0, point[1] - box["bottom"])
    return (dx * dx + dy * dy) ** 0.5


def too_small(controls: list[dict]) -> list[str]:
    """Controls that fail 2.5.8: under 24px, not inline in a sentence, and too close to another control."""
    failing = []
    for control in controls:
        if control["inSentence"] or not is_small(control):
            continue
        point = centre(control)
        for other in controls:
            # A checkbox and its own label are one control.
            same = other is control or (control["label"] and control["label"] == other["label"])
            if same:
                continue
            other_point = centre(other)
            near = (distance_to_box(point, other) < MINIMUM / 2
                    or (is_small(other) and not other["inSentence"]
                        and ((point[0] - other_point[0]) ** 2 + (point[1] - other_point[1]) ** 2) ** 0.5 < MINIMUM))
            if near:
                size = f"{control['right'] - control['left']:.1f}x{control['bottom'] - control['top']:.1f}"
                failing.append(f"{control['what']} ({size}) is too close to {other['what']}")
                break
    return failing


PAGES = ["/", "/notes/low-latency-garbage-collector/", "/claims/", "/crates/", "/about/", "/exercise/",
         "/instructors/"]



def nav_pages() -> list[tuple[str, str]]:
    """(title, path) of each page in `nav` of mkdocs.yml, whose other tags a plain YAML reader refuses."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^nav:\n((?:[ \t]+- .*\n)+)", config, re.MULTILINE).group(1)
    pages = re.findall(r"^[ \t]+- (.+?): ([\w/-]+)\.md$", block, re.MULTILINE)
    return [(title, "/" if name == "index" else f"/{name}/") for title, name in pages]


NAV = nav_pages()


@pytest.mark.parametrize("path", PAGES, ids=[path.strip("/").replace("notes/", "note-") or "article" for path in PAGES])
def test_on_a_phone_every_control_is_24px_square_or_has_room_around_it(page, path):
    browser_page = page(width=390, height=844).page
    browser_page.goto(path)
    for summary in browser_page.locator(".article .ann-note summary").all()[:3]:
        summary.click()  # opened notes show their links, which are controls too
    controls = browser_page.evaluate(CONTROLS)
    assert controls, "no control found"

    small = too_small(controls)
    assert not small, f"controls under {MINIMUM}x{MINIMUM} px without room around them on {path}:\n" + "\n".join(small)


@pytest.mark.parametrize("kind", ["note", "heading"])
def test_on_a_phone_link_copied_stays_on_screen(page, site_url, kind):
    opened = page(width=390, height=844)
    browser_page = opened.page
    browser_page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    browser_page.goto("/")
    if kind == "note":
        note = browser_page.locator(".article .ann-note").first
        note.locator("summary").click()
        link = note.locator(".ann-permalink")
    else:
        link = browser_page.locator(".article h2 .headerlink").first
        link.scroll_into_view_if_needed()
    link.click()

    bubble = link.locator(".copy-confirmation")
    expect(bubble).to_have_text("Link copied")
    box = bubble.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"'Link copied' sticks out of the screen: {box}"
    assert box["y"] >= 0, f"'Link copied' is above the screen: {box}"


@pytest.mark.parametrize(("width", "height"), [(1440, 900), (1024, 800), (390, 844)],
                         ids=["desktop", "laptop", "phone"])
def test_from_the_article_a_visible_link_leads_to_every_page(page, width, height):
    browser_page = page(width=width, height=height).page
    browser_page.goto("/")

    assert len(NAV) >= 6, f"nav of mkdocs.yml not read: {NAV}"
    for title, path in NAV:
        links = browser_page.get_by_role("link", name=title, exact=True).filter(visible=True)
        assert links.count() >= 1, f"no visible link named {title!r} on / at {width}px"
        href = links.first.get_attribute("href")
        target = re.sub(r"index\.html$", "", href).lstrip("./")
        assert "/" + target == path or (path == "/" and target in {"", "."}), f"{title!r} links to {href}"


@pytest.mark.parametrize("path", ["/claims/", "/notes/low-latency-garbage-collector/"])
def test_an_inner_page_says_it_is_commentary(page, path):
    browser_page = page(width=1440, height=900).page
    browser_page.goto(path)

    expect(browser_page.locator(".edition-kicker")).to_contain_text("Commentary")
