"""Published addresses: what a link on a built page leads to, whichever shape the build gave its files."""

from __future__ import annotations

import pytest
from annotate.addresses import built_to_public, is_internal, page_path, public_url, resolve


@pytest.mark.parametrize(("src_uri", "path"), [
    ("index.md", ""),
    ("claims.md", "claims/"),
    ("notes/fast-and-safe.md", "notes/fast-and-safe/"),
    ("answer-key.md", "answer-key/"),
    ("guide/index.md", "guide/"),
])
def test_page_path_is_the_folder_address_of_a_page(src_uri, path):
    assert page_path(src_uri) == path


@pytest.mark.parametrize(("page_url", "href", "expected"), [
    # as `make build` writes pages: folders
    ("claims/", "../#quote-fast-and-safe", ("", "quote-fast-and-safe")),
    ("notes/fast-and-safe/", "../../crates/#burn", ("crates/", "burn")),
    ("notes/fast-and-safe/", "#changes", ("notes/fast-and-safe/", "changes")),
    ("", "notes/fast-and-safe/", ("notes/fast-and-safe/", "")),
    ("", "#note-fast-and-safe", ("", "note-fast-and-safe")),
    ("instructors/", "../course/quiz.gift", ("course/quiz.gift", "")),
    ("corrections/", "feed.xml", ("corrections/feed.xml", "")),
    # as the offline copy writes them: files
    ("claims.html", "index.html#quote-fast-and-safe", ("", "quote-fast-and-safe")),
    ("notes/fast-and-safe.html", "../crates.html#burn", ("crates/", "burn")),
    ("index.html", "#note-fast-and-safe", ("", "note-fast-and-safe")),
    ("answer-key.html", "exercise.html", ("exercise/", "")),
])
def test_a_link_resolves_to_the_published_path_and_anchor(page_url, href, expected):
    assert resolve(page_url, href) == expected


def test_built_files_map_to_published_folders():
    assert [built_to_public(path) for path in ["index.html", "notes/x/index.html", "notes/x.html", "a.jsonld"]] == [
        "", "notes/x/", "notes/x/", "a.jsonld"]


def test_addresses_are_full_with_the_sites_address_and_from_the_root_without():
    assert public_url("https://example.org/annotated/", "notes/x/", "changes") == (
        "https://example.org/annotated/notes/x/#changes")
    assert public_url("https://example.org/annotated", "", "quote-x") == "https://example.org/annotated/#quote-x"
    assert public_url("", "notes/x/") == "/notes/x/"
    assert public_url(None, "", "introduction") == "/#introduction"


@pytest.mark.parametrize(("href", "internal"), [
    ("../notes/x/", True), ("#quote-x", True), ("feed.xml", True),
    ("https://docs.rs/burn", False), ("//cdn.example.org/x.js", False), ("mailto:someone@example.org", False),
])
def test_only_relative_links_are_internal(href, internal):
    assert is_internal(href) is internal
