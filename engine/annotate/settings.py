"""One site's settings: the engine's own file (`annotate.yml`), and what it reads from the builder's configuration.

`annotate.yml` names the builder's configuration, where the pages and notes are written, the article,
the data files and the site's own words (its licence, the offline copy's name, the quiz's title). From
the builder's configuration (mkdocs.yml, which MkDocs and Zensical both read) come the Markdown
settings, the pages in `nav`, the site's name and address, whether addresses are folders, and the
folder the builder reads pages from, where the engine writes the build tree. Every path is resolved
from the folder of the file that names it, never from the working directory.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems
from .schema import schema_problems
from .tree import nav_pages
from .yamldoc import YamlSyntaxError, decode, parse_yaml

EXTENSION = "annotate.extension"  # how the builder's configuration names the engine's Markdown extension
# The Markdown extensions pages and notes may be converted with: none reads a file or runs code. An
# extension that does (snippets, which includes any file by its path) would put what it reads on a page.
MARKDOWN_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "sane_lists", "smarty", "tables",
    "toc", "pymdownx.betterem", "pymdownx.caret", "pymdownx.details", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.mark", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tilde",
})
# Settings Material's templates print on every page, not all of them escaped.
_PRINTED_SETTINGS = ("site_name", "site_description", "copyright", "site_author")
# A stylesheet or script the theme loads on every page: a file of the site, by its path from the pages' folder.
_LOCAL_ASSET = re.compile(r"^(?!.*(?:^|/)\.\.?(?:/|$))[a-z0-9_-][a-z0-9._-]*(?:/[a-z0-9_-][a-z0-9._-]*)*$")


@dataclass(frozen=True)
class LinkKind:
    purpose: str
    pattern: str  # the address's shape, from the site root
    example: str  # a real address of that shape, from the site root


@dataclass(frozen=True)
class Course:
    """The site's words for its course material."""

    quiz_title: str
    rights: str  # what every course file says of its rights
    link_kinds: tuple[LinkKind, ...] = ()


@dataclass(frozen=True)
class Original:
    """`original` in annotate.yml: the file the article was copied from, its digest, and the lines the page shows."""

    file: Path
    sha256: str
    first_line: int
    last_line: int
    pin_position: tuple[int, int]  # where annotate.yml writes the digest, for messages


@dataclass(frozen=True)
class Settings:
    """Everything the engine needs to know about one site; paths are absolute."""

    config_file: Path  # annotate.yml
    builder_file: Path  # mkdocs.yml
    sources: Path  # the pages and notes as written
    tree: Path  # where the builder reads pages from: the generated build tree
    article: str  # the article's page, relative to `sources`
    notes: str  # the notes' folder, relative to `sources`
    catalog: Path
    no_claims: Path
    deny_list: Path
    public_links: Path | None
    provenance: Path | None  # where the article's text came from (data/article.yml)
    licences: dict[str, Path]  # file name in the site → the file in the repository
    templates: Path | None  # the theme's templates as written, if the site has its own
    templates_tree: Path | None  # where the builder reads them from (its custom_dir), generated from `templates`
    licence: str  # the notes' licence, as citations name it
    name: str  # the site's short name, for the offline copy, the worksheet's storage and the freshness watch
    course: Course
    markdown_extensions: list[Any] = field(default_factory=list)
    markdown_configs: dict[str, dict[str, Any]] = field(default_factory=dict)
    nav: set[str] = field(default_factory=set)
    site_name: str = ""
    site_url: str = ""
    directory_urls: bool = True
    original: Original | None = None  # the article's own words, pinned; None for a site that pins none

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def worksheet_storage(self) -> str:
        """Where the worksheet keeps a student's marks in the browser."""
        return f"{self.name}:worksheet"

    @property
    def notes_dir(self) -> Path:
        return self.sources / self.notes

    @property
    def article_source(self) -> Path:
        return self.sources / self.article

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the site's folder, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def data_folders(self) -> list[Path]:
        """The folders of the data files, which hold nothing else."""
        files = (self.catalog, self.no_claims, self.deny_list, self.public_links, self.provenance)
        return sorted({path.parent for path in files if path is not None} - {self.root})

    def watched(self) -> list[Path]:
        """What `make serve` watches: the pages and notes as written, the data and the settings themselves."""
        templates = [self.templates] if self.templates else []
        return [self.sources, *self.data_folders(), *templates, self.config_file, *self.licences.values()]


