"""The article's own words: the file they were copied from, pinned by its SHA-256 digest in the engine's settings,
and the article page, which must read as exactly the lines of that file it shows.

A change of either is a change of the republished article itself, which the site never makes: `make check`
and every build refuse it here, and the review gate refuses a pull request that changes the pin.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .article import AnnotatedArticle
from .problems import Problems
from .settings import Original


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def page_lines(article: AnnotatedArticle) -> list[str]:
    """The article as a reader reads it on its page, before any note is placed: each section's heading, then each
    of its paragraphs, one line each, with its typography and with runs of spaces as one."""
    lines = []
    for section in article.sections:
        if section.heading:
            lines.append(section.heading)
        for block in section.blocks:
            lines.append(section.source_text(article.source, block.first_char, block.last_char).strip())
    return lines


def shown_lines(original: Original) -> list[tuple[int, str]]:
    """(line number, text) of each non-empty line of the file that the page shows, runs of spaces as one."""
    text = original.file.read_bytes().decode("utf-8", "replace").splitlines()
    numbered = enumerate(text[original.first_line - 1:original.last_line], start=original.first_line)
    return [(number, " ".join(line.split())) for number, line in numbered if line.strip()]


def original_problems(original: Original, config: str, shown_file: str, article: AnnotatedArticle,
                      article_path: str, article_markdown: str) -> Problems:
    """The file no longer matching its pin, or the page not reading as exactly the file's lines, in order."""
    problems = Problems()
    if not original.file.is_file():
        problems.add(config, *original.pin_position, (
            f"{shown_file}, the article's own words, is missing; restore it from the repository's history"
        ))
        return problems
    found = digest(original.file)
    if found != original.sha256:
        problems.add(shown_file, 1, 1, (
            f"{shown_file} has the SHA-256 digest {found}, but {config} pins {original.sha256}; the article is "
            "republished word for word and its words never change: restore the file"
        ))
        return problems
    expected = shown_lines(original)
    page = page_lines(article)
    for index, (number, line) in enumerate(expected):
        shown = page[index] if index < len(page) else None
        if shown != line:
            where = _markdown_line(article_markdown, shown if shown is not None else "")
            start = _first_difference(shown or "", line)
            problems.add(article_path, where, 1, (
                f"the article page reads \"{_clip(shown, start)}\" where {shown_file} line {number} has "
                f"\"{_clip(line, start)}\"; "
                "the article is republished word for word: restore its words" if shown is not None else
                f"the article page ends before {shown_file} line {number}, \"{_clip(line)}\"; restore the rest "
                "of the article"
            ))
            return problems
    if len(page) > len(expected):
        extra = page[len(expected)]
        problems.add(article_path, _markdown_line(article_markdown, extra), 1, (
            f"the article page goes on with \"{_clip(extra)}\" after the last line of {shown_file} it shows "
            f"(line {original.last_line}); the article has no such words: remove them"
        ))
    return problems


def _first_difference(one: str, other: str) -> int:
    return next(
        (index for index, (a, b) in enumerate(zip(one, other, strict=False)) if a != b), min(len(one), len(other)))


def _clip(text: str | None, start: int = 0, length: int = 60) -> str:
    """Up to `length` characters of `text` from a little before `start`, where it differs from what it is shown
    beside."""
    text = text or ""
    begin = max(0, start - 20)
    clipped = text[begin:begin + length]
    return ("…" if begin else "") + clipped + ("…" if begin + length < len(text) else "")


def _markdown_line(markdown: str, shown: str) -> int:
    """The line of the article's Markdown that holds the opening words of `shown`, or 1."""
    opening = " ".join(shown.split()[:4])
    for number, line in enumerate(markdown.split("\n"), start=1):
        if opening and opening in " ".join(line.split()):
            return number
    return 1
