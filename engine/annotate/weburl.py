"""Web addresses read as a browser reads them, before any rule applies to them.

Every address a note, a link or the catalog gives is parsed by ada, the WHATWG URL parser that Node.js
uses. What a reader sees and what a browser opens must be the same place, so an address is refused
when the two can differ: a user name before the host (`https://docs.rs@evil.example/`), a host written
with other than ASCII letters unless in punycode (`ｌｉｂ.rs`, `lib。rs`), a `%` or a `\\` (which a
browser reads as `/`), or a `.` or `..` segment in the path. Rules on hosts and paths (the deny list)
then match the parsed host and path, never the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ada_url import URL

_AUTHORITY = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:/*([^/?#]*)")
_DOT_SEGMENT = re.compile(r"^(\.|%2e){1,2}$", re.IGNORECASE)


@dataclass(frozen=True)
class WebAddress:
    """An address as a browser reads it: the host in lower case without a final dot, and the path."""

    host: str
    path: str


def parse(url: str) -> WebAddress | str:
    """The address `url` leads to, or why it may be read as another address than it shows."""
    text = url.strip()
    if "\\" in text:
        return "has a backslash, which a browser reads as '/'; write '/'"
    try:
        parsed = URL(text)
    except ValueError:
        return "is not an address a browser can read; check it for spaces and stray characters"
    authority = _AUTHORITY.match(text)
    host_as_written = authority.group(1).rsplit("@", 1)[-1] if authority else ""
    if parsed.username or parsed.password:
        return (f"names a user before its host ('{text.split('//', 1)[-1].split('@', 1)[0]}@'), so it leads to "
                f"{parsed.hostname}, not where it seems to; write the address without it")
    if any(not char.isascii() for char in host_as_written):
        return (f"has a host with characters other than ASCII ('{host_as_written}', which a browser reads as "
                f"{parsed.hostname}); write the host in ASCII, in punycode (xn--…) if it has other letters")
    if "%" in host_as_written:
        return f"has a '%' in its host ('{host_as_written}'); write the host as it is, without percent-escapes"
    raw_path = text[authority.end():] if authority else ""
    segments = raw_path.split("?", 1)[0].split("#", 1)[0].split("/")
    if any(_DOT_SEGMENT.match(segment) for segment in segments):
        return "has a '.' or '..' segment in its path; write the path the browser ends up at"
    return WebAddress(parsed.hostname.lower().rstrip("."), parsed.pathname)
