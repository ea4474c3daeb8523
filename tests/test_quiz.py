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
from annotate.moodle import quiz_moodle_xml
from annotate.notes import verdicts
from annotate.qti import quiz_qti_zip, quiz_source
from annotate.quiz import EVIDENCE_PROMPT, FACT_CHOICE, OPINION_PROMPT, questions
from annotate.spreadsheet import HEADER, quiz_csv
from conftest import ROOT
from giftparse import parse_gift
from helpers import load_project, make_note, render_markdown
from pagetext import html_text

TITLES = {key: value["title"] for key, value in verdicts().items()}
HEADING = "Odd: {cases} / back\\slash #1 ~ = “ü”"
SENTENCE = "Some say “Rust = C++ ~ {safe}: 100% #1”, naïve, café, C:\\path\\n, and más."
WORDS = "“Rust = C++ ~ {safe}: 100% #1”, naïve, café, C:\\path\\n"
ARTICLE = (
    '<section class="article-section" id="odd">\n'
    f'<h2 id="odd">{HEADING}</h2>\n'
    f"<p>{SENTENCE} It will grow. Its maker runs it.</p>\n"
    "</section>\n"
)
# Text2qti would read `![..](path)` as a local image to embed and a ```{.bash .run} fence as code to run;
# GIFT would read the braces, tildes and equals signs as answers.
SUMMARY = 'Says "x = y" {z} ~w #h: a\\b, ü; ![img](/etc/passwd) $x$ ```{.bash .run} <b>not bold</b>'
TITLE = 'Title: {x} ~ #y = "z" \\ é'
NOTE_URL = "https://example.org/annotated/notes/odd/?q=1&r=2"
QUOTE_URL = "https://example.org/annotated/#quote-odd"
BANK = "Rust & ML, Annotated"
RIGHTS = "Questions: CC BY 4.0. The article's words -- quoted here -- are not under it & <never> markup."
EDITION = "Rust & ML, Annotated, version 2026.12.04, built 2026-12-04"


def write_qti(made, description=SUMMARY) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(quiz_qti_zip(made, title=f"{BANK}: quiz", description=description,
                                                   rights=RIGHTS, built="2026-12-04")))


def write_csv(made) -> bytes:
    return quiz_csv(made, article_title="On Rust", edition=EDITION, rights=RIGHTS)


@pytest.fixture(scope="module")
def made():
    notes = [
        make_note("odd", WORDS, "odd", verdict="misleading", summary=SUMMARY, title=TITLE),
        make_note("grow", "It will grow", "odd", verdict="opinion", summary="A prediction, 100% {untestable}."),
        make_note("maker", "Its maker runs it", "odd", verdict="outdated", also_accepted=("misleading",),
                  summary="Outdated if written before the move, misleading if after."),
    ]
    article = annotate_article(ARTICLE, "docs/index.md", notes, render_markdown=render_markdown,
                               verdict_titles=TITLES, note_href=lambda note: f"notes/{note.id}/")
    assert not article.problems, article.problems.report("fixture")
    return questions(
        article.placements, TITLES,
        summary_text=lambda claim: claim.note.summary,
        note_url=lambda note: NOTE_URL if note.id == "odd" else f"https://example.org/annotated/notes/{note.id}/",
        quote_url=lambda claim: QUOTE_URL if claim.note.id == "odd" else
        f"https://example.org/annotated/#quote-{claim.note.id}",
    )


def test_the_fixture_claim_survives_gift(made):
    parsed = parse_gift(quiz_gift(made, bank=BANK, comments=["A comment: {with} ~ specials #"]))
    assert len(parsed) == 3
    first, second, third = parsed
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
    assert set(third.right_answers) == {"Outdated", "Misleading"}
    assert html_text(third.general_feedback).startswith(
        "The notes' verdict: Outdated (depends on when the article was written; Misleading is also accepted).")


def test_the_fixture_claim_survives_the_canvas_package(made):
    package = write_qti(made)
    items = qti_items(package)
    assert [item["title"] for item in items] == ["Claim 1", "Claim 2", "Claim 3"]
    first, second, third = items
    assert html_text(first["text"]) == (f"Claim 1, from the section “{HEADING}”: {SENTENCE} The claim: “{WORDS}”. "
                                        f"{EVIDENCE_PROMPT}")
    assert first["choices"] == list(TITLES.values())
    assert first["correct"] == ["Misleading"]
    assert set(third["correct"]) == {"Outdated", "Misleading"}
    assert html_text(first["feedback"]) == (f"The notes' verdict: Misleading. {SUMMARY} Full note: {TITLE}. "
                                            f"The words in the article: {QUOTE_URL}")
    assert [unescape(href) for href in re.findall(r'href="([^"]+)"', first["feedback"])] == [NOTE_URL, QUOTE_URL]
    assert (second["choices"], second["correct"]) == ([FACT_CHOICE, "Opinion"], ["Opinion"])
    # Nothing from the notes was read as an image to embed or as code to run.
    assert not [name for name in package.namelist() if name.startswith("images/")]
    assert "<img" not in first["feedback"] and "<b>" not in first["feedback"]


