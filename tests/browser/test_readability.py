"""Note text stays readable in both colour schemes.

A note box's background and its text colour come from different places (this site's CSS and
Material's palette); if one follows the scheme and the other does not, dark mode shows light text
on a light box. Both have happened: a box background taken from a variable resolved on :root, and a
link colour set on [data-md-color-scheme="slate"] that Material's more specific palette rule overrode.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

# WCAG 2 AA for body-size text; the notes are smaller than the article's text, so no large-text discount.
MINIMUM_CONTRAST = 4.5

# Material's script sets this on <body> from the visitor's colour-scheme preference.
SCHEMES = {"light": "default", "dark": "slate"}

NOTE_TEXT = ".ann-note__summary, a.ann-note__more, .ann-verdict, .ann-note__number"

# The text colour of each element and the background of it and every ancestor, nearest first.
COLOURS = """(selector) => [...document.querySelectorAll(selector)].map((element) => {
  const backgrounds = [];
  for (let node = element; node; node = node.parentElement) {
    backgrounds.push(getComputedStyle(node).backgroundColor);
  }
  return {
    where: `${element.closest('.ann-note, .ann-legend')?.id || 'legend'} ${element.className || element.tagName}`,
    text: getComputedStyle(element).color,
    backgrounds,
  };
})"""

RGBA = re.compile(r"[\d.]+")

Colour = tuple[float, float, float, float]


def parse_colour(css: str) -> Colour:
    """Reads Chromium's computed `rgb(…)`, `rgba(…)` or `color(srgb …)` as 0-255 channels and an alpha."""
    numbers = [float(number) for number in RGBA.findall(css)]
    scale = 255.0 if css.startswith("color(") else 1.0
    red, green, blue = (channel * scale for channel in numbers[:3])
    return red, green, blue, numbers[3] if len(numbers) > 3 else 1.0


def over(top: Colour, bottom: Colour) -> Colour:
    """`top` painted over an opaque `bottom`."""
    alpha = top[3]
    return (*(t * alpha + b * (1 - alpha) for t, b in zip(top[:3], bottom[:3], strict=True)), 1.0)


def effective_background(backgrounds: list[str]) -> Colour:
    """Paints the backgrounds from the outermost in; an opaque one hides all those outside it."""
    colour: Colour = (255.0, 255.0, 255.0, 1.0)  # the canvas, if nothing is opaque
    for css in reversed(backgrounds):
        colour = over(parse_colour(css), colour)
    return colour


def luminance(colour: Colour) -> float:
    def linear(channel: float) -> float:
        channel /= 255
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in colour[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(text: Colour, background: Colour) -> float:
    lighter, darker = sorted((luminance(text), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_note_text_has_readable_contrast_in_light_and_dark(page, scheme):
    browser_page = page(width=1440, height=900, scheme=scheme).page
    browser_page.goto("/")
    expect(browser_page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    samples = browser_page.evaluate(COLOURS, NOTE_TEXT)
    assert samples, f"nothing matches {NOTE_TEXT}"

    too_faint = []
    for sample in samples:
        background = effective_background(sample["backgrounds"])
        ratio = contrast(over(parse_colour(sample["text"]), background), background)
        if ratio < MINIMUM_CONTRAST:
            too_faint.append(f"{sample['where']}: {ratio:.2f}:1 ({sample['text']} on {sample['backgrounds']})")
    assert not too_faint, f"below {MINIMUM_CONTRAST}:1 in {scheme}:\n" + "\n".join(too_faint)
