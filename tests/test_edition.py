"""Editions: the version and build day every page, print, citation and offline copy carries, and their names."""

from __future__ import annotations

import dataclasses
import datetime
import html
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import bibtexparser
import pytest
from annotate.citation import Citation, bibtex, plain, tex
from annotate.edition import Edition, edition_from, next_version
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from offline_zip import UnsafeName, write_offline_zip
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

DAY = datetime.date(2026, 11, 29)
EPOCH_OF_DAY = "1795910400"  # 2026-11-29T00:00:00Z


def test_an_edition_is_unreleased_and_dated_today_unless_told_otherwise():
    assert edition_from({}, today=DAY) == Edition("unreleased", "2026-11-29")
    assert edition_from({"SOURCE_DATE_EPOCH": EPOCH_OF_DAY, "SITE_VERSION": "2026.11.29.2"}) == Edition(
        "2026.11.29.2", "2026-11-29")


@pytest.mark.parametrize(("environ", "message"), [
    ({"SOURCE_DATE_EPOCH": "yesterday"}, "SOURCE_DATE_EPOCH is 'yesterday'; it must be a number of seconds"),
    ({"SITE_VERSION": "v1.0"}, "SITE_VERSION is 'v1.0'; a published version is the build day as YYYY.MM.DD"),
])
def test_a_wrong_edition_setting_is_named_with_what_to_do(environ, message):
    assert edition_from(environ, today=DAY).startswith(message)


def test_the_next_version_is_the_day_then_numbered_after_earlier_editions_of_that_day():
    assert next_version(DAY, []) == "2026.11.29"
    assert next_version(DAY, ["v2026.11.28", "v2026.11.28.2"]) == "2026.11.29"
    assert next_version(DAY, ["v2026.11.29"]) == "2026.11.29.2"
    assert next_version(DAY, ["v2026.11.29", "v2026.11.29.2", "v2026.11.29.3"]) == "2026.11.29.4"


def test_make_edition_names_the_next_version_for_the_workflow(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "start"], check=True)
    subprocess.run([*git, "tag", "v2026.11.29"], check=True)
    env_file, output_file = tmp_path / "env", tmp_path / "output"
    environ = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH_OF_DAY, "GITHUB_ENV": str(env_file),
               "GITHUB_OUTPUT": str(output_file)}
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "edition.py")], cwd=repo, env=environ,
                          capture_output=True, text=True, check=True)
    assert done.stdout == (f"SITE_VERSION=2026.11.29.2\nSOURCE_DATE_EPOCH={EPOCH_OF_DAY}\n"
                           "OFFLINE_ZIP=rust-ml-annotated-2026-11-29.zip\n")
    assert env_file.read_text() == done.stdout
    assert output_file.read_text() == "version=2026.11.29.2\noffline_zip=rust-ml-annotated-2026-11-29.zip\n"


@pytest.mark.parametrize("name", ["assets\\..\\..\\evil.js", "a\nb.js", "café.js", "sp ace.js"])
def test_the_offline_zip_refuses_a_name_an_unzip_tool_could_read_as_another_place(tmp_path, name):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    target = site / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("x", encoding="utf-8")
    with pytest.raises(UnsafeName, match="the offline copy was not zipped"):
        write_offline_zip(site, tmp_path / "copy.zip", Edition("2026.11.29", "2026-11-29"), "rust-ml-annotated")
    assert not (tmp_path / "copy.zip").exists()


def test_the_offline_zip_unpacks_into_one_folder_named_with_the_build_day(tmp_path):
    site = tmp_path / "site"
    (site / "notes" / "x").mkdir(parents=True)
    (site / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    (site / "notes" / "x" / "index.html").write_text("<h1>note</h1>", encoding="utf-8")
    target = tmp_path / "copy.zip"

    assert write_offline_zip(site, target, Edition("2026.11.29", "2026-11-29"), "rust-ml-annotated") == 2

    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["rust-ml-annotated-2026-11-29/index.html",
                                              "rust-ml-annotated-2026-11-29/notes/x/index.html"]
        archive.extractall(tmp_path / "unpacked")
    assert [path.name for path in (tmp_path / "unpacked").iterdir()] == ["rust-ml-annotated-2026-11-29"]
    assert (tmp_path / "unpacked" / "rust-ml-annotated-2026-11-29" / "notes" / "x" / "index.html").read_text() == (
        "<h1>note</h1>")


def test_the_offline_zip_script_says_what_to_build_first(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "offline_zip.py"), str(tmp_path / "none")],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "index.html not found: build the offline copy first (make offline does both)" in done.stderr
    assert "Traceback" not in done.stderr


