"""What only MkDocs offers, wired to the engine: serving with live reload, and the offline copy's search.

The site does not depend on this file: `make build` writes the build tree with the engine and MkDocs
renders it, the engine's Markdown extension completing each page, as Zensical does. Here, under
`mkdocs serve`, every rebuild first writes the tree again from the sources, which are watched in
place of the tree; a rebuild that fails leaves the last good site up with the problems at the top of
every page. And Material's offline plugin gets the search shim from the site instead of unpkg.com.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from annotate.banner import mark_site
from annotate.generate import prepare, write_site
from annotate.problems import Problems
from annotate.settings import open_settings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ENGINE_SETTINGS = "annotate.yml"  # beside mkdocs.yml
# iframe-worker 1.0.4's shim (MIT), kept in the site so the offline copy's search needs no network.
OFFLINE_SEARCH_SHIM = "assets/vendor/iframe-worker-shim.js"

_serving = False


def on_startup(*, command: str, **kwargs: Any) -> None:
    global _serving
    _serving = command == "serve"


@event_priority(100)  # before Material's offline plugin, which would otherwise add the shim from unpkg.com
def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SEARCH_SHIM]
    if _serving:
        _write_tree(config)
    return config


def _write_tree(config: MkDocsConfig) -> None:
    """The build tree written again from the sources, as `make build` writes it; the problems, if any, raised."""
    settings = open_settings(Path(config.config_file_path).parent / ENGINE_SETTINGS)
    site = settings if isinstance(settings, Problems) else prepare(settings)
    if isinstance(site, Problems):
        raise PluginError(site.report("the site was not built."))
    write_site(site)


class _Messages(logging.Handler):
    """Keeps the warnings and errors MkDocs logs during one build, for the page to show."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any, **kwargs: Any) -> Any:
    """Watch the sources rather than the tree written from them; a failed rebuild marks the last good site.

    Without the mark, MkDocs keeps each request waiting until the build succeeds again.
    """
    settings = open_settings(Path(config.config_file_path).parent / ENGINE_SETTINGS)
    if not isinstance(settings, Problems):
        server.unwatch(config.docs_dir)
        for path in settings.watched():
            server.watch(str(path))

    def build_or_mark() -> None:
        messages = _Messages()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(messages)
        try:
            builder()
        except Exception as error:  # any failure: the terminal has the details, the page says so
            mark_site(Path(config.site_dir), "\n".join(messages.lines) or str(error))
        finally:
            logger.removeHandler(messages)

    server.builder = build_or_mark
    return server
