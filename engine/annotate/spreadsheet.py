"""The quiz as CSV, for spreadsheets and for form and quiz tools that import questions from a sheet.

One header row, then one row per question. The file is UTF-8 with a byte-order mark, which spreadsheet
programs take as the sign that it is UTF-8 rather than a local code page; every field is quoted, and rows
end with CRLF, as RFC 4180 describes. The correct answer is given twice: as its text, and as the number
of its choice column, which is what most quiz importers ask for; further answers a note accepts for a
verdict that depends on the article's date are given the same two ways. Each row is whole on its own: the
full question names the article, the claim and its section, and every row names the edition it comes from
and the rights in its text, so a row copied into another sheet still says all that.
"""

from __future__ import annotations

import csv
import io

from .quiz import Question, feedback_text, sentence_text

MAX_CHOICES = 7  # the verdict scale's length; an opinion's question leaves the later columns empty
HEADER = (
    "Claim", "Section", "Sentence", "Claim words", "Question", "Full question",
    *(f"Choice {number}" for number in range(1, MAX_CHOICES + 1)),
    "Correct answer", "Correct choice number", "Also accepted", "Also accepted choice numbers",
    "Feedback", "Note", "Link to the words", "Edition", "Rights",
)


def full_question(question: Question, article_title: str) -> str:
    """The question as one self-contained text: the article, the claim, its section and sentence, the prompt."""
    return (f"{question.title} of the article “{article_title}”, from the section “{question.section}”: "
            f"{sentence_text(question)} The claim: “{question.words}”. {question.prompt}")


def quiz_csv(questions: list[Question], *, article_title: str, edition: str, rights: str) -> bytes:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for question in questions:
        if len(question.choices) > MAX_CHOICES:
            raise ValueError(f"{question.title} has {len(question.choices)} choices; the sheet has {MAX_CHOICES}")
        choices = [*question.choices, *[""] * (MAX_CHOICES - len(question.choices))]
        writer.writerow([
            question.number, question.section, sentence_text(question), question.words, question.prompt,
            full_question(question, article_title),
            *choices,
            question.answer, question.choices.index(question.answer) + 1,
            "; ".join(question.also_accepted),
            "; ".join(str(question.choices.index(choice) + 1) for choice in question.also_accepted),
            feedback_text(question), question.note_url, question.quote_url, edition, rights,
        ])
    return stream.getvalue().encode("utf-8-sig")
