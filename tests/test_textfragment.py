"""A passage's link opens its source at exactly that passage: the text directive, read back by the draft's rules."""

from __future__ import annotations

import pytest
from annotate.textfragment import WHOLE_PASSAGE_WORDS, directive, fragment_url
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser
from textdirective import find_range, parse

SYNTAX = "Rust-based tools, such as candle & burn, run on-device models - fast, and safe"
SHORT = "on-device models, from A & B"
LONG = (
    "Candle is a minimalist ML framework for Rust with a focus on performance, including GPU support, "
    "and ease of use; it is a minimalist framework, with a focus on performance"
)


def selected(page: str, passage: str, prefix: str | None = None, suffix: str | None = None) -> str | None:
    found = find_range(page, fragment_url("https://example.org/page", passage, prefix, suffix))
    return None if found is None else page[found[0]:found[1]]


@pytest.mark.parametrize("passage", [SYNTAX, SHORT, LONG, "A & B", "one, two", "on-device"])
def test_the_directive_applied_to_the_passage_finds_exactly_the_passage(passage):
    found = find_range(passage, fragment_url("https://example.org/", passage))
    assert found == (0, len(passage))


def test_hyphens_ampersands_and_commas_are_percent_encoded_and_read_back():
    text = directive(SHORT)
    value = text.removeprefix("text=")
    assert "%2D" in value and "%26" in value and "%2C" in value
    assert "&" not in value and "," not in value and "-" not in value  # one textStart: no separator at all
    assert parse(":~:" + text) == (None, SHORT, None, None)
    # A long one: textStart and textEnd are separated by the one unencoded comma.
    long = directive(SYNTAX).removeprefix("text=")
    assert long.count(",") == 1 and "-" not in long and "&" not in long


def test_a_short_passage_is_given_whole_and_a_long_one_by_its_ends():
    short = " ".join(["word"] * WHOLE_PASSAGE_WORDS)
    assert parse(":~:" + directive(short))[2] is None
    _, start, end, _ = parse(":~:" + directive(LONG))
    assert LONG.startswith(start) and LONG.endswith(end) and start != LONG


def test_end_words_that_also_occur_inside_the_passage_are_lengthened_until_they_end_it():
    # "with a focus on performance" occurs twice in LONG: five end words would stop at the first one.
    _, _, end, _ = parse(":~:" + directive(LONG))
    assert end != "with a focus on performance"
    assert selected(LONG, LONG) == LONG


def test_prefix_and_suffix_pick_the_occurrence_the_note_means():
    passage = "runs on NVIDIA and Apple GPUs"
    page = f"Old text: it {passage} too. The README says tract {passage} today, as listed."
    found = find_range(page, fragment_url("https://example.org/", passage, "README says tract", "today, as"))
    assert found is not None and page[found[0]:found[1]] == passage
    assert found[0] == page.index(f"tract {passage}") + len("tract ")


def test_the_directive_follows_the_page_fragment_when_the_address_has_one():
    url = fragment_url("https://example.org/doc#usage", "A & B")
    assert url == "https://example.org/doc#usage:~:text=A%20%26%20B"


WORDS = st.sampled_from(["Rust", "ML", "on-device", "A&B", "fast,", "safe", "-", "&", ",", "the", "it’s", "GPU"])


@settings(max_examples=200, deadline=None)
@given(words=st.lists(WORDS, min_size=1, max_size=40))
def test_any_passage_is_found_exactly_by_its_own_directive(words):
    passage = " ".join(words)
    assert find_range(passage, fragment_url("https://example.org/", passage)) == (0, len(passage))


def test_every_passage_link_of_the_built_site_selects_exactly_its_passage(built_site):
    """On every note page, each passage's link, applied to the passage's own words as the draft says, finds them."""
    checked = 0
    for page in sorted((built_site / "notes").glob("*/index.html")):
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        for item in tree.css("ol.ann-sources > li"):
            quoted = item.css_first("figure.ann-passage blockquote")
            if quoted is None:
                continue
            passage = " ".join(quoted.text().split())
            link = item.css_first("figure.ann-passage figcaption a").attributes["href"]
            assert link.startswith(item.css_first("a").attributes["href"]), (page.parent.name, link)
            # The passage in its own context on the page: the note's prefix and suffix around it, when it gives them.
            prefix, _, _, suffix = parse(link)
            before = f"{prefix} " if prefix else ""
            text = f"{before}{passage}{f' {suffix}' if suffix else ''}"
            assert find_range(text, link) == (len(before), len(before) + len(passage)), (page.parent.name, link)
            checked += 1
    assert checked, "no passage on any note page"
