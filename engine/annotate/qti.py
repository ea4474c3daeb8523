"""The quiz as a QTI 1.2 package for Canvas, written by text2qti from its plain-text quiz format.

text2qti reads Markdown, with `$...$` as LaTeX and local image paths to embed, and starts a question,
a choice or a setting wherever a line begins with its marker. The text given to it is therefore
built so that nothing from the notes can be read as any of that: each question, choice and feedback is
one line after its marker, and every ASCII character of the notes' text that is not a letter, a digit
or a space is written as an HTML character reference (`&#36;` for `$`), which Markdown passes through
and Canvas shows as the character itself; so are `$`, a backslash and a backtick in the attributes of
the tags (a link's address). The only markup is the HTML that `quiz` writes.
"""

from __future__ import annotations

import re
from html import unescape

from text2qti.config import Config
from text2qti.qti import QTI
from text2qti.quiz import Quiz

from .quiz import Question, feedback_html, question_html

_CHOICE_LETTERS = "abcdefghijklmnopqrstuvwxyz"


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


def quiz_qti_zip(questions: list[Question], *, title: str, description: str) -> bytes:
    """The QTI package (a zip) that Canvas imports, made by text2qti with its default settings.

    text2qti's settings file in the home folder is not read, and its code blocks are never run.
    """
    config = Config()
    config["run_code_blocks"] = False
    return QTI(Quiz(quiz_source(questions, title=title, description=description), config=config)).zip_bytes()
