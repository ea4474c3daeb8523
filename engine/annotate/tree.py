"""The closed content tree: every file under the pages' folder (docs/) and the data folder is one the site expects.

A note is exactly `docs/notes/<id>.md`; a page is a Markdown file listed in `nav`; an asset is a file
of an allowed type under `docs/assets/`; data are files of their own types. Anything else is refused
with what it should be, and a symbolic link is refused wherever it is, so that a build never reads,
or publishes, a file from outside the repository. The walk never follows a link.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .limits import DATA_FILE_BYTES
from .problems import Problems

if TYPE_CHECKING:
    from .settings import Settings

ASSETS_FOLDER = "assets"
ASSET_TYPES = frozenset({".css", ".js", ".svg", ".png", ".woff2", ".txt"})
DATA_TYPES = frozenset({".yml", ".txt"})
# An SVG file opened on its own is a document of the site's origin: it may draw, never run anything.
SVG_ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "title", "desc", "defs",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "text", "tspan",
})
_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
_ONLY_LINKS = "inside a refused or hidden folder"  # looked through for links only
_NO_FOLDERS = "this folder holds files only: move them out of the subfolder"


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
        for attribute in element.attrib:
            local = attribute.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or local == "href":
                return f"has a '{local}' attribute; an SVG asset may not run scripts or link elsewhere"
    return None


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
                self.refuse(path, (
                    "is a symbolic link; the site is built only from files in the repository: "
                    "put the file itself here, or remove the link"
                ))
            elif entry.is_dir(follow_symlinks=False):
                self.folder(path, place)
            elif entry.name.startswith("."):
                continue  # hidden files are never published
            elif not entry.is_file(follow_symlinks=False):
                self.refuse(path, "is not a regular file; remove it")
            else:
                self.file(path, place)

    def folder(self, path: Path, place: str) -> None:
        if place == "docs" and path.parent == self.docs_dir and path.name == self.notes_folder:
            self.walk(path, "notes")
        elif place == "docs" and path.parent == self.docs_dir and path.name == ASSETS_FOLDER:
            self.walk(path, ASSETS_FOLDER)
        elif place == ASSETS_FOLDER:
            self.walk(path, place)
        elif path.name.startswith(".") or place == _ONLY_LINKS:
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
        elif place == ASSETS_FOLDER:
            if path.suffix.lower() not in ASSET_TYPES:
                self.refuse(path, (
                    f"is not a type of asset the site serves; {self.assets} holds only "
                    f"{', '.join(sorted(ASSET_TYPES))} files"
                ))
            elif path.suffix.lower() == ".svg" and (reason := _svg_problem(path)):
                self.refuse(path, reason)
        elif place == "data":
            if path.suffix not in DATA_TYPES:
                self.refuse(path, "is not a data file: data/ holds YAML files (.yml) and text files (.txt)")
            elif path.stat().st_size > DATA_FILE_BYTES:
                self.refuse(path, f"is larger than {DATA_FILE_BYTES // 1024} KiB, the limit for a data file")


def walk_tree(settings: Settings) -> Tree:
    """Check every file under the pages' folder and the data folders of the site."""
    root = settings.root
    walker = _Walker(root, settings.sources, settings.notes, settings.nav)
    for folder, place in ((settings.sources, "docs"), *((folder, "data") for folder in settings.data_folders())):
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
