"""The whole check of a site's notes and data, as the build does it, without MkDocs."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .contributor import ContributorMarkdown
from .notes import FrontMatter, split_front_matter, verdicts
from .pipeline import place_notes
from .problems import Problems
from .project import Project, load_content, markdown_renderer
from .tree import nav_pages
from .yamldoc import YamlSyntaxError, decode


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` as MkDocs does; other tags are left as None."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[name] for name in variables if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_config(path: Path) -> dict[str, Any]:
    text = decode(path.read_bytes())
    if isinstance(text, tuple):
        raise YamlSyntaxError(*text)
    try:
        return yaml.load(text, Loader=_ConfigLoader) or {}
    except yaml.MarkedYAMLError as error:
        line, column = (error.problem_mark.line + 1, error.problem_mark.column + 1) if error.problem_mark else (1, 1)
        raise YamlSyntaxError(line, column, f"malformed YAML: {error.problem}") from None


def markdown_settings(config: dict[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The `markdown_extensions` list of mkdocs.yml as Python-Markdown takes it."""
    extensions, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            for name, options in item.items():
                extensions.append(name)
                configs[name] = options or {}
        else:
            extensions.append(item)
    return extensions, configs


@dataclass(frozen=True)
class Site:
    """A site as the checks see it: its paths, its pages and its Markdown settings, read from mkdocs.yml."""

    project: Project
    render: Callable[[str], str]  # the site's Markdown, for its own pages
    text: ContributorMarkdown  # the notes' Markdown
    nav: set[str]

    def article_html(self) -> str | tuple[int, int, str]:
        """The article page rendered as MkDocs renders it, or (line, column, message) if it cannot be read."""
        text = decode(self.project.article_source.read_bytes())
        if isinstance(text, tuple):
            return text
        parts = split_front_matter(text)
        return self.render(parts.body if isinstance(parts, FrontMatter) else text)


def open_site(config_path: Path) -> Site | Problems:
    """The site configured by `config_path`, or the problem that stops it being read."""
    config_path = config_path.resolve()
    try:
        config = read_site_config(config_path)
    except (OSError, YamlSyntaxError) as error:
        line, column = (error.line, error.column) if isinstance(error, YamlSyntaxError) else (1, 1)
        problems = Problems()
        problems.add(config_path.name, line, column, f"cannot read the site configuration: {error}")
        return problems
    root = config_path.parent
    project = Project(root=root, docs_dir=(root / config.get("docs_dir", "docs")).resolve())
    settings = markdown_settings(config)
    return Site(project, markdown_renderer(*settings), ContributorMarkdown(*settings), nav_pages(config.get("nav")))


def check_site(config_path: Path) -> tuple[Problems, str]:
    """Every problem in the notes, the catalog and their anchoring; and a one-line count."""
    site = open_site(config_path)
    if isinstance(site, Problems):
        return site, ""
    project = site.project
    content = load_content(project, site.text, site.nav)
    problems = content.problems
    if not content.tree_closed:
        return problems, ""
    article_html = site.article_html()
    if isinstance(article_html, tuple):
        problems.add(project.shown(project.article_source), *article_html)
        return problems, ""
    article = place_notes(
        project,
        content,
        article_html,
        render_markdown=site.text.summary_html,
        verdict_titles={key: value["title"] for key, value in verdicts().items()},
        note_href=lambda note: f"notes/{note.id}/",
    )
    problems.extend(article.problems)
    counts = (
        f"{len(article.placements)} claims in {len(content.notes)} notes placed in {len(article.sections)} sections, "
        f"{len(content.no_claims)} sentence{'s' if len(content.no_claims) != 1 else ''} without a claim, "
        f"{len(content.catalog)} crates"
    )
    return problems, counts
