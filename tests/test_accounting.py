"""Every sentence of the article holds a highlighted quote or is listed as making no claim; each failure is located."""

from __future__ import annotations

from textwrap import dedent

from annotate.__main__ import run
from annotate.accounting import NoClaim, load_no_claims, sentence_problems
from annotate.article import annotate_article
from annotate.sentences import all_sentences, sentence_around
from annotate.settings import open_settings
from conftest import copy_project
from helpers import make_note, render_markdown

MARKDOWN = dedent("""\
    ---
    title: A test
    ---

    <section class="article-section" id="intro" markdown>

    Rust is fast. It is used in Firefox, Dropbox and npm. In this blog, we explore Rust.

    And “safe” too! Is it?

    </section>
    """)
HTML = (
    '<section class="article-section" id="intro">\n'
    "<p>Rust is fast. It is used in Firefox, Dropbox and npm. In this blog, we explore Rust.</p>\n"
    "<p>And “safe” too! Is it?</p>\n"
    "</section>\n"
)
A, N = "docs/index.md", "data/no-claims.yml"
TITLES = {"false": "False", "opinion": "Opinion"}


def account(notes, listed):
    article = annotate_article(HTML, A, notes, render_markdown=render_markdown, verdict_titles=TITLES,
                               note_href=lambda note: "")
    no_claims = [NoClaim(sentence, "A reason.", line, 5) for line, sentence in enumerate(listed, start=3)]
    problems = sentence_problems(article, no_claims, no_claims_path=N, article_path=A, article_markdown=MARKDOWN,
                                 unchecked_sections=article.unplaced_sections)
    return [str(problem) for problem in problems.sorted()]


def test_sentences_end_at_stops_followed_by_a_space_or_the_paragraph_end():
    text = ("Rust is fast. It is used in Firefox, Dropbox and npm. In this blog, we explore Rust.\n"
            'And "safe" too! Is it?')
    assert [text[s:e] for s, e in all_sentences(text)] == [
        "Rust is fast.", "It is used in Firefox, Dropbox and npm.", "In this blog, we explore Rust.",
        'And "safe" too!', "Is it?",
    ]
    start = text.index("Dropbox")
    assert text[slice(*sentence_around(text, start, start + 7))] == "It is used in Firefox, Dropbox and npm."
    start = text.index("fast.")
    assert text[slice(*sentence_around(text, start, text.index(" It is") + 6))] == (
        "Rust is fast. It is used in Firefox, Dropbox and npm."
    )


def test_quoted_or_listed_sentences_pass_and_straight_quotes_match_typographic_ones():
    notes = [
        make_note("fast", "Rust is fast", verdict="opinion", claims=(("npm", "Dropbox and npm", "opinion"),)),
        make_note("two", "too! Is it?", section="intro", verdict="opinion"),  # covers all of "Is it?"
    ]
    assert account(notes, ["In this blog, we explore Rust.", 'And "safe" too!']) == []


def test_a_sentence_neither_quoted_nor_listed_is_reported_at_its_line_in_the_markdown():
    notes = [make_note("fast", "Rust is fast", verdict="opinion"), make_note("two", "Is it", verdict="opinion")]
    assert account(notes, ["And “safe” too!"]) == [
        f'{A}:7:15: sentence "It is used in Firefox, Dropbox and npm." holds no highlighted quote and is not listed '
        f"in {N}; highlight its claim in a note, or list it there with the reason it makes no factual claim",
        f'{A}:7:55: sentence "In this blog, we explore Rust." holds no highlighted quote and is not listed '
        f"in {N}; highlight its claim in a note, or list it there with the reason it makes no factual claim",
    ]


def test_a_quote_that_only_starts_in_a_sentence_does_not_account_for_it():
    notes = [make_note("across", "fast. It is used", verdict="opinion")]
    problems = account(notes, ["In this blog, we explore Rust.", "And “safe” too!", "Is it?"])
    assert [problem.split(": sentence")[0] for problem in problems] == [f"{A}:7:1", f"{A}:7:15"]


def test_list_entries_that_are_quoted_missing_or_repeated_are_reported_at_their_line():
    notes = [make_note("fast", "Rust is fast", verdict="opinion"),
             make_note("used", "Firefox, Dropbox and npm", verdict="opinion")]
    listed = ["Rust is fast.", "In this blog we explore Rust.", "In this blog, we explore Rust.",
              "In this blog, we explore Rust.", 'And "safe" too!', "Is it?"]
    assert account(notes, listed) == [
        f'{N}:3:5: sentence "Rust is fast." holds the quote of docs/notes/fast.md, so it makes a claim; '
        "remove it from this list",
        f'{N}:4:5: "In this blog we explore Rust." is not a sentence of the article '
        '(closest sentence: "In this blog, we explore Rust."); copy the whole sentence from the article, '
        "or remove the entry",
        f'{N}:6:5: sentence "In this blog, we explore Rust." is listed twice; keep one entry',
    ]


def test_a_section_whose_note_cannot_be_placed_is_not_checked_for_unquoted_sentences():
    # The note's own problem ("quote not found") tells the author what to fix; five more would be noise.
    assert account([make_note("typo", "Rust is fats", verdict="opinion")], []) == []
    assert len(account([], [])) == 5


def test_the_list_file_is_read_with_each_entry_at_its_line_and_checked_against_its_schema(tmp_path):
    path = tmp_path / "no-claims.yml"
    path.write_text("sentences:\n  - sentence: In this blog, we explore Rust.\n    reason: An announcement.\n",
                    encoding="utf-8")
    listed, problems = load_no_claims(path, N)
    assert not problems
    assert listed == [NoClaim("In this blog, we explore Rust.", "An announcement.", 2, 15)]
    path.write_text("sentences:\n  - sentence: In this blog, we explore Rust.\n", encoding="utf-8")
    listed, problems = load_no_claims(path, N)
    assert listed == []
    assert [str(problem) for problem in problems.sorted()] == [f"{N}:2:5: missing required key 'reason'"]


def test_a_note_that_cannot_be_loaded_leaves_its_sentences_to_its_own_problem(tmp_path):
    project = copy_project(tmp_path)
    note = project / "docs" / "notes" / "fast-and-safe.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("\ntitle: ", "\ntitle: <", 1), encoding="utf-8")
    problems, _ = run("check", open_settings(project / "annotate.yml"))
    assert [problem.path for problem in problems.sorted()] == ["docs/notes/fast-and-safe.md"]
    assert "must be plain text" in problems.sorted()[0].message
