"""The engine is a package of its own: it imports no site builder, declares what it imports, and names nothing of
this site; the site's article, sections, notes, pages and files come to it from annotate.yml and mkdocs.yml."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import tomllib
from conftest import ROOT
from helpers import settings_of

ENGINE = ROOT / "engine"
PACKAGE = ENGINE / "annotate"
# Import names of the distributions engine/pyproject.toml declares.
IMPORT_NAMES = {"markdown": "Markdown", "yaml": "PyYAML", "jinja2": "Jinja2", "markupsafe": "MarkupSafe",
                "jsonschema": "jsonschema", "selectolax": "selectolax", "feedgen": "feedgen", "pygments": "Pygments",
                "text2qti": "text2qti", "requests": "requests", "ada_url": "ada-url"}


def modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def imported(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_engine_imports_no_site_builder_and_declares_every_package_it_imports():
    declared = tomllib.loads((ENGINE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    distributions = {re.split(r"[<>=\s]", requirement)[0] for requirement in declared["dependencies"]}
    distributions |= {re.split(r"[<>=\s]", requirement)[0]
                      for extra in declared["optional-dependencies"].values() for requirement in extra}
    for path, tree in modules():
        third_party = imported(tree) - set(sys.stdlib_module_names) - {"__future__", "annotate"}
        assert not third_party & {"mkdocs", "material", "zensical"}, path
        assert {IMPORT_NAMES.get(name, name) for name in third_party} <= distributions, (path, third_party)


def strings(tree: ast.Module) -> list[str]:
    """The string constants of a module, its docstrings left out: what the code uses, not what it explains."""
    docstrings = {
        id(node.body[0].value) for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
        and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def site_names() -> set[str]:
    """What belongs to this site alone: its name, sections, notes, pages and data files."""
    settings = settings_of(ROOT)
    article = (settings.article_source).read_text(encoding="utf-8")
    sections = set(re.findall(r'<section class="article-section" id="([^"]+)"', article))
    sections |= set(re.findall(r"\{#([a-z0-9-]+)\}", article))
    notes = {path.stem for path in settings.notes_dir.glob("*.md")}
    pages = {page for page in settings.nav if page != "index.md"}  # index.md is every builder's home page
    files = {path.name for path in (settings.catalog, settings.no_claims, settings.deny_list, settings.public_links)}
    return {settings.site_name, settings.name, *sections, *notes, *pages, *files}


def test_nothing_in_the_engine_names_this_sites_article_sections_notes_pages_or_files():
    names = site_names()
    assert len(names) > 30
    for path, tree in modules():
        for text in strings(tree):
            assert not [name for name in names if name in text], (path, text)
    for template in sorted((PACKAGE / "templates").iterdir()):
        text = template.read_text(encoding="utf-8")
        assert not [name for name in names if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)], template
