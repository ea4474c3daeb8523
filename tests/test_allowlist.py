"""The one check on contributor HTML reads markup as a browser does, and reports each refusal where it is written.

Each case is markup that a parser other than a browser's reads differently: CDATA, bogus comments,
processing instructions, foreign content (<svg>, <math>), <noscript>, <template>, <style>, and
entities split over lines. The check either refuses it, or what it writes holds no element and no
attribute outside the allowlist. tests/browser/test_hostile_html.py opens the same cases in Chromium.
"""

from __future__ import annotations

import pytest
from annotate.allowlist import FLOW, INLINE, TEXT, check_html, plain, url_problem
from helpers import NOTE_WITH_TEXT, load_note_text, notes_markdown

# The first case is the stored XSS of issue 14 (D1): Python's html.parser read the CDATA block as one
# unit and never saw the <svg> in it, while a browser ends the block at the first '>'.
HOSTILE_MARKUP = {
    "cdata": "A summary.<![CDATA[><svg\nonload=alert(document.domain)><x\n]]>",
    "empty comment": "<!--><img src=x onerror=alert(1)>-->",
    "comment bang": "<!--!><img src=x onerror=alert(1)>-->",
    "comment ended by bang": "<!-- x --!><img src=x onerror=alert(1)>",
    "processing instruction": "<?xml version='1.0'?><img src=x onerror=alert(1)>",
    "math confusion": "<math><mi><table><mglyph><style><img src=x onerror=alert(1)>",
    "svg confusion": "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
    "svg foreign object": "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
    "noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "template": "<template><img src=x onerror=alert(1)></template>",
    "style": "<style>@import 'https://xss.example/x.css'; </style><p>x</p>",
    "split entity": "<a href=\"jav&#x61;\nscript&#x3a;alert(1)\">x</a>",
    "tab in scheme": "<a href=\"java&#9;script:alert(1)\">x</a>",
    "entity scheme": "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "form": "<form action=https://xss.example><button>x</button></form>",
    "meta refresh": "<meta http-equiv=refresh content='0;url=https://xss.example'>",
    "base": "<base href=https://xss.example/>",
    "select": "<select><img src=x onerror=alert(1)></select>",
    "iframe srcdoc": "<iframe srcdoc='&lt;script&gt;alert(1)&lt;/script&gt;'></iframe>",
    "remote image": "<img src=https://xss.example/track.png>",
}


def elements_and_attributes(html: str) -> set[str]:
    """Every tag and attribute name in `html`, as lexbor parses it (for asserting on the output)."""
    from selectolax.lexbor import LexborHTMLParser

    names: set[str] = set()
    root = LexborHTMLParser(html, is_fragment=True, scripting=True).root
    nodes = []
    while root is not None:
        nodes.append(root)
        root = root.next
    while nodes:
        node = nodes.pop()
        if node.is_element_node:
            names.add(f"<{node.tag}>")
            names |= {f"@{name}" for name in node.attributes}
        if node.is_comment_node:
            names.add("<!--")
        child = node.child
        while child is not None:
            nodes.append(child)
            child = child.next
    return names


@pytest.mark.parametrize("markup", HOSTILE_MARKUP.values(), ids=HOSTILE_MARKUP.keys())
@pytest.mark.parametrize("policy", [FLOW, INLINE, TEXT], ids=["body", "summary", "text"])
def test_hostile_markup_is_refused_and_nothing_outside_the_allowlist_is_written(markup, policy):
    checked = check_html(markup, policy)
    assert checked.findings, f"not refused: {markup!r}"
    written = elements_and_attributes(checked.html)
    allowed = {f"<{tag}>" for tag in policy.elements} | {
        f"@{name}" for names in policy.elements.values() for name in names
    }
    assert written <= allowed, written - allowed
    assert "alert" not in checked.html.replace("&lt;", "<") or "<" not in checked.html


@pytest.mark.parametrize("markup", HOSTILE_MARKUP.values(), ids=HOSTILE_MARKUP.keys())
def test_hostile_markup_in_a_note_is_refused(tmp_path, markup):
    note, messages = load_note_text(tmp_path, NOTE_WITH_TEXT.format(summary="A summary.", body=markup))
    assert note is None
    assert all(message.startswith("docs/notes/a-note.md:") for message in messages)


def messages(tmp_path, summary="A summary.", body=""):
    return load_note_text(tmp_path, NOTE_WITH_TEXT.format(summary=summary, body=body))[1]


def test_the_cdata_summary_of_issue_14_is_refused_at_its_line_and_column(tmp_path):
    summary = ">-\n  A summary.<![CDATA[><svg\n  onload=alert(document.domain)><x\n  ]]>"
    assert messages(tmp_path, summary=summary) == [
        "docs/notes/a-note.md:7:13: the summary contains raw HTML ('<![CDATA[><svg'); notes are Markdown only: "
        "write [text](https://…) for a link, *words* for emphasis, `code` for code",
    ]


