"""Quiz questions from the claims: one question per claim of the article, numbered as on the site.

Every format (Moodle's GIFT, Canvas's QTI, the CSV) is written from these questions, so they always
ask the same thing. A question quotes the claim in its sentence, names its section, and asks how well
the evidence supports it; the choices are the verdict scale's titles, the answer is the claim's own
verdict, and the feedback is the claim's own explanation (a further claim's summary, or the note's summary
for the note's own quote) with a link to the note.

A claim judged `opinion` cannot be supported or refuted by evidence, so it gets a question of its own
kind: is this a statement of fact that evidence can check, or an opinion? Its answer is still the
verdict's title, "Opinion". That way every claim of the ledger is a question, and no question pretends
that an opinion is true or false.

A verdict that depends on when the article was written may come with further verdicts that hold under
another reading of its date (`also_accepted`); every format credits those in full too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .article import Placement
from .notes import DATED, Note
from .templating import html, render

EVIDENCE_PROMPT = "How well does the evidence support this claim?"
OPINION_PROMPT = "Is this claim a statement of fact that evidence can check, or an opinion?"
OPINION = "opinion"
FACT_CHOICE = "A statement of fact that evidence can check"


@dataclass(frozen=True)
class Question:
    number: int  # the claim's number, as on the article, in the ledger and in print
    section: str  # the title of the claim's section
    sentence: tuple[str, str, str]  # the claim's sentence as the page shows it: before, the words, after
    prompt: str
    choices: tuple[str, ...]
    answer: str  # the title of the claim's verdict; always one of the choices
    also_accepted: tuple[str, ...]  # titles of further verdicts credited in full, for a verdict that depends on a date
    verdict: str  # the verdict's key, such as "misleading"
    dated: bool  # the verdict depends on when the article was written
    summary: str  # why the claim got its verdict, plain text: its own summary, or its note's for the note's quote
    note_title: str
    note_url: str
    quote_url: str  # the claim's words on the article
    summary_html: str = ""  # the summary as checked HTML, its links in full, for the formats that show HTML

    @property
    def words(self) -> str:
        return self.sentence[1]

    @property
    def title(self) -> str:
        return f"Claim {self.number}"

    @property
    def accepted(self) -> tuple[str, ...]:
        """Every choice that earns full credit: the verdict's title first."""
        return (self.answer, *self.also_accepted)

    @property
    def verdict_line(self) -> str:
        """'Misleading.', 'Outdated (depends on when the article was written).' or, with a further verdict,
        'Outdated (depends on when the article was written; Misleading is also accepted).'"""
        if not self.dated:
            return f"{self.answer}."
        also = f"; {' and '.join(self.also_accepted)} {'is' if len(self.also_accepted) == 1 else 'are'} also accepted"
        return f"{self.answer} ({DATED}{also if self.also_accepted else ''})."


def questions(
    claims: list[Placement],
    verdict_titles: dict[str, str],
    *,
    summary_text: Callable[[Placement], str],
    note_url: Callable[[Note], str],
    quote_url: Callable[[Placement], str],
    summary_html: Callable[[Placement], str] | None = None,
) -> list[Question]:
    """One question per claim, in the order of their numbers."""
    scale = tuple(verdict_titles.values())
    made = []
    for claim in claims:
        note, verdict = claim.note, claim.quote.verdict
        opinion = verdict == OPINION
        made.append(Question(
            number=claim.number,
            section=claim.section.title,
            sentence=claim.sentence,
            prompt=OPINION_PROMPT if opinion else EVIDENCE_PROMPT,
            choices=(FACT_CHOICE, verdict_titles[OPINION]) if opinion else scale,
            answer=verdict_titles[verdict],
            also_accepted=tuple(verdict_titles[other] for other in claim.quote.also_accepted),
            verdict=verdict,
            dated=claim.quote.depends_on_article_date,
            summary=summary_text(claim),
            note_title=note.title,
            note_url=note_url(note),
            quote_url=quote_url(claim),
            summary_html=summary_html(claim) if summary_html else "",
        ))
    return made


def sentence_text(question: Question) -> str:
    return "".join(question.sentence)


def question_html(question: Question) -> str:
    """The question as HTML: its number and section, the sentence with the claim in bold, the prompt."""
    return render("quiz-question.html", question=question)


def feedback_html(question: Question) -> str:
    """The feedback as HTML: the verdict, the claim's explanation, a link to the note and one to the words."""
    summary = html(question.summary_html) if question.summary_html else question.summary
    return render("quiz-feedback.html", question=question, summary=summary)


def feedback_text(question: Question) -> str:
    """The feedback as plain text, for a spreadsheet cell."""
    return f"The notes' verdict: {question.verdict_line} {question.summary} Full note: {question.note_url}"
