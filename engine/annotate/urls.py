"""Where each page and file of a build is, and the links between them, as MkDocs and Zensical write them.

A page `notes/x.md` is built at `notes/x/` with folder addresses, or at `notes/x.html` without them (the
offline copy); links between pages are relative, so that the site works at any address and from disk.
Its published address, which prints, citations and exports give, is always the folder one
(`addresses.py`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .addresses import page_path, public_url


@dataclass(frozen=True)
class SiteMap:
    directory_urls: bool = True
    site_url: str = ""  # the published site's address, when known

    def url(self, path: str) -> str:
        """Where the page or file built from `path` (relative to the pages' folder) is, from the site's root."""
        if not path.endswith(".md"):
            return path
        if self.directory_urls:
            return page_path(path)
        stem = path.removesuffix(".md")
        folder, _, name = stem.rpartition("/")
        return f"{folder}/index.html" if folder and name == "index" else (
            "index.html" if name == "index" else f"{stem}.html")

    def href(self, target: str, page: str, anchor: str = "") -> str:
        """A relative link from the page built from `page` to `target` (both source paths), with `#anchor`."""
        return relative(self.url(target), self.url(page)) + (f"#{anchor}" if anchor else "")

    def link(self, target: str, page: str, anchor: str = "") -> str:
        """A link from the page `page` to `target` as a page's Markdown writes one: the target's file, relative
        to the page's own (`../notes/x.md#changes`, `corrections/feed.xml`).

        Every link the engine puts into a page is written so; the Markdown extension then has it lead to the
        target's address on the page as built (see `page_data.to_addresses`).
        """
        folder = posixpath.dirname(page)
        return posixpath.relpath(target, folder or ".") + (f"#{anchor}" if anchor else "")

    def address(self, link: str, page: str) -> str:
        """The address a link written as `link` leads to from the page `page`, relative to the page as built."""
        path, _, anchor = link.partition("#")
        if not path:
            return link
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        return self.href(target, page, anchor)

    def public(self, target: str, anchor: str = "") -> str:
        """The published address of `target`: full when the site's address is known, else from the root."""
        return public_url(self.site_url, page_path(target) if target.endswith(".md") else target, anchor)

    def absolute_or_root(self, target: str, anchor: str = "") -> str:
        """For files at the site's root (the JSON-LD export): a full address, else a path relative to the root."""
        if self.site_url:
            return self.public(target, anchor)
        return (self.url(target) or "./") + (f"#{anchor}" if anchor else "")


def relative(url: str, base: str) -> str:
    """`url` relative to the page at `base`; both are addresses from the site's root, as `SiteMap.url` gives."""
    folder = base if base.endswith("/") or not base else posixpath.dirname(base)
    up = [part for part in folder.split("/") if part]
    down = [part for part in url.split("/") if part]
    common = 0
    while common < min(len(up), len(down)) and up[common] == down[common]:
        common += 1
    href = "/".join([".."] * (len(up) - common) + down[common:])
    if url.endswith("/") or not url:
        return f"{href}/" if href else "./"
    return href