# Citations

CITATION = Citation(
    key="rust-ml-annotated-odd",
    title="Odd {title} & 100% $ _ # ~ ^ \\ ü",
    site="Rust & ML, Annotated",
    url="https://example.org/annotated/notes/odd/",
    edition=Edition("2026.11.29", "2026-11-29"),
    licence="CC BY 4.0",
    reviewed="2026-11-20",
)


def bibtex_fields(entry: str) -> tuple[str, str, dict[str, str]]:
    """Reads a BibTeX entry as a reference manager does (bibtexparser): its type, key and fields, each value with
    its outer braces removed; the entry must be the only block, read without failure."""
    library = bibtexparser.parse_string(entry)
    assert not library.failed_blocks and len(library.blocks) == 1, entry
    read = library.entries[0]
    fields = {field.key: field.value for field in read.fields}
    assert [field.key for field in read.fields] == list(fields), entry  # no field twice
    return f"@{read.entry_type}", read.key, fields


def _tex_reader() -> LatexNodes2Text:
    """TeX to text, with the LaTeX text commands for braces and the circumflex as LaTeX itself defines them."""
    context = get_default_latex_context_db()
    context.add_context_category("text-symbols", prepend=True, macros=[
        MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}"),
        MacroTextSpec("textasciicircum", "^"),
    ])
    return LatexNodes2Text(latex_context=context)


TEX_TO_TEXT = _tex_reader().latex_to_text


def test_bibtex_entry_has_every_field_with_tex_specials_escaped():
    kind, key, fields = bibtex_fields(bibtex(CITATION))
    assert (kind, key) == ("@misc", "rust-ml-annotated-odd")
    assert fields["author"] == "{Rust \\& ML, Annotated contributors}"
    assert fields["title"] == "{" + tex(CITATION.title) + "}"
    assert tex(CITATION.title) == ("Odd \\textbraceleft{}title\\textbraceright{} \\& 100\\% \\$ \\_ \\# "
                                   "\\textasciitilde{} \\textasciicircum{} \\textbackslash{} ü")
    assert TEX_TO_TEXT(tex(CITATION.title)) == CITATION.title
    assert fields["url"] == CITATION.url
    assert fields["howpublished"] == f"\\url{{{CITATION.url}}}"
    assert (fields["version"], fields["year"], fields["month"]) == ("2026.11.29", "2026", "nov")
    assert "note reviewed 2026-11-20" in fields["note"]


@pytest.mark.parametrize("title", [
    'Rust is fast}}, url = "https://evil.example/", note = jan',  # issue 21: rewrote the entry's address
    "One { unbalanced brace",  # issue 21: made the entry unreadable
    "Closing } first", "\\}", "@misc{other, url={https://evil.example/}}", "%", "a\nb",
])
def test_no_title_changes_what_a_bibtex_reader_finds(title):
    _, key, fields = bibtex_fields(bibtex(dataclasses.replace(CITATION, title=title)))
    _, _, plain_fields = bibtex_fields(bibtex(dataclasses.replace(CITATION, title="Plain")))
    assert key == "rust-ml-annotated-odd" and list(fields) == list(plain_fields)
    assert {name: value for name, value in fields.items() if name != "title"} == {
        name: value for name, value in plain_fields.items() if name != "title"}
    assert TEX_TO_TEXT(fields["title"][1:-1]) == " ".join(title.split())


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60))
def test_any_title_gives_one_entry_with_the_same_fields(title):
    _, _, fields = bibtex_fields(bibtex(dataclasses.replace(CITATION, title=title)))
    assert list(fields) == ["author", "title", "howpublished", "url", "version", "year", "month", "note"]
    assert fields["url"] == CITATION.url


def test_plain_reference_names_authors_title_site_version_date_address_and_licence():
    assert plain(CITATION) == (
        "Rust & ML, Annotated contributors. “Odd {title} & 100% $ _ # ~ ^ \\ ü.” Rust & ML, Annotated, "
        "version 2026.11.29, built 2026-11-29. Note reviewed 2026-11-20. https://example.org/annotated/notes/odd/. "
        "Licence: CC BY 4.0."
    )