class _BuilderLoader(yaml.SafeLoader):
    """Reads the builder's configuration: `!ENV [NAME, default]` as MkDocs does; other tags are left as None."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    return next((os.environ[name] for name in variables if name in os.environ), default)


_BuilderLoader.add_constructor("!ENV", _env)
_BuilderLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_builder_config(path: Path) -> dict[str, Any]:
    """The builder's configuration file, with environment variables filled in."""
    text = decode(path.read_bytes())
    if isinstance(text, tuple):
        raise YamlSyntaxError(*text)
    try:
        return yaml.load(text, Loader=_BuilderLoader) or {}
    except yaml.MarkedYAMLError as error:
        line, column = (error.problem_mark.line + 1, error.problem_mark.column + 1) if error.problem_mark else (1, 1)
        raise YamlSyntaxError(line, column, f"malformed YAML: {error.problem}") from None


def markdown_settings(config: dict[str, Any]) -> tuple[list[Any], dict[str, dict[str, Any]]]:
    """The builder's `markdown_extensions` as Python-Markdown takes them, without the engine's own extension."""
    extensions, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        for name, options in (item.items() if isinstance(item, dict) else [(item, None)]):
            if name == EXTENSION:
                continue
            extensions.append(name)
            if options:
                configs[name] = options
    return extensions, configs


def _uses_extension(config: dict[str, Any]) -> bool:
    return any(
        item == EXTENSION or (isinstance(item, dict) and EXTENSION in item)
        for item in config.get("markdown_extensions") or []
    )


def _outside_problem(root: Path, value: str) -> str | None:
    """Why the path `value` from `root` may not be read: a symbolic link on the way, or a place outside `root`."""
    path = root
    for part in Path(value).parts:
        path = path.parent if part == ".." else path / part
        if path.is_symlink():
            return (f"'{value}' passes through the symbolic link '{path.relative_to(root).as_posix()}'; the site is "
                    "built only from files in the repository: keep the file itself there")
    if root.resolve() not in (path.resolve(), *path.resolve().parents):
        return f"'{value}' is outside the repository; keep it inside"
    return None


_PATH_KEYS = ("builder", "sources", "templates", "catalog", "no_claims", "deny_list", "public_links")


def open_settings(path: Path) -> Settings | Problems:
    """The settings of the site whose engine file is `path`, or every problem that stops them being read."""
    problems = Problems()
    if path.is_symlink():
        problems.add(path.name, 1, 1, "is a symbolic link; keep the engine's settings themselves in the repository")
        return problems
    path = path.resolve()
    shown = path.name
    try:
        text = decode(path.read_bytes())
        if isinstance(text, tuple):
            raise YamlSyntaxError(*text)
        document = parse_yaml(text)
    except OSError as error:
        problems.add(shown, 1, 1, f"cannot read the engine's settings: {error.strerror}")
        return problems
    except YamlSyntaxError as error:
        problems.add(shown, error.line, error.column, str(error))
        return problems
    for line, column, message in schema_problems(document, "site"):
        problems.add(shown, line, column, message)
    if problems:
        return problems
    values = document.data
    root = path.parent
    named = [((key,), values[key]) for key in _PATH_KEYS if key in values]
    named += [(("licences", source), source) for source in values.get("licences", {})]
    for where, value in named:
        if (reason := _outside_problem(root, value)) is not None:
            problems.add(shown, *document.position(where, key=len(where) > 1), reason)
    if problems:
        return problems
    builder_file = (root / values["builder"]).resolve()
    try:
        builder = read_builder_config(builder_file)
    except (OSError, YamlSyntaxError) as error:
        line, column = (error.line, error.column) if isinstance(error, YamlSyntaxError) else (1, 1)
        problems.add(values["builder"], line, column, f"cannot read the builder's configuration: {error}")
        return problems
    problems.extend(_builder_problems(builder_file, values["builder"], builder))
    if not _uses_extension(builder):
        problems.add(values["builder"], 1, 1, (
            f"'markdown_extensions' does not list '{EXTENSION}'; add it, or the pages are built without their notes"
        ))
    builder_root = builder_file.parent
    sources = (root / values["sources"]).resolve()
    tree = (builder_root / builder.get("docs_dir", "docs")).resolve()
    for key, folder in (("docs_dir", builder.get("docs_dir", "docs")), ("theme.custom_dir", _custom_dir(builder))):
        if folder and (reason := _outside_problem(builder_root, str(folder))) is not None:
            problems.add(values["builder"], 1, 1, f"{key}: {reason}")
    if tree == sources:
        problems.add(values["builder"], 1, 1, (
            f"docs_dir is '{builder.get('docs_dir', 'docs')}', the folder the pages are written in; point it at "
            "the build tree the engine writes (such as build/docs), which is generated from them"
        ))
    theme = builder.get("theme") if isinstance(builder.get("theme"), dict) else {}
    templates_tree = (builder_root / theme["custom_dir"]).resolve() if theme.get("custom_dir") else None
    templates = (root / values["templates"]).resolve() if "templates" in values else None
    if (templates is None) != (templates_tree is None) or (templates is not None and templates == templates_tree):
        problems.add(values["builder"], 1, 1, (
            "theme.custom_dir must be the folder the engine writes the theme's templates to (such as "
            f"build/overrides), and {path.name} must name the templates as written under 'templates'; or neither"
        ))
    if problems:
        return problems

    def optional(key: str) -> Path | None:
        return (root / values[key]).resolve() if key in values else None

    course = values.get("course", {})
    pinned = values.get("original")
    original = Original(
        file=(root / pinned["file"]).resolve(), sha256=pinned["sha256"], first_line=pinned["lines"][0],
        last_line=pinned["lines"][1], pin_position=document.position(("original", "sha256")),
    ) if pinned else None
    extensions, configs = markdown_settings(builder)
    return Settings(
        config_file=path,
        builder_file=builder_file,
        sources=sources,
        tree=tree,
        article=values["article"],
        notes=values["notes"],
        catalog=(root / values["catalog"]).resolve(),
        no_claims=(root / values["no_claims"]).resolve(),
        deny_list=(root / values["deny_list"]).resolve(),
        public_links=optional("public_links"),
        provenance=optional("provenance"),
        licences={copy: (root / source).resolve() for source, copy in values.get("licences", {}).items()},
        templates=templates,
        templates_tree=templates_tree,
        licence=values["licence"],
        name=values["name"],
        course=Course(
            quiz_title=course.get("quiz_title", f"{builder.get('site_name', '')}: the article's claims"),
            rights=" ".join(course.get("rights", (
                f"Questions, choices and feedback: {builder.get('site_name', '')} contributors, {values['licence']}. "
                "The article's words quoted in the questions are not under that licence.")).split()),
            link_kinds=tuple(LinkKind(**kind) for kind in course.get("link_kinds", [])),
        ),
        markdown_extensions=extensions,
        markdown_configs=configs,
        nav=nav_pages(builder.get("nav")) | _pages_outside_nav(builder.get("not_in_nav")),
        site_name=str(builder.get("site_name") or ""),
        site_url=str(builder.get("site_url") or ""),
        directory_urls=_truthy(builder.get("use_directory_urls", True)) and not _offline(builder),
        original=original,
    )


