"""Under `make serve`, a failed rebuild keeps the last good site and says so on every page.

MkDocs itself keeps each request waiting until the build succeeds again (issue 14: ten minutes with
nothing on the page); the adapter catches the failure and marks the pages instead.
"""

from __future__ import annotations

import logging

import mkdocs_adapter  # scripts/mkdocs_adapter.py
from annotate.banner import mark_site
from conftest import ROOT
from mkdocs.exceptions import Abort


def test_a_failed_rebuild_marks_every_page_of_the_last_good_site(tmp_path):
    (tmp_path / "notes" / "a").mkdir(parents=True)
    pages = [tmp_path / "index.html", tmp_path / "notes" / "a" / "index.html"]
    for page in pages:
        page.write_text('<html><body class="x"><p>the last good page</p></body></html>', encoding="utf-8")

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def builder(self) -> None:
            raise AssertionError("replaced by the adapter")

        def watch(self, path: str) -> None:
            self.watched.append(path)

        def unwatch(self, path: str) -> None:
            self.watched.remove(path)

    class Config:
        site_dir = str(tmp_path)
        config_file_path = str(ROOT / "mkdocs.yml")
        docs_dir = str(ROOT / "build" / "docs")

    def failing_build() -> None:
        # As MkDocs does: it logs what the adapter raised, then aborts with a message of its own.
        logging.getLogger("mkdocs.commands.build").error("docs/notes/a.md:2:8: <b> is not allowed")
        raise Abort("Aborted with a BuildError!")

    server = Server()
    server.watch(Config.docs_dir)  # as MkDocs does before the adapter's turn
    server = mkdocs_adapter.on_serve(server, config=Config(), builder=failing_build)
    server.builder()  # returns: MkDocs then shows the pages instead of waiting
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<body class="x"><div class="ann-build-failed" role="alert"' in html
        assert "docs/notes/a.md:2:8: &lt;b&gt; is not allowed" in html and "Aborted" not in html
        assert "<p>the last good page</p>" in html


def test_a_second_failure_replaces_the_first_notice(tmp_path):
    page = tmp_path / "index.html"
    page.write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    mark_site(tmp_path, "first problem")
    mark_site(tmp_path, "second problem")
    html = page.read_text(encoding="utf-8")
    assert html.count("ann-build-failed") == 1 and "second problem" in html and "first problem" not in html


def test_a_failure_after_mkdocs_emptied_the_site_folder_still_shows_the_problems(tmp_path):
    mark_site(tmp_path, "docs/notes/a.md:5:9: tab character")
    for name in ("index.html", "404.html"):  # MkDocs serves 404.html for every other address
        html = (tmp_path / name).read_text(encoding="utf-8")
        assert '<div class="ann-build-failed" role="alert"' in html and "docs/notes/a.md:5:9: tab character" in html


def test_serving_watches_the_sources_and_not_the_tree_written_from_them():
    class Server:
        def __init__(self) -> None:
            self.watched = [str(ROOT / "build" / "docs"), str(ROOT / "mkdocs.yml")]

        def watch(self, path: str) -> None:
            self.watched.append(path)

        def unwatch(self, path: str) -> None:
            self.watched.remove(path)

    class Config:
        site_dir = str(ROOT / "site")
        config_file_path = str(ROOT / "mkdocs.yml")
        docs_dir = str(ROOT / "build" / "docs")

    server = mkdocs_adapter.on_serve(Server(), config=Config(), builder=lambda: None)
    assert str(ROOT / "build" / "docs") not in server.watched
    for source in ("docs", "data", "annotate.yml", "LICENSE", "mkdocs.yml"):
        assert str(ROOT / source) in server.watched, source
