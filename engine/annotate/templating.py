"""The engine's HTML templates (Jinja2, autoescaping on): every piece of HTML the engine writes comes from one.

Values are escaped unless they are already checked HTML: text from the notes' Markdown after the
allowlist check, passed as `Markup`, and plain-text fields through the `plain` filter, which is the
allowlist's own escaping. An HTML template writes its HTML on one line: in the file, a line break and
the indentation after it are only there to be read, and are left out when the template is loaded. A
Markdown template (`.md`) is kept as written.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from .allowlist import plain
from .notes import DATED, Source
from .textfragment import fragment_url

_BREAK = re.compile(r"\n[ \t]*")


class _OneLine(BaseLoader):
    """Loads the package's templates with their line breaks and indentation taken out."""

    def __init__(self) -> None:
        self._files = FileSystemLoader(Path(__file__).resolve().parent / "templates")

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self._files.get_source(environment, template)
        if template.endswith(".html"):
            source = _BREAK.sub("", source.strip())
        return source, filename, uptodate


def claim_numbers(numbers: list[int]) -> str:
    """'claim 3', 'claims 3 and 5', 'claims 3, 4 and 5'."""
    if len(numbers) == 1:
        return f"claim {numbers[0]}"
    return f"claims {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def passage_url(source: Source) -> str:
    """The source's address, opened at its passage by a text fragment."""
    return fragment_url(source.url, source.passage or "", source.prefix, source.suffix)


@cache
def environment() -> Environment:
    env = Environment(loader=_OneLine(), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["plain"] = lambda text: Markup(plain(text))
    env.filters["claim_numbers"] = claim_numbers
    env.filters["passage_url"] = passage_url
    env.globals["dated_words"] = DATED
    return env


def template(name: str) -> Template:
    return environment().get_template(name)


def render(name: str, **values: Any) -> str:
    """The template `name` rendered with `values`; strings of checked HTML, or of another template's output, are
    passed through `html()`, and every other value is escaped."""
    return template(name).render(**values)


def html(value: str) -> Markup:
    """HTML that is already checked or made by a template, to pass into another template as it is."""
    return Markup(value)
