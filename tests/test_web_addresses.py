"""Addresses are read as a browser reads them before any rule applies (issue 21, items 8 and 9/10 of the trial).

The deny list matched the text as written, so spellings a browser resolves to a refused host passed:
`lib%2Ers`, fullwidth letters, `lib。rs`, `lib.rs\\@docs.rs`, dot segments, backslashes, a final dot.
Addresses that lead elsewhere than they show (`https://docs.rs@evil.example/`) were accepted in
sources, links and the catalog.
"""

from __future__ import annotations

import pytest
from annotate.allowlist import FLOW, check_html, url_problem
from annotate.sourcing import load_deny_list
from annotate.weburl import WebAddress, parse
from conftest import check, copy_project
from helpers import ROOT, line_of

DENY_LIST, _ = load_deny_list(ROOT / "data" / "source-deny-list.yml", "data/source-deny-list.yml")
LIB_RS = ("is refused by data/source-deny-list.yml (host lib.rs): lib.rs is an independent index of crates.io, not "
          "the project's own page; cite the crate's page on crates.io, its documentation on docs.rs or its repository")
API = ("is refused by data/source-deny-list.yml (url prefix crates.io/api/): the crates.io API returns raw data for "
       "programs; cite the crate's page, https://crates.io/crates/<name>")
DOTS = "has a '.' or '..' segment in its path; write the path the browser ends up at"
BACKSLASH = "has a backslash, which a browser reads as '/'; write '/'"


@pytest.mark.parametrize(("url", "reason"), [
    ("https://lib.rs/crates/burn", LIB_RS),
    ("https://LIB.RS/crates/burn", LIB_RS),
    ("https://lib.rs./crates/burn", LIB_RS),  # a final dot names the same host
    ("https://lib%2Ers/crates/burn", "has a '%' in its host ('lib%2Ers'); write the host as it is, without "
                                      "percent-escapes"),
    ("https://ｌｉｂ.rs/crates/burn", "has a host with characters other than ASCII ('ｌｉｂ.rs', which a browser reads "
                                   "as lib.rs); write the host in ASCII, in punycode (xn--…) if it has other letters"),
    ("https://lib。rs/crates/burn", "has a host with characters other than ASCII ('lib。rs', which a browser reads as "
                                   "lib.rs); write the host in ASCII, in punycode (xn--…) if it has other letters"),
    ("https://lib.rs\\@docs.rs/burn", BACKSLASH),
    ("https://crates.io\\api/v1/crates", BACKSLASH),
    ("https://crates.io/api/v1/crates/burn", API),
    ("https://crates.io/./api/v1/crates/burn", DOTS),
    ("https://crates.io/x/../api/v1/crates/burn", DOTS),
    ("https://crates.io/x/%2E%2e/api/v1/crates/burn", DOTS),
    ("https://docs.rs/burn/_sources/index.md.txt", None),  # path_contains, below, decoded
    ("https://docs.rs@evil.example/burn/", "names a user before its host ('docs.rs@'), so it leads to evil.example, "
                                           "not where it seems to; write the address without it"),
    ("https://user:pw@docs.rs/burn/", "names a user before its host ('user:pw@'), so it leads to docs.rs, not where "
                                      "it seems to; write the address without it"),
])
def test_spellings_a_browser_reads_as_a_refused_or_other_address_are_refused(url, reason):
    refused = DENY_LIST.refusal(url)
    if reason is None:
        assert refused is not None and "path contains /_sources/" in refused
    else:
        assert refused == reason


def test_a_percent_escaped_path_is_matched_decoded():
    assert "path contains /_sources/" in DENY_LIST.refusal("https://docs.rs/burn/%5Fsources/x.txt")


@pytest.mark.parametrize("url", [
    "https://docs.rs/burn/latest/burn/", "https://github.com/tracel-ai/burn#readme",
    "https://xn--e1afmkfd.xn--p1ai/", "https://crates.io/crates/burn?version=0.1", "https://example.org/a%20b",
])
def test_plain_addresses_pass(url):
    assert DENY_LIST.refusal(url) is None
    assert isinstance(parse(url), WebAddress) and url_problem(url, FLOW.links) is None


def test_links_in_notes_are_read_the_same_way():
    checked = check_html('<p><a href="https://docs.rs@evil.example/x">docs</a></p>', FLOW)
    assert [finding.message for finding in checked.findings] == [
        "the body link 'https://docs.rs@evil.example/x' names a user before its host ('docs.rs@'), so it leads to "
        "evil.example, not where it seems to; write the address without it"]
    assert "evil.example" not in checked.html


def test_check_refuses_them_in_sources_links_and_the_catalog_at_their_line(tmp_path):
    project = copy_project(tmp_path)
    note = project / "docs" / "notes" / "fast-and-safe.md"
    text = note.read_text(encoding="utf-8")
    text = text.replace("    url: https://www.rust-lang.org/\n", "    url: https://www.rust-lang.org@evil.example/\n")
    note.write_text(text, encoding="utf-8")
    other = project / "docs" / "notes" / "ownership-model.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nSee [the crate](https://ｌｉｂ.rs/crates/burn).\n",
                     encoding="utf-8")
    catalog = project / "data" / "crates.yml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        "    repository: https://github.com/LaurentMazare/tch-rs\n",
        "    repository: https://github.com/LaurentMazare/tch-rs/x/../../../evil/tch-rs\n", 1), encoding="utf-8")
    completed = check(project)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr
    lines = completed.stderr.splitlines()
    source_line = line_of(note, "evil.example")
    assert (f"docs/notes/fast-and-safe.md:{source_line}:10: sources[1].url 'https://www.rust-lang.org@evil.example/' "
            "names a user before its host ('www.rust-lang.org@'), so it leads to evil.example, not where it seems "
            "to; write the address without it") in lines
    assert (f"docs/notes/ownership-model.md:{line_of(other, 'ｌｉｂ.rs')}:17: the body link "
            "'https://ｌｉｂ.rs/crates/burn' has a host with characters other than ASCII ('ｌｉｂ.rs', which a browser "
            "reads as lib.rs); write the host in ASCII, in punycode (xn--…) if it has other letters") in lines
    assert f"data/crates.yml:{line_of(catalog, 'evil/tch-rs')}:17: crates[1].repository " \
           f"'https://github.com/LaurentMazare/tch-rs/x/../../../evil/tch-rs' {DOTS}" in lines
