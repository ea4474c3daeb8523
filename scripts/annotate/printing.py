"""Full addresses for the links of a page, for print and for copy-link buttons.

When the site's address (`SITE_URL`) is known, each internal link in a page's content gets `data-url`: the
full published address it leads to. The print stylesheet writes that address after the link, so paper
shows `https://…/notes/x/` where the page has `../notes/x/`, and copy-link buttons copy it, from the
published site, a preview or the offline copy alike. Without the site's address there is no full
address to give, and links print as they are.
"""

from __future__ import annotations

import re
from html import escape, unescape

from .addresses import is_internal, public_url, resolve

CONTENT_START = '<article class="md-content__inner'
CONTENT_END = "</article>"
_LINK = re.compile(r'<a\b([^>]*?)\shref="([^"]*)"')


def with_full_addresses(page_html: str, page_url: str, site_url: str | None) -> str:
    """The page with `data-url` on every internal link of its content (the <article> Material writes)."""
    if not site_url:
        return page_html
    start = page_html.find(CONTENT_START)
    end = page_html.find(CONTENT_END, start)
    if start == -1 or end == -1:
        return page_html

    def add(match: re.Match[str]) -> str:
        attributes, href = match.group(1), unescape(match.group(2))
        if not is_internal(href) or "data-url=" in attributes:
            return match.group(0)
        path, anchor = resolve(page_url, href)
        return f'{match.group(0)} data-url="{escape(public_url(site_url, path, anchor))}"'

    return page_html[:start] + _LINK.sub(add, page_html[start:end]) + page_html[end:]