def test_the_licences_exist_and_name_the_canonical_cc_by_address():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    notes = (ROOT / "LICENSE-notes").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in notes
    assert "https://creativecommons.org/licenses/by/4.0/" in notes


def test_the_code_licence_names_every_code_folder_there_is_and_none_that_is_not():
    licence = " ".join((ROOT / "LICENSE").read_text(encoding="utf-8").split())
    named = set(re.findall(r"(?<![\w/.])(\.?[a-z][a-z.-]*)/", licence.split("Permission is hereby granted")[0]))
    code = {"engine", "scripts", "tests", "tools", "overrides", ".ci", ".github"}
    assert code <= named, f"LICENSE leaves out {sorted(code - named)}"
    assert all((ROOT / folder).is_dir() for folder in named), f"LICENSE names folders that do not exist: {named}"
    assert 'license = "MIT"' in (ROOT / "engine" / "pyproject.toml").read_text(encoding="utf-8")


def test_the_notes_licence_keeps_the_article_text_out_wherever_it_is_quoted():
    notes = " ".join((ROOT / "LICENSE-notes").read_text(encoding="utf-8").split())
    excluded = notes.split("Not covered:")[1]
    assert "the article" in excluded and "this licence does not extend to it wherever it is quoted" in excluded
    for place in ("quiz banks", "worksheet", "answer key", "claims ledger", "Web Annotation export"):
        assert place in excluded, place


def test_every_course_file_says_its_rights_and_names_its_edition(built_site: Path):
    from annotate.settings import open_settings

    rights = open_settings(ROOT / "annotate.yml").course.rights
    edition = edition_from(os.environ)
    assert "not under that licence" in rights
    course = built_site / "course"
    for name in ("quiz.gift", "quiz-moodle.xml", "quiz.csv"):
        text = (course / name).read_bytes().decode("utf-8-sig")
        assert rights in html.unescape(" ".join(text.split())), name
        assert edition.describe() in text, name
    with zipfile.ZipFile(course / "quiz-qti.zip") as package:
        manifest = html.unescape(package.read("imsmanifest.xml").decode("utf-8"))
    assert rights in manifest and "Private (Copyrighted)" not in manifest
    assert f"<imsmd:dateTime>{edition.built}</imsmd:dateTime>" in manifest


def test_every_page_names_the_corrections_feed_for_feed_readers(built_site: Path):
    from selectolax.lexbor import LexborHTMLParser

    pages = [page for page in built_site.rglob("*.html") if "Redirecting" not in page.read_text(encoding="utf-8")]
    for page in pages:
        head = LexborHTMLParser(page.read_text(encoding="utf-8")).head
        links = head.css('link[rel~="alternate"][type="application/atom+xml"]')
        assert len(links) == 1, page
        href = links[0].attributes["href"]
        base = built_site if href.startswith("/") else page.parent
        assert (base / href.lstrip("/")).resolve() == (built_site / "corrections" / "feed.xml").resolve(), page


def test_every_page_shows_the_edition_and_links_both_licences(built_site: Path):
    edition = edition_from(os.environ)
    pages = [page for page in built_site.rglob("*.html") if "Redirecting" not in page.read_text(encoding="utf-8")]
    assert len(pages) > 25
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = f'Version {edition.version}, built <time datetime="{edition.built}">{edition.built}</time>'
        assert footer in html, page
        if page.name != "404.html":  # Material's 404 template has its own content block: nothing to print there
            assert f"version {edition.version}, built {edition.built}." in html, f"{page}: no edition in print"
        for licence in ("LICENSE.txt", "LICENSE-notes.txt"):
            href = re.search(rf'href="([^"]*{licence})"', html).group(1)
            base = built_site if href.startswith("/") else page.parent  # the 404 page links from the site root
            assert (base / href.lstrip("/")).resolve() == (built_site / licence).resolve(), page
    assert (built_site / "LICENSE.txt").read_bytes() == (ROOT / "LICENSE").read_bytes()
    assert (built_site / "LICENSE-notes.txt").read_bytes() == (ROOT / "LICENSE-notes").read_bytes()
