"""The quiz as a QTI 1.2 package for Canvas, written by text2qti from its plain-text quiz format.

text2qti reads Markdown, with `$...$` as LaTeX and local image paths to embed, and starts a question,
a choice or a setting wherever a line begins with its marker. The text given to it is therefore
built so that nothing from the notes can be read as any of that: each question, choice and feedback is
one line after its marker, and every ASCII character of the notes' text that is not a letter, a digit
or a space is written as an HTML character reference (`&#36;` for `$`), which Markdown passes through
and Canvas shows as the character itself; so are `$`, a backslash and a backtick in the attributes of
the tags (a link's address). The only markup is the HTML that `quiz` writes.

text2qti writes one right answer per multiple-choice question and a manifest of its own: the package is
then completed here, with a scoring condition for each further answer a note accepts (`also_accepted`) and
the manifest's title, date and rights said as the site says them.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from html import escape, unescape

from text2qti.config import Config
from text2qti.qti import QTI
from text2qti.quiz import Quiz

from .metadata import plain_text
from .quiz import Question, feedback_html, question_html

_CHOICE_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
_QTI = f"{{{_QTI_NAMESPACE}}}"
# The manifest's fields text2qti fills with its own words, each written once: (element, its text now).
_MANIFEST_TITLE = re.compile(r"(<imsmd:title>\s*<imsmd:string>)[^<]*(</imsmd:string>)")
_MANIFEST_DATE = re.compile(r"(<imsmd:dateTime>)[^<]*(</imsmd:dateTime>)")
_MANIFEST_RIGHTS = re.compile(r"(<imsmd:rights>.*?<imsmd:description>\s*<imsmd:string>)[^<]*(</imsmd:string>)",
                              re.DOTALL)


def literal(text: str) -> str:
    """Text that text2qti's Markdown shows exactly as written: ASCII punctuation as character references."""
    return "".join(char if char.isalnum() or char == " " or not char.isascii() else f"&#{ord(char)};"
                   for char in re.sub(r"\s+", " ", text))


# In a tag, the characters text2qti reads before Markdown does ($ starts LaTeX) or Markdown reads as an
# escape or a code span; as character references, an attribute's value means the same to HTML.
_TAG_SPECIALS = str.maketrans({"$": "&#36;", "\\": "&#92;", "`": "&#96;"})


def _tag(tag: str) -> str:
    return tag.translate(_TAG_SPECIALS)


def _html(fragment: str) -> str:
    """HTML written by `quiz` as text2qti takes it: the tags kept, the text inside made literal."""
    parts, position = [], 0
    while position < len(fragment):
        tag_start = fragment.find("<", position)
        if tag_start == -1:
            tag_start = len(fragment)
        parts.append(literal(unescape(fragment[position:tag_start])))
        tag_end = fragment.find(">", tag_start)
        if tag_end == -1:
            break
        parts.append(_tag(fragment[tag_start:tag_end + 1]))
        position = tag_end + 1
    return "".join(parts)


def quiz_source(questions: list[Question], *, title: str, description: str) -> str:
    """The quiz in text2qti's plain-text format."""
    lines = [
        f"Quiz title: {' '.join(title.split())}",
        f"Quiz description: {literal(description.strip())}",
        "Shuffle answers: false",
        "Show correct answers: true",
    ]
    for question in questions:
        if len(question.choices) > len(_CHOICE_LETTERS):
            raise ValueError(f"{question.title} has more choices than text2qti has letters for")
        lines += [
            "",
            f"Title: {question.title}",
            "Points: 1",
            f"{question.number}.  {_html(question_html(question))}",
            f"...  {_html(feedback_html(question))}",
        ]
        lines += [
            f"{'*' if choice == question.answer else ''}{letter})  {literal(choice)}"
            for letter, choice in zip(_CHOICE_LETTERS, question.choices, strict=False)
        ]
    return "\n".join(lines) + "\n"


def quiz_qti_zip(questions: list[Question], *, title: str, description: str, rights: str, built: str) -> bytes:
    """The QTI package (a zip) that Canvas imports, made by text2qti with its default settings, its manifest
    naming `title`, the build day `built` and `rights`.

    text2qti's settings file in the home folder is not read, and its code blocks are never run.
    """
    config = Config()
    config["run_code_blocks"] = False
    made = QTI(Quiz(quiz_source(questions, title=title, description=description), config=config)).zip_bytes()
    accepted = {question.title: question.also_accepted for question in questions if question.also_accepted}
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(made)) as package, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in package.infolist():
            data = package.read(entry)
            if entry.filename == "imsmanifest.xml":
                data = _manifest(data.decode("utf-8"), title=title, built=built, rights=rights).encode("utf-8")
            elif entry.filename.endswith(".xml") and b"<questestinterop" in data and accepted:
                data = _credit_also_accepted(data, accepted)
            out.writestr(entry, data)
    return output.getvalue()


def _manifest(manifest: str, *, title: str, built: str, rights: str) -> str:
    for pattern, value in ((_MANIFEST_TITLE, title), (_MANIFEST_DATE, built), (_MANIFEST_RIGHTS, rights)):
        manifest, count = pattern.subn(lambda match, text=value: match[1] + escape(text) + match[2], manifest, 1)
        if count != 1:
            raise ValueError(f"text2qti's manifest no longer has the field {pattern.pattern!r}; update qti.py")
    return manifest


def _credit_also_accepted(assessment: bytes, accepted: dict[str, tuple[str, ...]]) -> bytes:
    """Full credit for each further accepted choice: a scoring condition beside the one for the right answer."""
    ET.register_namespace("", _QTI_NAMESPACE)
    root = ET.fromstring(assessment)
    for item in root.iter(f"{_QTI}item"):
        also = accepted.get(item.get("title", ""), ())
        if not also:
            continue
        labels = {plain_text(label.find(f".//{_QTI}mattext").text or ""): label.get("ident")
                  for label in item.iter(f"{_QTI}response_label")}
        processing = item.find(f"{_QTI}resprocessing")
        right = next(condition for condition in processing.findall(f"{_QTI}respcondition")
                     if (score := condition.find(f"{_QTI}setvar")) is not None and score.text == "100")
        response = right.find(f".//{_QTI}varequal").get("respident")
        for choice in also:
            condition = ET.SubElement(processing, f"{_QTI}respcondition", {"continue": "No"})
            variables = ET.SubElement(condition, f"{_QTI}conditionvar")
            ET.SubElement(variables, f"{_QTI}varequal", {"respident": response}).text = labels[choice]
            ET.SubElement(condition, f"{_QTI}setvar", {"action": "Set", "varname": "SCORE"}).text = "100"
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)

