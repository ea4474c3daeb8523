"""Every sentence of the article is accounted for: it holds a highlighted quote, or `data/no-claims.yml` lists it
with the reason it makes no claim.

A sentence holds a quote when the quote lies inside it, or when it lies inside the quote (a quote may run
over two sentences). The sentences are those of the rendered article, the same text the quotes are
anchored in; a problem with one is reported at the line of the article's Markdown that holds it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .anchoring import fold_char, normalise
from .article import AnnotatedArticle, Placement
from .datafile import load_data_document
from .problems import Problems
from .sentences import all_sentences

# A sentence whose words the Markdown breaks up (with a link, say) is looked up by its opening words.
_FEWEST_WORDS_TO_LOCATE = 4


@dataclass(frozen=True)
class NoClaim:
    """A sentence listed as making no factual claim, and where the entry is written."""

    sentence: str
    reason: str
    line: int
    column: int


def load_no_claims(path: Path, shown_path: str) -> tuple[list[NoClaim], Problems]:
    """The listed sentences, and every problem in the file; a missing file lists none."""
    problems = Problems()
    if not path.is_file():
        return [], problems
    document, problems = load_data_document(path, shown_path, "no-claims")
    if document is None:
        return [], problems
    return [
        NoClaim(entry["sentence"], entry["reason"], *document.position(("sentences", index, "sentence")))
        for index, entry in enumerate(document.data["sentences"])
    ], problems


class _MarkdownLocator:
    """Finds sentences in the article's Markdown, in order, to name the line and column each starts at."""

    def __init__(self, markdown: str) -> None:
        self.markdown = markdown
        folded, offsets = [], []
        for offset, char in enumerate(markdown):
            char = " " if char.isspace() else fold_char(char)
            if char == " " and folded and folded[-1] == " ":
                continue
            folded.append(char)
            offsets.append(offset)
        self.text = "".join(folded)
        self.offsets = offsets
        self.position = 0

    def find(self, sentence: str) -> tuple[int, int]:
        words = sentence.split()
        for count in range(len(words), min(len(words), _FEWEST_WORDS_TO_LOCATE) - 1, -1):
            found = self.text.find(" ".join(words[:count]), self.position)
            if found != -1:
                self.position = found + 1
                break
        offset = self.offsets[self.position - 1] if self.position else 0
        line_start = self.markdown.rfind("\n", 0, offset) + 1
        return self.markdown.count("\n", 0, offset) + 1, offset - line_start + 1


def holds(start: int, end: int, placement: Placement) -> bool:
    """Whether the sentence [start, end) of its section holds the quote: the quote lies in it, or it in the quote."""
    return (start <= placement.start and placement.end <= end) or (placement.start <= start and end <= placement.end)


def sentence_problems(
    article: AnnotatedArticle,
    no_claims: list[NoClaim],
    *,
    no_claims_path: str,
    article_path: str,
    article_markdown: str,
    unchecked_sections: set[str],
) -> Problems:
    """Sentences neither quoted nor listed, and entries of the list that match no sentence or one that is quoted.

    Sentences of `unchecked_sections`, where a note could not be loaded or placed, are not reported as
    unquoted: the note's own problem says what to fix there.
    """
    problems = Problems()
    listed: dict[str, NoClaim] = {}
    for entry in no_claims:
        key = normalise(entry.sentence)
        if key in listed:
            problems.add(no_claims_path, entry.line, entry.column, (
                f"sentence \"{entry.sentence}\" is listed twice; keep one entry"
            ))
        listed.setdefault(key, entry)
    locator = _MarkdownLocator(article_markdown)
    found: set[str] = set()
    for section in article.sections:
        placements = [p for p in article.placements if p.section is section]
        for start, end in all_sentences(section.text):
            sentence = section.text[start:end]
            shown = section.source_text(article.source, start, end)
            line, column = locator.find(sentence)
            holding = next((p for p in placements if holds(start, end, p)), None)
            entry = listed.get(sentence)
            if entry is not None:
                found.add(sentence)
                if holding is not None:
                    problems.add(no_claims_path, entry.line, entry.column, (
                        f"sentence \"{shown}\" holds {holding.note.describe(holding.quote)}, "
                        "so it makes a claim; remove it from this list"
                    ))
            elif holding is None and section.id not in unchecked_sections:
                problems.add(article_path, line, column, (
                    f"sentence \"{shown}\" holds no highlighted quote and is not listed in {no_claims_path}; "
                    "highlight its claim in a note, or list it there with the reason it makes no factual claim"
                ))
    sentences = [section.text[s:e] for section in article.sections for s, e in all_sentences(section.text)]
    for key, entry in listed.items():
        if key not in found:
            close = difflib.get_close_matches(key, sentences, n=1, cutoff=0.6)
            hint = f" (closest sentence: \"{close[0]}\")" if close else ""
            problems.add(no_claims_path, entry.line, entry.column, (
                f"\"{entry.sentence}\" is not a sentence of the article{hint}; copy the whole sentence "
                "from the article, or remove the entry"
            ))
    return problems
