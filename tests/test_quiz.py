"""The quiz banks: every format is parsed back as Moodle, Canvas or a spreadsheet would read it.

A fixture claim full of GIFT's special characters, quotes, commas and non-ASCII letters goes through the
real pipeline (anchoring, questions, writers) and must come back unchanged from every format; the built
site's quizzes must have one question per claim of the ledger, each answered by its note's verdict.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from html import unescape

import pytest
from annotate.article import annotate_article
from annotate.gift import quiz_gift
from annotate.notes import verdicts
from annotate.qti import quiz_qti_zip, quiz_source
from annotate.quiz import EVIDENCE_PROMPT, FACT_CHOICE, OPINION_PROMPT, questions
from annotate.spreadsheet import HEADER, quiz_csv
from giftparse import parse_gift
from helpers import make_note, render_markdown
from pagetext import html_text

TITLES = {key: value["title"] for key, value in verdicts().items()}
HEADING = "Odd: {cases} / back\\slash #1 ~ = “ü”"
SENTENCE = "Some say “Rust = C++ ~ {safe}: 100% #1”, naïve, café, C:\\path\\n, and más."
WORDS = "“Rust = C++ ~ {safe}: 100% #1”, naïve, café, C:\\path\\n"
ARTICLE = (
    '<section class="article-section" id="odd">\n'
    f'<h2 id="odd">{HEADING}</h2>\n'
    f"<p>{SENTENCE} It will grow.</p>\n"
    "</section>\n"
)
# Text2qti would read `![..](path)` as a local image to embed and a ```{.bash .run} fence as code to run;
# GIFT would read the braces, tildes and equals signs as answers.
SUMMARY = 'Says "x = y" {z} ~w #h: a\\b, ü; ![img](/etc/passwd) $x$ ```{.bash .run} <b>not bold</b>'
TITLE = 'Title: {x} ~ #y = "z" \\ é'
NOTE_URL = "https://example.org/annotated/notes/odd/?q=1&r=2"
QUOTE_URL = "https://example.org/annotated/#quote-odd"
BANK = "Rust & ML, Annotated"


@pytest.fixture(scope="module")
def made():
    notes = [
        make_note("odd", WORDS, "odd", verdict="misleading", summary=SUMMARY, title=TITLE),
        make_note("grow", "It will grow", "odd", verdict="opinion", summary="A prediction, 100% {untestable}."),
    ]
    article = annotate_article(ARTICLE, "docs/index.md", notes, render_markdown=render_markdown,
                               verdict_titles=TITLES, note_href=lambda note: f"notes/{note.id}/")
    assert not article.problems, article.problems.report("fixture")
    return questions(
        article.placements, TITLES,
        summary_text=lambda claim: claim.note.summary,
        note_url=lambda note: NOTE_URL if note.id == "odd" else "https://example.org/annotated/notes/grow/",
        quote_url=lambda claim: QUOTE_URL if claim.note.id == "odd" else "https://example.org/annotated/#quote-grow",
    )


def test_the_fixture_claim_survives_gift(made):
    parsed = parse_gift(quiz_gift(made, bank=BANK, comments=["A comment: {with} ~ specials #"]))
    assert len(parsed) == 2
    first, second = parsed
    assert first.category == [BANK, HEADING]
    assert first.name == "Claim 1"
    assert first.text_format == "html"
    assert html_text(first.text) == (f"Claim 1, from the section “{HEADING}”: {SENTENCE.removesuffix(' and más.')}"
                                     f" and más. The claim: “{WORDS}”. {EVIDENCE_PROMPT}")
    assert [answer for answer, _ in first.answers] == list(TITLES.values())
    assert first.right_answers == ["Misleading"]
    feedback = first.general_feedback
    assert html_text(feedback) == (f"The notes' verdict: Misleading. {SUMMARY} Full note: {TITLE}. "
                                   f"The words in the article: {QUOTE_URL}")
    assert [unescape(href) for href in re.findall(r'href="([^"]+)"', feedback)] == [NOTE_URL, QUOTE_URL]
    assert second.right_answers == ["Opinion"]


def test_the_fixture_claim_survives_the_canvas_package(made):
    package = zipfile.ZipFile(io.BytesIO(quiz_qti_zip(made, title=f"{BANK}: quiz", description=SUMMARY)))
    items = qti_items(package)
    assert [item["title"] for item in items] == ["Claim 1", "Claim 2"]
    first, second = items
    assert html_text(first["text"]) == (f"Claim 1, from the section “{HEADING}”: {SENTENCE} The claim: “{WORDS}”. "
                                        f"{EVIDENCE_PROMPT}")
    assert first["choices"] == list(TITLES.values())
    assert first["correct"] == "Misleading"
    assert html_text(first["feedback"]) == (f"The notes' verdict: Misleading. {SUMMARY} Full note: {TITLE}. "
                                            f"The words in the article: {QUOTE_URL}")
    assert [unescape(href) for href in re.findall(r'href="([^"]+)"', first["feedback"])] == [NOTE_URL, QUOTE_URL]
    assert (second["choices"], second["correct"]) == ([FACT_CHOICE, "Opinion"], "Opinion")
    # Nothing from the notes was read as an image to embed or as code to run.
    assert not [name for name in package.namelist() if name.startswith("images/")]
    assert "<img" not in first["feedback"] and "<b>" not in first["feedback"]


def test_the_fixture_claim_survives_the_spreadsheet(made):
    data = quiz_csv(made)
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark for spreadsheet programs"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(HEADER)
    first = dict(zip(HEADER, rows[1], strict=True))
    assert first["Claim"] == "1"
    assert first["Section"] == HEADING
    assert first["Sentence"] == SENTENCE
    assert first["Claim words"] == WORDS
    assert first["Question"] == EVIDENCE_PROMPT
    assert [first[f"Choice {n}"] for n in range(1, 8)] == list(TITLES.values())
    assert first["Correct answer"] == "Misleading"
    assert first[f"Choice {first['Correct choice number']}"] == "Misleading"
    assert first["Feedback"] == f"The notes' verdict: Misleading. {SUMMARY} Full note: {NOTE_URL}"
    assert (first["Note"], first["Link to the words"]) == (NOTE_URL, QUOTE_URL)
    second = dict(zip(HEADER, rows[2], strict=True))
    assert second["Question"] == OPINION_PROMPT
    assert [second[f"Choice {n}"] for n in range(1, 8)] == [FACT_CHOICE, "Opinion", "", "", "", "", ""]
    assert (second["Correct answer"], second["Correct choice number"]) == ("Opinion", "2")
    assert data.count(b"\r\n") == 3 and b'"1","' in data, "rows must end with CRLF and every field be quoted"


def test_no_line_of_the_canvas_source_starts_with_text_from_the_notes(made):
    """Every line text2qti reads starts with a marker the quiz writes; the notes' text follows it on one line."""
    markers = re.compile(r"^(Quiz title: |Quiz description: |Shuffle answers: |Show correct answers: |Title: Claim |"
                         r"Points: 1$|\d+\.  <p>|\.\.\.  <p>|\*?[a-g]\)  |$)")
    source = quiz_source(made, title="Quiz", description=SUMMARY)
    assert [line for line in source.splitlines() if not markers.match(line)] == []
    assert "$" not in source.split("\n", 2)[2] and "![" not in source and "```" not in source


