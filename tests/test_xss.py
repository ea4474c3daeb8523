"""Notes are Markdown only: script vectors of the kinds in OWASP's filter-evasion cheat sheet never run.

Each vector is put in a note's body (and the inline ones in its summary). Either validation refuses
it, naming the file and the line, or Markdown does not read it as HTML at all and the page shows it
as text: what the notes' Markdown renders is then nothing but the paragraph and the vector's words.
A site whose notes carry every vector fails to build, and text fields that are not Markdown are
escaped wherever they are shown.
"""

from __future__ import annotations

import feedparser
import pytest
from annotate import changelog, pages, render
from annotate.article import annotate_article
from annotate.feed import corrections_feed
from annotate.notes import Change
from conftest import build_site, copy_project
from helpers import NOTE_WITH_TEXT, load_note_text, make_note, notes_markdown, render_markdown

# Markdown reads these as text, not as HTML (a tag name cannot be followed by '/', nor an attribute by
# a quote, in Markdown's raw HTML): a page shows the characters, and nothing is refused.
SHOWN_AS_TEXT = {
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<svg/onload=alert('XSS')>",
    'text {style="color:red"}',
}

VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
    "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
    "<img src=x onerror=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116>",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<BODY ONLOAD=alert('XSS')>",
    "<iframe src=\"javascript:alert('XSS');\"></iframe>",
    "<svg/onload=alert('XSS')>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<style>@import'https://xss.example/xss.css';</style>",
    "<div style=\"background-image: url(javascript:alert('XSS'))\">x</div>",
    "<form action=\"javascript:alert(1)\"><input type=submit></form>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<details open ontoggle=alert(1)>",
    "<scr<script>ipt>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](//xss.example/)",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x](https://example.org){onclick=\"alert(1)\"}",
    "[x](https://example.org){: onmouseover=alert(1) }",
    "text {style=\"color:red\"}",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
]
INLINE = [v for v in VECTORS if "\n" not in v]

def load(tmp_path, summary="A summary.", body=""):
    return load_note_text(tmp_path, NOTE_WITH_TEXT.format(summary=summary, body=body))


def shown_as_text(html: str, vector: str) -> bool:
    """Whether `html` is paragraphs of plain text that hold the vector's characters, escaped."""
    return html.replace("<p>", "").replace("</p>", "").replace("&lt;", "<").replace("&gt;", ">").replace(
        "&quot;", '"').replace("&amp;", "&").count(vector) == 1 and "<" not in html.replace("<p>", "").replace(
        "</p>", "")


@pytest.mark.parametrize("vector", VECTORS)
def test_vector_in_the_body_is_refused_at_its_line_or_shown_as_text(tmp_path, vector):
    note, messages = load(tmp_path, body=vector)
    if vector in SHOWN_AS_TEXT:
        assert messages == [] and note is not None
        assert shown_as_text(notes_markdown.body(note.body).html, vector)
        return
    assert note is None
    assert messages, f"not refused: {vector!r}"
    assert all(message.startswith("docs/notes/a-note.md:") for message in messages)
    # The vector starts on line 12; a reference definition may be flagged on its own line below.
    assert any(message.startswith(("docs/notes/a-note.md:12:", "docs/notes/a-note.md:14:")) for message in messages)


@pytest.mark.parametrize("vector", INLINE)
def test_vector_in_the_summary_is_refused_or_shown_as_text(tmp_path, vector):
    summary = "'" + vector.replace("'", "''") + "'"
    note, messages = load(tmp_path, summary=summary)
    if vector in SHOWN_AS_TEXT:
        assert messages == [] and note is not None
        assert shown_as_text(notes_markdown.summary(note.summary).html, vector)
        return
    assert note is None
    assert any(message.startswith("docs/notes/a-note.md:6:") and ": the summary" in message
               for message in messages), messages


def test_harmless_markdown_is_accepted(tmp_path):
    body = "A [link](https://doc.rust-lang.org/book/), `<script>` in code, *emphasis* and\n\n```html\n<b>x</b>\n```"
    note, messages = load(tmp_path, body=body)
    assert messages == [] and note is not None


def test_a_site_with_every_vector_is_not_built(tmp_path):
    project = copy_project(tmp_path)
    for index, vector in enumerate(VECTORS):
        (project / "docs" / "notes" / f"vector-{index + 1}.md").write_text(
            NOTE_WITH_TEXT.format(summary="A summary.", body=vector).replace(
                "quote: Dropbox and npm", "quote: and npm\nprefix: Dropbox"),
            encoding="utf-8",
        )
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    for index, vector in enumerate(VECTORS):
        if vector not in SHOWN_AS_TEXT:
            assert f"docs/notes/vector-{index + 1}.md:1" in result.output
    assert list((tmp_path / "site").rglob("*.html")) == []


def test_plain_text_fields_cannot_carry_markup(tmp_path):
    _, messages = load(tmp_path)
    assert messages == []
    text = NOTE_WITH_TEXT.format(summary="A summary.", body="")
    _, messages = load_note_text(tmp_path, text.replace("title: A note", "title: <b onmouseover=x>"))
    assert messages == [
        "docs/notes/a-note.md:2:8: title '<b onmouseover=x>' must be plain text, without < or >"
    ]


def test_plain_text_that_looks_like_markup_is_shown_as_text_on_note_pages_corrections_and_feed():
    """A reading or a change may well mention `Tensor<D>`; whatever it holds is escaped wherever it is shown."""
    vector = "<img src=x onerror=alert(1)> Tensor<D>"
    note = make_note("a", "npm", section="intro", inference=vector,
                     changes=(Change("2026-11-24", "update", vector),))
    article = annotate_article('<section class="article-section" id="intro"><p>Dropbox and npm.</p></section>',
                               "docs/index.md", [note], render_markdown=render_markdown,
                               verdict_titles={"false": "False"}, note_href=lambda n: "")
    kinds = {"update": {"title": "Update", "description": "The world changed."}}
    page = render.note_page(article.quotes_of("a"), verdict_titles={"false": "False"},
                            change_titles={"update": "Update"}, summary_html="", body_html="", article_href="../../",
                            crates=[], crate_href={})
    listing = pages.corrections(changelog.entries([note]), kinds, lambda n: "", "feed.xml")
    feed = corrections_feed(changelog.entries([note]), title="T", author="A", feed_url="feed.xml", page_url="./",
                            note_url=lambda n: "", change_titles={"update": "Update"}, updated="2026-11-24")
    content = feedparser.parse(feed).entries[0].content[0]
    assert content.type == "text/html"
    for html in (page, listing, content.value):
        assert "<img" not in html and "<D>" not in html
        assert "&lt;img src=x onerror=alert(1)&gt; Tensor&lt;D&gt;" in html
