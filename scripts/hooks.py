"""MkDocs adapter: wires build events to the annotate package, which knows nothing of MkDocs.

Each build starts from fresh state in `on_config`, so `mkdocs serve` rebuilds never see stale notes.
Every problem of a build is collected and reported once, in `on_env`, before any page is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotate import render
from annotate.article import AnnotatedArticle, annotate_article
from annotate.notes import Note, verdicts
from annotate.project import ARTICLE_PAGE, NOTES_FOLDER, Content, Project, load_content, markdown_renderer
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

LEGEND_MARKER = "<!-- verdict-legend -->"


class _Build:
    """What one build knows: the project, its loaded content and, once rendered, the annotated article."""

    def __init__(self, config: MkDocsConfig) -> None:
        root = Path(config.config_file_path).resolve().parent
        self.project = Project(root=root, docs_dir=Path(config.docs_dir).resolve())
        self.render = markdown_renderer(config.markdown_extensions, config.mdx_configs)
        self.content: Content = load_content(self.project, self.render)
        self.verdicts = verdicts()
        self.article: AnnotatedArticle | None = None


_build: _Build | None = None


def _current() -> _Build:
    if _build is None:
        raise PluginError("the annotation hook ran before on_config; check the 'hooks' entry in mkdocs.yml")
    return _build


def _note_id(page: Page) -> str | None:
    folder, _, name = page.file.src_uri.rpartition("/")
    return name[:-3] if folder == NOTES_FOLDER and name.endswith(".md") else None


def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    global _build
    _build = _Build(config)
    return config


def on_page_markdown(markdown: str, *, page: Page, **kwargs: Any) -> str:
    if page.file.src_uri != ARTICLE_PAGE:
        return markdown
    return markdown.replace(LEGEND_MARKER, render.verdict_legend(_current().verdicts))


def on_page_content(html: str, *, page: Page, files: Files, **kwargs: Any) -> str:
    if page.file.src_uri != ARTICLE_PAGE:
        return html
    build = _current()

    def note_href(note: Note) -> str:
        note_file = files.get_file_from_path(f"{NOTES_FOLDER}/{note.id}.md")
        return get_relative_url(note_file.url, page.url) if note_file else ""

    build.article = annotate_article(
        html,
        build.project.shown(build.project.article_source),
        build.content.notes,
        render_markdown=build.render,
        verdict_titles={key: value["title"] for key, value in build.verdicts.items()},
        note_href=note_href,
    )
    return build.article.html


def on_env(env: Any, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> Any:
    build = _current()
    problems = build.content.problems
    article_file = files.get_file_from_path(ARTICLE_PAGE)
    if build.article is None or article_file is None or article_file.page is None:
        problems.add(build.project.shown(build.project.article_source), 1, 1, "the article page was not rendered")
    else:
        problems.extend(build.article.problems)
        _fill_note_pages(build, build.article, article_file.page, files)
    if problems:
        raise PluginError(problems.report("the site was not built."))
    return env


def _fill_note_pages(build: _Build, article: AnnotatedArticle, article_page: Page, files: Files) -> None:
    for file in files.documentation_pages():
        page = file.page
        note_id = _note_id(page) if page else None
        placement = article.placement(note_id) if note_id else None
        if placement is None:
            continue
        note = placement.note
        to_article = get_relative_url(article_page.url, page.url)
        if article_page.url.endswith("/") or not article_page.url:
            to_article += "/"  # "../../" rather than "../..", as MkDocs writes directory links
        page.content = render.note_page(
            note,
            verdict_title=build.verdicts[note.verdict]["title"],
            summary_html=render.inline(build.render(note.summary)),
            body_html=page.content or "",
            sentence_html=placement.sentence_html,
            section_heading=placement.section.heading or "the introduction",
            section_href=f"{to_article}#{placement.section.id}",
            quote_href=f"{to_article}#quote-{note.id}",
            crates=[build.content.catalog[name] for name in note.crates],
            crate_href={name: build.content.catalog[name].crates_io for name in note.crates},
        )