# Reading a QTI package as Canvas does: the manifest names the assessment, whose items hold the questions.
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
MANIFEST = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


def qti_items(package: zipfile.ZipFile) -> list[dict]:
    manifest = ET.fromstring(package.read("imsmanifest.xml"))
    resources = manifest.findall(f".//{MANIFEST}resource")
    assessments = [r for r in resources if r.get("type") == "imsqti_xmlv1p2"]
    assert len(assessments) == 1, "the manifest must name one assessment"
    href = assessments[0].find(f"{MANIFEST}file").get("href")
    assert href in package.namelist(), f"the manifest names {href}, which the package does not hold"
    assessment = ET.fromstring(package.read(href))
    items = []
    for item in assessment.iter(f"{QTI}item"):
        labels = {label.get("ident"): label.find(f".//{QTI}mattext").text
                  for label in item.iter(f"{QTI}response_label")}
        correct = [condition.find(f".//{QTI}varequal").text for condition in item.iter(f"{QTI}respcondition")
                   if (score := condition.find(f"{QTI}setvar")) is not None and score.text == "100"]
        assert len(correct) == 1, f"{item.get('title')} must have exactly one right answer"
        feedback = item.find(f"{QTI}itemfeedback[@ident='general_fb']")
        items.append({
            "title": item.get("title"),
            "text": item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text,
            "choices": [html_text(text) for text in labels.values()],
            "correct": html_text(labels[correct[0]]),
            "feedback": feedback.find(f".//{QTI}mattext").text,
        })
    return items