def test_the_fixture_claim_survives_moodle_xml_in_order(made):
    bank = moodle_questions(quiz_moodle_xml(made, bank=BANK, comments=[EDITION, RIGHTS]))
    assert [question["name"] for question in bank] == ["Claim 1", "Claim 2", "Claim 3"]
    first, second, third = bank
    assert first["category"] == f"$course$/{BANK}/{HEADING.replace('/', '//').replace(chr(92), chr(92) * 2)}"
    assert html_text(first["text"]) == (f"Claim 1, from the section “{HEADING}”: {SENTENCE} The claim: “{WORDS}”. "
                                        f"{EVIDENCE_PROMPT}")
    assert [answer for answer, _ in first["answers"]] == list(TITLES.values())
    assert first["right"] == ["Misleading"] and second["right"] == ["Opinion"]
    assert set(third["right"]) == {"Outdated", "Misleading"}
    assert all(question["shuffle"] == "0" and question["single"] == "true" for question in bank)
    assert html_text(first["feedback"]) == (f"The notes' verdict: Misleading. {SUMMARY} Full note: {TITLE}. "
                                            f"The words in the article: {QUOTE_URL}")


def test_every_format_names_its_edition_and_the_rights_in_its_text(made):
    gift = quiz_gift(made, bank=BANK, comments=[EDITION, RIGHTS])
    assert gift.startswith(f"// {EDITION}\n// {RIGHTS}\n")
    xml = quiz_moodle_xml(made, bank=BANK, comments=[EDITION, RIGHTS])
    comments = [" ".join(comment.split()) for comment in re.findall(r"<!--(.*?)-->", xml, re.DOTALL)]
    assert comments == [EDITION, RIGHTS.replace("--", "- -")]
    manifest = ET.fromstring(write_qti(made).read("imsmanifest.xml"))
    strings = [element.text for element in manifest.iter() if element.tag.endswith("}string")]
    assert strings == [f"{BANK}: quiz", RIGHTS]
    assert [element.text for element in manifest.iter() if element.tag.endswith("}dateTime")] == ["2026-12-04"]
    rows = list(csv.DictReader(io.StringIO(write_csv(made).decode("utf-8-sig"), newline="")))
    assert {(row["Edition"], row["Rights"]) for row in rows} == {(EDITION, RIGHTS)}


def test_the_fixture_claim_survives_the_spreadsheet(made):
    data = write_csv(made)
    assert data.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark for spreadsheet programs"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(HEADER)
    first = dict(zip(HEADER, rows[1], strict=True))
    assert first["Claim"] == "1"
    assert first["Section"] == HEADING
    assert first["Sentence"] == SENTENCE
    assert first["Claim words"] == WORDS
    assert first["Question"] == EVIDENCE_PROMPT
    assert first["Full question"] == (f"Claim 1 of the article “On Rust”, from the section “{HEADING}”: {SENTENCE} "
                                      f"The claim: “{WORDS}”. {EVIDENCE_PROMPT}")
    assert (first["Also accepted"], first["Also accepted choice numbers"]) == ("", "")
    assert [first[f"Choice {n}"] for n in range(1, 8)] == list(TITLES.values())
    assert first["Correct answer"] == "Misleading"
    assert first[f"Choice {first['Correct choice number']}"] == "Misleading"
    assert first["Feedback"] == f"The notes' verdict: Misleading. {SUMMARY} Full note: {NOTE_URL}"
    assert (first["Note"], first["Link to the words"]) == (NOTE_URL, QUOTE_URL)
    second = dict(zip(HEADER, rows[2], strict=True))
    assert second["Question"] == OPINION_PROMPT
    assert [second[f"Choice {n}"] for n in range(1, 8)] == [FACT_CHOICE, "Opinion", "", "", "", "", ""]
    assert (second["Correct answer"], second["Correct choice number"]) == ("Opinion", "2")
    third = dict(zip(HEADER, rows[3], strict=True))
    assert (third["Correct answer"], third["Also accepted"]) == ("Outdated", "Misleading")
    assert third[f"Choice {third['Also accepted choice numbers']}"] == "Misleading"
    assert data.count(b"\r\n") == 4 and b'"1","' in data, "rows must end with CRLF and every field be quoted"


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
        assert correct, f"{item.get('title')} has no right answer"
        feedback = item.find(f"{QTI}itemfeedback[@ident='general_fb']")
        items.append({
            "title": item.get("title"),
            "text": item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text,
            "choices": [html_text(text) for text in labels.values()],
            "correct": [html_text(labels[ident]) for ident in correct],
            "feedback": feedback.find(f".//{QTI}mattext").text,
        })
    return items


