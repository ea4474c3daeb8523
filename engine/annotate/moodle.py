"""The quiz as a Moodle XML question bank: the same questions as the GIFT file, with what GIFT cannot say.

Moodle's importer takes "shuffle answers" for a GIFT question from the quiz's default, so the verdict
scale would come in a different order in every question; Moodle XML carries `<shuffleanswers>0</…>` per
question, keeping the scale in order. Each section is a category under the bank's, written as Moodle's
own exporter writes category paths; each question is single-answer multiple choice worth one mark, every
answer its note accepts at 100 % and the rest at 0, with the note's summary as general feedback.
ElementTree escapes every text, so nothing from the notes can become markup of the file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from .gift import category_path
from .quiz import Question, feedback_html, question_html


def _text(parent: ET.Element, tag: str, text: str, *, html: bool = False) -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": "html"} if html else {})
    ET.SubElement(element, "text").text = text
    return element


def _category(quiz: ET.Element, names: list[str]) -> None:
    question = ET.SubElement(quiz, "question", {"type": "category"})
    _text(question, "category", "$course$/" + category_path(names))


def _question(quiz: ET.Element, question: Question) -> None:
    element = ET.SubElement(quiz, "question", {"type": "multichoice"})
    _text(element, "name", question.title)
    _text(element, "questiontext", question_html(question), html=True)
    _text(element, "generalfeedback", feedback_html(question), html=True)
    for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"), ("single", "true"),
                       ("shuffleanswers", "0"), ("answernumbering", "none")):
        ET.SubElement(element, tag).text = value
    for choice in question.choices:
        answer = ET.SubElement(element, "answer", {"fraction": "100" if choice in question.accepted else "0",
                                                   "format": "html"})
        ET.SubElement(answer, "text").text = escape(choice)
        _text(answer, "feedback", "", html=True)


def quiz_moodle_xml(questions: list[Question], *, bank: str, comments: list[str]) -> str:
    """The whole bank: `comments` as XML comments, then each section's category and its questions."""
    quiz = ET.Element("quiz")
    for comment in comments:
        # "--" may not occur in an XML comment.
        quiz.append(ET.Comment(" " + " ".join(comment.split()).replace("--", "- -") + " "))
    section = None
    for question in questions:
        if question.section != section:
            section = question.section
            _category(quiz, [bank, section])
        _question(quiz, question)
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="unicode", xml_declaration=True) + "\n"
