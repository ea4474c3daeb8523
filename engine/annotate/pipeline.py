"""What every build and `make check` do once the content is loaded: place the notes on the article, then account
for every sentence of it. One function, so that they can never disagree."""

from __future__ import annotations

from collections.abc import Callable

from .accounting import sentence_problems
from .article import AnnotatedArticle, annotate_article
from .notes import Note
from .project import Content
from .settings import Settings
from .yamldoc import decode


def place_notes(
    settings: Settings,
    content: Content,
    article_html: str,
    *,
    render_markdown: Callable[[str], str],
    verdict_titles: dict[str, str],
    note_href: Callable[[Note], str],
) -> AnnotatedArticle:
    """The annotated article; its `problems` include every sentence that is neither quoted nor listed."""
    article_path = settings.shown(settings.article_source)
    article = annotate_article(
        article_html,
        article_path,
        content.notes,
        render_markdown=render_markdown,
        verdict_titles=verdict_titles,
        note_href=note_href,
    )
    if article.sections:
        markdown = decode(settings.article_source.read_bytes())
        article.problems.extend(sentence_problems(
            article,
            content.no_claims,
            no_claims_path=settings.shown(settings.no_claims),
            article_path=article_path,
            article_markdown=markdown if isinstance(markdown, str) else "",
            unchecked_sections=article.unplaced_sections | content.unread_sections,
        ))
    return article