def test_the_cdata_body_of_issue_14_is_refused_at_its_line_and_column(tmp_path):
    body = "\nText <![CDATA[><svg\nonload=alert(document.domain)><x\n]]>"
    assert messages(tmp_path, body=body) == [
        "docs/notes/a-note.md:13:6: the body contains raw HTML ('<![CDATA[><svg'); notes are Markdown only: "
        "write [text](https://…) for a link, *words* for emphasis, `code` for code",
    ]


@pytest.mark.parametrize(("body", "expected"), [
    ("\n## Heading { #conclusion }",
     "docs/notes/a-note.md:13:14: the body: attribute list '{ #conclusion }' would set"),
    ("\nWords\n{: #note-fast-and-safe }",
     "docs/notes/a-note.md:14:4: the body: attribute list '{ #note-fast-and-safe }'"),
    ("[x](https://a.example){ .ann-verdict .ann-verdict--false }",
     "docs/notes/a-note.md:12:25: the body: attribute list '{ .ann-verdict .ann-verdict--false }' would set"),
    ('\n!!! ann-verdict "False"\n    Forged.', "docs/notes/a-note.md:13:5: the body class 'ann-verdict' is not one"),
])
def test_notes_cannot_set_ids_or_classes(tmp_path, body, expected):
    found = messages(tmp_path, body=body)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_attribute_list_in_a_summary_cannot_take_a_public_anchor(tmp_path):
    found = messages(tmp_path, summary="'Text *stolen*{ #quote-fast-and-safe }'")
    assert found == [
        "docs/notes/a-note.md:6:26: the summary: attribute list '{ #quote-fast-and-safe }' would set an id, a class or "
        "an attribute; notes cannot, since ids and classes are the site's: remove it"
    ]


def test_table_alignment_and_open_details_are_allowed(tmp_path):
    body = "| crate | stars |\n|:--|--:|\n| burn | 1 |\n\n???+ note \"Open by default\"\n    Shown at once.\n"
    assert messages(tmp_path, body=body) == []
    html = notes_markdown.body(body).html
    assert '<th style="text-align: left;">crate</th>' in html and '<details class="note" open="open">' in html


def test_a_style_that_is_not_table_alignment_is_refused():
    checked = check_html('<table><tr><td style="text-align: left; background: url(x)">x</td></tr></table>', FLOW)
    assert [finding.message for finding in checked.findings] == [
        "the body styles are not allowed; only a table's column alignment (:--, :-: or --:) sets one"
    ]
    assert "style" not in checked.html


def test_a_heading_cannot_take_an_id_the_note_page_uses(tmp_path):
    assert messages(tmp_path, body="## Sources\n\nText.") == [
        "docs/notes/a-note.md:12:4: the body gives a heading the id 'sources', one the note page already uses; "
        "give the heading other words"
    ]


@pytest.mark.parametrize(("url", "expected"), [
    ("https://doc.rust-lang.org/book/", None),
    ("#a-heading", None),
    ("http://example.org/", "link 'http://example.org/' uses 'http:'; the site links only to https:// addresses or to "
     "a heading of the same page (#…)"),
    ("https://a.example/x y", "link 'https://a.example/x<U+0020>y' contains U+0020 SPACE; an address has no spaces "
     "or invisible characters: remove it, or write a space as %20"),
    ("https:evil.example", "link 'https:evil.example' has no address after 'https:'; write it as https://host/path"),
    ("//evil.example/", "link '//evil.example/' has no scheme; write it in full with https://"),
    ("/\\evil.example/", "link '/\\evil.example/' has no scheme; write it in full with https://"),
    ("../crates/", "link '../crates/' is not a full address; the site links only to https:// addresses or to a heading "
     "of the same page (#…)"),
    ("\x00javascript:alert(1)", "link '<U+0000>javascript:alert(1)' contains U+0000 NULL; an address has no spaces "
     "or invisible characters: remove it, or write a space as %20"),
])
def test_links_say_what_is_wrong(url, expected):
    assert url_problem(url, FLOW.links) == expected


def test_what_is_written_is_the_serialisation_of_the_checked_tree():
    checked = check_html("<p>a &amp; b <em>c</p>d <a href='https://x.example/?a=1&b=\"2\"'>e</a>", FLOW)
    assert checked.findings == ()
    # The <em> left open is closed with its paragraph and opened again after it, as a browser does.
    assert checked.html == (
        '<p>a &amp; b <em>c</em></p><em>d <a href="https://x.example/?a=1&amp;b=&quot;2&quot;">e</a></em>'
    )


def test_markup_a_browser_would_reread_differently_is_refused():
    # A newline right after <pre> is dropped by a parser; written back, it must survive a second parse.
    assert check_html("<pre>\n\nx</pre>", FLOW).findings == ()
    assert check_html("<pre>\n\nx</pre>", FLOW).html == "<pre>\n\nx</pre>"


def test_plain_text_is_escaped_by_the_same_check():
    assert plain('Tom & "Jerry" <b>') == "Tom &amp; \"Jerry\" &lt;b&gt;"
    assert check_html("a <b>b</b>", TEXT).html == "a "


def test_deep_nesting_is_refused_without_recursing_out_of_bounds():
    checked = check_html("<em>" * 5000 + "x", FLOW)
    assert [finding.message for finding in checked.findings] == [
        "the body nests elements more than 32 deep; write it more simply"
    ]
