"""The engine's Python-Markdown extension: completes a page of the build tree on the builder's own HTML.

MkDocs and Zensical both run Python-Markdown extensions on every page, and nothing else of the
engine's reaches them. A page the generator wrote starts with one comment line that carries what the
page needs (see `page_data.py`); this extension takes that line out before anything else reads the
page, then, once the page is HTML, puts the generated parts in place of their markers, highlights the
article's quotes and puts each note beside its paragraph. It reads no file and knows no path: a page
without the line is left exactly as the builder made it.

In mkdocs.yml:

    markdown_extensions:
      - annotate.extension
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .page_data import PageData, complete_page, take_page_data

_STATE = "annotate_page"  # the Markdown instance's attribute for the page being converted


class _TakeData(Preprocessor):
    """First of all, the page's data line is taken out, so that no other processor sees it."""

    def run(self, lines: list[str]) -> list[str]:
        data, rest = take_page_data(lines)
        setattr(self.md, _STATE, _State(data))
        return rest


class _TreeDone(Treeprocessor):
    """Marks the end of the tree stage: postprocessors called before it (the table of contents runs them on
    each heading's text) are not yet working on the page."""

    def run(self, root: Any) -> None:
        state = getattr(self.md, _STATE, None)
        if state is not None:
            state.tree_done = True


class _Complete(Postprocessor):
    """Last of all, on the page's HTML: the generated parts, the notes and the full addresses."""

    def run(self, text: str) -> str:
        state = getattr(self.md, _STATE, None)
        if state is None or state.data is None or not state.tree_done:
            return text
        data, state.data = state.data, None  # once per page
        # MkDocs turns a page's Markdown links into addresses with its "relpath" treeprocessor, before this
        # runs, and leaves HTML as it is; a builder without it (Zensical) turns every link into an address later.
        return complete_page(text, data, to_addresses="relpath" in self.md.treeprocessors)


class _State:
    def __init__(self, data: PageData | None) -> None:
        self.data = data
        self.tree_done = False


class AnnotateExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before every other preprocessor (the highest of Python-Markdown's own is 30).
        md.preprocessors.register(_TakeData(md), "annotate-data", 1000)
        # After every other treeprocessor, and every postprocessor (the lowest of Python-Markdown's own is 10).
        md.treeprocessors.register(_TreeDone(md), "annotate-tree-done", -1000)
        md.postprocessors.register(_Complete(md), "annotate-complete", -1000)


def makeExtension(**kwargs: Any) -> AnnotateExtension:
    return AnnotateExtension(**kwargs)
