"""The quiz in Moodle's GIFT format: one multiple-choice question per claim, a `$CATEGORY:` per section.

Escaping follows Moodle's own GIFT exporter (question/format/gift/format.php, `repchar`): in every
name, question, answer and feedback, a backslash is written `\\\\` and each of `~ = # { } :` gets a
backslash before it; line breaks never occur, since every text is one line of HTML. The category line is
read by Moodle before any unescaping is undone, so there it is written as Moodle's exporter writes it:
category names joined by `/`, a `/` inside a name doubled, and a backslash doubled; the other characters
need no escape on that line, which Moodle reads to its end.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from .quiz import Question, feedback_html, question_html

_SPECIAL = ("\\", "#", "=", "~", "{", "}", ":", "\n", "\r")
_ESCAPED = ("\\\\", "\\#", "\\=", "\\~", "\\{", "\\}", "\\:", "\\n", "")


def escape_text(text: str) -> str:
    """Text as GIFT writes it in a name, a question, an answer or feedback."""
    for special, escaped in zip(_SPECIAL, _ESCAPED, strict=True):
        text = text.replace(special, escaped)
    return text


def category_path(names: Iterable[str]) -> str:
    """The category path made of `names`, outermost first, as Moodle's exporters write it (GIFT and XML)."""
    return "/".join(" ".join(name.split()).replace("\\", "\\\\").replace("/", "//") for name in names)


def category_line(names: Iterable[str]) -> str:
    """`$CATEGORY:` for the category path made of `names`, outermost first."""
    return "$CATEGORY: " + category_path(names)


def quiz_gift(questions: list[Question], *, bank: str, comments: list[str]) -> str:
    """The whole GIFT file: `comments` first, then for each section its category and its questions.

    Each question is a multiple-choice question with one right answer (`=`), any further answer its note
    accepts at full credit (`~%100%`), and wrong ones (`~`), and the note's summary as general feedback
    (`####`). Question texts are HTML (`[html]`), which the answers and feedback inherit. GIFT cannot keep
    Moodle from shuffling the choices; the Moodle XML bank can.
    """
    lines = [f"// {' '.join(comment.split())}" for comment in comments]
    section = None
    for question in questions:
        if question.section != section:
            section = question.section
            lines += ["", category_line([bank, section])]
        lines += ["", f"::{escape_text(question.title)}::[html]{escape_text(question_html(question))}{{"]
        for choice in question.choices:
            mark = "=" if choice == question.answer else "~%100%" if choice in question.accepted else "~"
            lines.append(f"\t{mark}{escape_text(escape(choice))}")
        lines += [f"\t####{escape_text(feedback_html(question))}", "}"]
    return "\n".join(lines) + "\n"
