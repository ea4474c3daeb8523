"""The public address of every page and file: what a reader types, prints, cites or pastes into a course.

A page is published at a folder address (`notes/x.md` is `/notes/x/`), whatever shape the build
gives its files: the offline copy writes `notes/x.html`, yet what it prints, copies and cites is
the published address. With the site's address (`SITE_URL`) known, addresses are full URLs;
without it, they are paths from the site's root, such as `/notes/x/`.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit


def page_path(src_uri: str) -> str:
    """The published path of the page built from `src_uri`, relative to the site root: `notes/x/`, or `` for
    the home page."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def built_to_public(built_path: str) -> str:
    """The published path of a built file's path: `notes/x.html` and `notes/x/index.html` are both `notes/x/`."""
    if built_path == "index.html" or built_path.endswith("/index.html"):
        return built_path.removesuffix("index.html")
    if built_path.endswith(".html"):
        return built_path.removesuffix(".html") + "/"
    return built_path


def public_url(site_url: str | None, path: str, anchor: str = "") -> str:
    """The address of `path` (relative to the site root), with `#anchor` if given: full with a site address."""
    fragment = f"#{anchor}" if anchor else ""
    if site_url:
        return urljoin(site_url if site_url.endswith("/") else f"{site_url}/", path) + fragment
    return f"/{path}{fragment}"


def is_internal(href: str) -> bool:
    """A link to this site: relative, with no scheme and no host."""
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and not href.startswith("//")


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """The published path and the anchor that an internal `href` on the page built at `page_url` leads to."""
    parts = urlsplit(href)
    base = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    if parts.path:
        target = posixpath.normpath(posixpath.join(base, parts.path)) if base else posixpath.normpath(parts.path)
        target = "" if target == "." else target
        if parts.path.endswith("/") and target:
            target += "/"
    else:
        target = page_url
    return built_to_public(target), parts.fragment