# The built site's quizzes agree with its claims ledger, claim by claim.

@pytest.fixture(scope="module")
def ledger(built_site) -> dict[int, tuple[str, str]]:
    """Claim number → (verdict title, note page path) from the ledger the site shows."""
    html = (built_site / "claims" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="claim-(\d+)">(.*?)</tr>', html, re.DOTALL)
    assert rows, "no claim in the ledger"
    return {int(number): (TITLES[re.search(r"ann-verdict--([a-z-]+)", row).group(1)],
                          re.search(r'href="\.\./(notes/[^"]+/)"', row).group(1))
            for number, row in rows}


def test_the_moodle_bank_has_one_question_per_claim_answered_by_its_verdict(built_site, ledger):
    parsed = parse_gift((built_site / "course" / "quiz.gift").read_text(encoding="utf-8"))
    assert [question.name for question in parsed] == [f"Claim {number}" for number in sorted(ledger)]
    for number, question in enumerate(parsed, start=1):
        verdict, note = ledger[number]
        assert question.right_answers == [verdict], question.name
        assert f'href="/{note}"' in question.general_feedback, question.name
        prompt = OPINION_PROMPT if verdict == "Opinion" else EVIDENCE_PROMPT
        assert html_text(question.text).endswith(prompt)
    categories = [question.category for question in parsed]
    assert all(category[0] == "Rust & ML, Annotated" for category in categories)
    sections = list(dict.fromkeys(category[1] for category in categories))
    assert sections == ["Introduction", "Rust: A Language for the Future", "Why Rust Matters in the ML Domain?",
                        "Improving Model Quality", "The Future of Rust and ML", "Conclusion"]


def test_the_canvas_package_has_one_item_per_claim_answered_by_its_verdict(built_site, ledger):
    package = zipfile.ZipFile(built_site / "course" / "quiz-qti.zip")
    items = qti_items(package)
    assert [item["title"] for item in items] == [f"Claim {number}" for number in sorted(ledger)]
    for number, item in enumerate(items, start=1):
        assert item["correct"] == ledger[number][0], item["title"]


def test_the_spreadsheet_has_one_row_per_claim_answered_by_its_verdict(built_site, ledger):
    text = (built_site / "course" / "quiz.csv").read_bytes().decode("utf-8-sig")
    rows = [dict(zip(HEADER, row, strict=True)) for row in list(csv.reader(io.StringIO(text, newline="")))[1:]]
    assert [int(row["Claim"]) for row in rows] == sorted(ledger)
    for row in rows:
        verdict, note = ledger[int(row["Claim"])]
        assert row["Correct answer"] == verdict
        assert row[f"Choice {row['Correct choice number']}"] == verdict
        assert row["Note"] == f"/{note}"
        assert row["Claim words"] in row["Sentence"]


def test_each_question_explains_its_own_claim_as_the_ledger_does(built_site):
    """The spreadsheet's feedback for every claim carries the very explanation the ledger gives that claim."""
    html = (built_site / "claims" / "index.html").read_text(encoding="utf-8")
    why = {int(number): html_text(cell) for number, cell in
           re.findall(r'<tr id="claim-(\d+)">.*?<td class="ledger__why">(.*?)</td>', html, re.DOTALL)}
    text = (built_site / "course" / "quiz.csv").read_bytes().decode("utf-8-sig")
    rows = [dict(zip(HEADER, row, strict=True)) for row in list(csv.reader(io.StringIO(text, newline="")))[1:]]
    assert sorted(why) == [int(row["Claim"]) for row in rows]
    for row in rows:
        assert why[int(row["Claim"])] in row["Feedback"], row["Claim"]
    assert len(set(why.values())) == len(why), "two claims share one explanation"