def _pages_outside_nav(not_in_nav: object) -> set[str]:
    """The pages `not_in_nav` names one by one (`/answer-key.md`): built and linked, but not in the navigation.
    Folder and wildcard patterns name no page; the notes' folder is the site's own."""
    if not isinstance(not_in_nav, str):
        return set()
    return {line.strip().removeprefix("/") for line in not_in_nav.splitlines()
            if line.strip().endswith(".md") and not any(char in line for char in "*?[!")}


def _builder_problems(path: Path, shown: str, builder: dict[str, Any]) -> Problems:
    """Markdown extensions that read files or run code, and stylesheets or scripts from elsewhere than the site."""
    problems = Problems()
    lines = path.read_text(encoding="utf-8").split("\n")

    def at(value: str) -> tuple[int, int]:
        return next(((number, line.index(value) + 1) for number, line in enumerate(lines, start=1)
                     if value in line and not line.lstrip().startswith("#")), (1, 1))

    extensions, _ = markdown_settings(builder)
    for name in extensions:
        plain = str(name).removeprefix("markdown.extensions.")
        if plain not in MARKDOWN_EXTENSIONS:
            problems.add(shown, *at(str(name)), (
                f"the Markdown extension '{name}' is not one the engine allows: pages and notes are converted only "
                "with extensions that read no file and run no code (annotate/settings.py lists them)"
            ))
    for key in _PRINTED_SETTINGS:
        value = builder.get(key)
        if isinstance(value, str) and any(char in value for char in '<>"'):
            problems.add(shown, *at(f"{key}:"), (
                f"{key} holds '<', '>' or '\"'; the theme prints it on every page, some of it as HTML: "
                "write it as plain text"
            ))
    for key in ("extra_css", "extra_javascript"):
        for item in builder.get(key) or []:
            asset = item.get("path") if isinstance(item, dict) else item
            if not isinstance(asset, str) or not _LOCAL_ASSET.match(asset):
                problems.add(shown, *at(str(asset)), (
                    f"{key} lists '{asset}'; the theme loads only the site's own files, by their path from the pages' "
                    "folder, such as assets/notes.js"
                ))
    return problems


def _custom_dir(builder: dict[str, Any]) -> str | None:
    theme = builder.get("theme")
    return theme.get("custom_dir") if isinstance(theme, dict) else None


def _truthy(value: Any) -> bool:
    return value not in (False, "false", "False", 0, None)


def _offline(config: dict[str, Any]) -> bool:
    """Whether Material's offline plugin is on: it writes every page as a file (notes/x.html), not a folder."""
    for item in config.get("plugins") or []:
        if isinstance(item, dict):
            for name, options in item.items():
                if name in ("offline", "material/offline") and _truthy((options or {}).get("enabled", True)):
                    return True
        elif item in ("offline", "material/offline"):
            return True
    return False
