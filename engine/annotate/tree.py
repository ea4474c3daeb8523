"""The closed tree: every file the build reads is one the site expects, in the repository, of a bounded size.

The pages' folder (docs/), the data folders, the theme's templates (overrides/) and the licences: a
note is exactly `docs/notes/<id>.md`; a page is a Markdown file listed in `nav`; an asset is a file of
an allowed type and name under `docs/assets/`; data and templates are files of their own types. Anything
else is refused with what it should be. A symbolic link and a hidden file or folder are refused wherever
they are, so that a build never reads, or publishes, a file from outside the repository or one a
reviewer does not see. The walk never follows a link. The settings files are checked as they are read
(`settings.py`).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .limits import ASSET_BYTES, DATA_FILE_BYTES, LICENCE_BYTES, PAGE_BYTES, TEMPLATE_BYTES
from .problems import Problems

if TYPE_CHECKING:
    from .settings import Settings

ASSETS_FOLDER = "assets"
ASSET_TYPES = frozenset({".css", ".js", ".svg", ".png", ".woff2", ".txt"})
DATA_TYPES = frozenset({".yml", ".txt"})
TEMPLATE_TYPES = frozenset({".html", ".js", ".css", ".svg"})
# A name a web server, a zip file and every operating system read the same way.
FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
# An SVG drawing may refer to its own parts (url(#gradient)), never to another address.
_SVG_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
# An SVG file opened on its own is a document of the site's origin: it may draw, never run anything.
SVG_ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "title", "desc", "defs",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "text", "tspan",
})
_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
TEMPLATES = "templates"
_ONLY_LINKS = "inside a refused folder"  # looked through for links only
_NO_FOLDERS = "this folder holds files only: move them out of the subfolder"
_HIDDEN = (
    "is hidden (its name starts with '.'); the site is built only from files a reviewer sees: "
    "rename it without the dot, or remove it"
)


@dataclass
class Tree:
    """The note files found, and every file that should not be there."""

    notes: list[Path] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _svg_problem(path: Path) -> str | None:
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError) as error:
        return f"is not a readable SVG file ({error})"
    for element in root.iter():
        name = element.tag.removeprefix(_SVG_NAMESPACE)
        if name not in SVG_ELEMENTS:
            return f"has a <{name}> element; an SVG asset may only draw shapes and text"
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or local == "href":
                return f"has a '{local}' attribute; an SVG asset may not run scripts or link elsewhere"
            if _SVG_URL.search(value):
                return f"has a '{local}' attribute with url(…) to another address; an SVG asset fetches nothing"
        if element.text and _SVG_URL.search(element.text):
            return "has text with url(…) to another address; an SVG asset fetches nothing"
    return None


LINK = (
    "is a symbolic link; the site is built only from files in the repository: "
    "put the file itself here, or remove the link"
)
_NAME = "has a name with characters other than a-z, 0-9, '.', '_' and '-'; rename it in lower case"


class _Walker:
    def __init__(self, root: Path, docs_dir: Path, notes_folder: str, nav_pages: set[str]) -> None:
        self.root = root
        self.docs_dir = docs_dir
        self.notes_folder = notes_folder
        self.nav_pages = nav_pages
        self.tree = Tree()
        docs = self.shown(docs_dir) if root in docs_dir.parents else docs_dir.as_posix()
        self.note_path = f"{docs}/{notes_folder}/<id>.md"
        self.assets = f"{docs}/{ASSETS_FOLDER}/"
        self.hints = {
            "notes": f"notes are not kept in folders: move each to {self.note_path}",
            "docs": f"{docs}/ holds the pages listed in nav, notes in {docs}/{notes_folder}/ and files for the pages "
                    f"in {self.assets}",
        }

    def shown(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def refuse(self, path: Path, message: str) -> None:
        self.tree.problems.add(self.shown(path), 1, 1, message)

    def walk(self, folder: Path, place: str) -> None:
        """Check each entry of `folder`; `place` names which part of the tree it is in."""
        for entry in _entries(folder):
            path = Path(entry.path)
            if entry.is_symlink():
                self.refuse(path, LINK)
            elif entry.name.startswith("."):
                self.refuse(path, _HIDDEN)  # not looked into: nothing in it is read
            elif entry.is_dir(follow_symlinks=False):
                self.folder(path, place)
            elif not entry.is_file(follow_symlinks=False):
                self.refuse(path, "is not a regular file; remove it")
            elif place in (ASSETS_FOLDER, TEMPLATES) and not FILE_NAME.match(entry.name):
                self.refuse(path, _NAME)
            else:
                self.file(path, place)

    def folder(self, path: Path, place: str) -> None:
        if place == "docs" and path.parent == self.docs_dir and path.name == self.notes_folder:
            self.walk(path, "notes")
        elif place == "docs" and path.parent == self.docs_dir and path.name == ASSETS_FOLDER:
            self.walk(path, ASSETS_FOLDER)
        elif place in (ASSETS_FOLDER, TEMPLATES) and not FILE_NAME.match(path.name):
            self.refuse(path, _NAME)
            self.walk(path, _ONLY_LINKS)
        elif place in (ASSETS_FOLDER, TEMPLATES):
            self.walk(path, place)
        elif place == _ONLY_LINKS:
            self.walk(path, _ONLY_LINKS)  # never published, but MkDocs would follow a link inside
        else:
            hint = self.hints.get(place, _NO_FOLDERS)
            self.refuse(path, f"is a folder that the site does not use; {hint}")
            self.walk(path, _ONLY_LINKS)

    def file(self, path: Path, place: str) -> None:
        name = path.name
        if place == "notes":
            if name.endswith(".md"):
                self.tree.notes.append(path)
            else:
                stem = name.split(".", 1)[0].lower() or "the-note-id"
                self.refuse(path, (
                    f"is not a note: a note is {self.note_path}, with the extension '.md' in lower case; "
                    f"rename it to '{stem}.md' if it is one, else remove it"
                ))
        elif place == "docs":
            relative = path.relative_to(self.docs_dir).as_posix()
            if relative not in self.nav_pages:
                self.refuse(path, (
                    "is not a page of the site: pages are the Markdown files listed under 'nav' in mkdocs.yml; "
                    f"a note belongs in {self.note_path}, a picture or stylesheet in {self.assets}"
                ))
            elif path.stat().st_size > PAGE_BYTES:
                self.refuse(path, f"is larger than {PAGE_BYTES // 1024} KiB, the limit for a page")
        elif place == ASSETS_FOLDER:
            if path.suffix.lower() not in ASSET_TYPES:
                self.refuse(path, (
                    f"is not a type of asset the site serves; {self.assets} holds only "
                    f"{', '.join(sorted(ASSET_TYPES))} files"
                ))
            elif path.stat().st_size > ASSET_BYTES:
                self.refuse(path, f"is larger than {ASSET_BYTES // 1024} KiB, the limit for an asset")
            elif path.suffix.lower() == ".svg" and (reason := _svg_problem(path)):
                self.refuse(path, reason)
        elif place == TEMPLATES:
            if path.suffix not in TEMPLATE_TYPES:
                self.refuse(path, (
                    f"is not a template file: the theme's templates are {', '.join(sorted(TEMPLATE_TYPES))} files"
                ))
            elif path.stat().st_size > TEMPLATE_BYTES:
                self.refuse(path, f"is larger than {TEMPLATE_BYTES // 1024} KiB, the limit for a template file")
        elif place == "data":
            if path.suffix not in DATA_TYPES:
                self.refuse(path, "is not a data file: data/ holds YAML files (.yml) and text files (.txt)")
            elif path.stat().st_size > DATA_FILE_BYTES:
                self.refuse(path, f"is larger than {DATA_FILE_BYTES // 1024} KiB, the limit for a data file")


def walk_tree(settings: Settings) -> Tree:
    """Check every file under the pages' folder, the data folders and the templates of the site, and the licences."""
    root = settings.root
    walker = _Walker(root, settings.sources, settings.notes, settings.nav)
    for source in settings.licences.values():  # settings.py refuses a licence path through a link
        if not source.is_file():
            walker.refuse(source, "is not a regular file; the licence is a text file in the repository")
        elif source.stat().st_size > LICENCE_BYTES:
            walker.refuse(source, f"is larger than {LICENCE_BYTES // 1024} KiB, the limit for a licence")
    folders = [(settings.sources, "docs"), *((folder, "data") for folder in settings.data_folders())]
    if settings.templates is not None:
        folders.append((settings.templates, TEMPLATES))
    for folder, place in folders:
        if folder.is_symlink():
            walker.refuse(folder, "is a symbolic link; keep the folder itself in the repository")
        elif root.resolve() not in (folder.resolve(), *folder.resolve().parents):
            walker.tree.problems.add(settings.shown(settings.config_file), 1, 1,
                                     f"'{folder}' is outside the repository; keep it inside")
        elif folder.is_dir():
            walker.walk(folder, place)
    return walker.tree


def nav_pages(nav: object) -> set[str]:
    """The Markdown files a `nav` setting of mkdocs.yml lists, at any depth."""
    if isinstance(nav, str):
        return {nav} if nav.endswith(".md") else set()
    if isinstance(nav, dict):
        return set().union(*(nav_pages(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_pages(item) for item in nav))
    return set()