def moodle_questions(source: str) -> list[dict]:
    """The multiple-choice questions of a Moodle XML bank, each with the category it was read in."""
    category, found = "", []
    for question in ET.fromstring(source).iter("question"):
        if question.get("type") == "category":
            category = question.findtext("category/text")
            continue
        answers = [(unescape(answer.findtext("text")), float(answer.get("fraction")) / 100)
                   for answer in question.findall("answer")]
        found.append({
            "category": category, "name": question.findtext("name/text"),
            "text": question.findtext("questiontext/text"), "feedback": question.findtext("generalfeedback/text"),
            "answers": answers, "right": [answer for answer, fraction in answers if fraction == 1],
            "shuffle": question.findtext("shuffleanswers"), "single": question.findtext("single"),
        })
    return found


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
        # A further verdict is credited only where the feedback says it is accepted.
        feedback = html_text(question.general_feedback)
        assert question.right_answers == [verdict] or (
            verdict in question.right_answers and "also accepted" in feedback), question.name
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
        assert item["correct"][0] == ledger[number][0], item["title"]


def test_the_spreadsheet_has_one_row_per_claim_answered_by_its_verdict(built_site, ledger):
    text = (built_site / "course" / "quiz.csv").read_bytes().decode("utf-8-sig")
    rows = [dict(zip(HEADER, row, strict=True)) for row in list(csv.reader(io.StringIO(text, newline="")))[1:]]
    assert [int(row["Claim"]) for row in rows] == sorted(ledger)
    for row in rows:
        verdict, note = ledger[int(row["Claim"])]
        assert row["Correct answer"] == verdict
        assert row["Full question"].startswith(f"Claim {row['Claim']} of the article “")
        assert row[f"Choice {row['Correct choice number']}"] == verdict
        assert row["Note"] == f"/{note}"
        assert row["Claim words"] in row["Sentence"]


def test_the_moodle_xml_bank_asks_what_the_gift_bank_asks(built_site):
    gift = parse_gift((built_site / "course" / "quiz.gift").read_text(encoding="utf-8"))
    xml = moodle_questions((built_site / "course" / "quiz-moodle.xml").read_text(encoding="utf-8"))
    assert len(xml) == len(gift) >= 33
    for from_gift, from_xml in zip(gift, xml, strict=True):
        assert from_xml["name"] == from_gift.name
        assert html_text(from_xml["text"]) == html_text(from_gift.text)
        assert from_xml["answers"] == from_gift.answers
        assert from_xml["category"] == "$course$/" + "/".join(from_gift.category)
        assert (from_xml["shuffle"], from_xml["single"]) == ("0", "true"), from_xml["name"]


def test_a_claim_whose_note_accepts_two_verdicts_is_credited_both_in_every_format(built_site):
    """Every claim whose verdict depends on the article's date credits each verdict its note accepts."""
    content = load_project(ROOT)
    accepted = {quote.text: {TITLES[quote.verdict], *(TITLES[other] for other in quote.also_accepted)}
                for note in content.notes for quote in note.quotes if quote.also_accepted}
    assert accepted, "the site has no claim with a second accepted verdict; this test would check nothing"
    gift = parse_gift((built_site / "course" / "quiz.gift").read_text(encoding="utf-8"))
    xml = moodle_questions((built_site / "course" / "quiz-moodle.xml").read_text(encoding="utf-8"))
    qti = qti_items(zipfile.ZipFile(built_site / "course" / "quiz-qti.zip"))
    rows = list(csv.DictReader(io.StringIO((built_site / "course" / "quiz.csv").read_bytes().decode("utf-8-sig"),
                                           newline="")))
    for words, verdicts_accepted in accepted.items():
        index = next(i for i, row in enumerate(rows) if row["Claim words"] == words)
        assert set(gift[index].right_answers) == verdicts_accepted
        assert set(xml[index]["right"]) == verdicts_accepted
        assert set(qti[index]["correct"]) == verdicts_accepted
        row = rows[index]
        assert {row["Correct answer"], *row["Also accepted"].split("; ")} == verdicts_accepted
        assert {row[f"Choice {number}"] for number in
                [row["Correct choice number"], *row["Also accepted choice numbers"].split("; ")]} == verdicts_accepted


def test_a_dollar_in_a_summary_link_keeps_the_canvas_markup(made):
    """Issue 21: text2qti read `$…$` in a link's address as LaTeX and broke the item's markup."""
    address = "https://example.org/a$x$b/c$d$/"
    summary = f"See [the page]({address}) and $y$."
    notes = [make_note("odd", WORDS, "odd", verdict="misleading", summary=summary, title="T")]
    article = annotate_article(ARTICLE, "docs/index.md", notes, render_markdown=render_markdown,
                               verdict_titles=TITLES, note_href=lambda note: f"notes/{note.id}/")
    made_here = questions(
        article.placements, TITLES, summary_text=lambda claim: claim.note.summary, note_url=lambda note: NOTE_URL,
        quote_url=lambda claim: QUOTE_URL, summary_html=lambda claim: render_markdown(claim.note.summary),
    )
    items = qti_items(zipfile.ZipFile(io.BytesIO(quiz_qti_zip(made_here, title="Q", description="D", rights=RIGHTS,
                                                                 built="2026-12-04"))))
    feedback = items[0]["feedback"]
    hrefs = [unescape(href) for href in re.findall(r'href="([^"]+)"', feedback)]
    assert hrefs[0] == address
    assert "the page and $y$." in html_text(feedback)


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
