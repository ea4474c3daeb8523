"""The build tree: every page and file the builder publishes, generated from the pages, notes and data as written.

`prepare` loads and checks everything and places the notes on the article, rendered with the builder's
own Markdown settings; `make check` stops there. `tree_files` then writes each page of the tree: a
page as written, with its markers of generated content replaced by the parts' markers and its data
line (`page_data.py`); a page per note; the article with the plan of its notes; and the files around
them (the JSON-LD export, the corrections feed, the worksheet's answers, the course files, the
licences, a redirect page for each old note address). Where generated content goes is named by the
pages themselves, by a marker such as `<!-- claims-ledger -->`; nothing here names a page of the site.
"""

from __future__ import annotations

import datetime
import json
import os
import posixpath
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml
from markupsafe import escape

from . import changelog, citation, instructors, ledger, metadata, pages, render, templating, worksheet
from .addresses import page_path
from .allowlist import plain
from .answer_key import answer_key
from .article import AnnotatedArticle
from .budget import OverBudget, time_budget
from .catalog import categories, statuses
from .contributor import ContributorMarkdown
from .edition import Edition, edition_from
from .feed import corrections_feed
from .gift import quiz_gift
from .limits import PAGE_SECONDS
from .links import PublicPaths, registry_problems
from .moodle import quiz_moodle_xml
from .notelinks import NoteText, anchor_problems, page_anchor_problems
from .notes import FrontMatter, Note, Quote, change_kinds, quote_anchor, split_front_matter, verdicts
from .original import original_problems
from .page_data import ArticlePlan, PageData, data_line, fingerprint, part_marker
from .pagecheck import page_problems as policy_problems
from .pipeline import place_notes
from .problems import Problems
from .project import Content, contributor_markdown, load_content, markdown_renderer
from .qti import quiz_qti_zip
from .quiz import questions
from .settings import Settings
from .spreadsheet import quiz_csv
from .urls import SiteMap, relative
from .yamldoc import decode

# The markers a page may hold, each replaced by what the engine generates for it.
LEGEND = "verdict-legend"
REVIEW_DATES = "review-dates"
CRATE_GUIDE = "crate-guide"
LEDGER = "claims-ledger"
WORKSHEET = "exercise-article"
ANSWER_KEY = "answer-key"
CORRECTIONS = "corrections"
CITE_SITE = "cite-site"
LINK_TABLE = "link-table"
DOWNLOADS = "course-downloads"
PROVENANCE = "article-provenance"
MARKERS = (LEGEND, REVIEW_DATES, CRATE_GUIDE, LEDGER, WORKSHEET, ANSWER_KEY, CORRECTIONS, CITE_SITE, LINK_TABLE,
           DOWNLOADS, PROVENANCE)
NOTE_PART = "note"
ANNOTATIONS_FILE = "annotations.jsonld"
FEED_NAME = "feed.xml"  # beside the corrections page: corrections/feed.xml
ANSWERS_NAME = "answers.js"  # beside the worksheet: exercise/answers.js
WORKSHEET_SCRIPT_NAME = "worksheet.js"  # the worksheet's own script, shipped with the engine, beside its answers
ASSETS = Path(__file__).resolve().parent / "assets"


def marker(name: str) -> str:
    return f"<!-- {name} -->"


@dataclass
class Page:
    """A page as written: its front matter and its Markdown."""

    path: str  # relative to the pages' folder, such as claims.md
    meta: dict[str, Any]
    body: str

    def holds(self, name: str) -> bool:
        return marker(name) in self.body


@dataclass
class Site:
    """One site loaded, checked and with its notes placed: all that the tree is written from."""

    settings: Settings
    text: ContributorMarkdown
    content: Content
    pages: dict[str, Page]
    article: AnnotatedArticle
    edition: Edition
    environ: Mapping[str, str]
    urls: SiteMap = field(init=False)
    notes: NoteText = field(init=False)

    def __post_init__(self) -> None:
        self.urls = SiteMap(self.settings.directory_urls, self.settings.site_url)
        self.notes = NoteText(self.text, self.settings.notes, self.urls)
        self.verdicts = verdicts()
        self.verdict_titles = {key: value["title"] for key, value in self.verdicts.items()}
        self.change_kinds = change_kinds()
        self.change_titles = {key: value["title"] for key, value in self.change_kinds.items()}

    def page_with(self, name: str) -> str | None:
        """The page that holds the marker `name`, if one does."""
        return next((page.path for page in self.pages.values() if page.holds(name)), None)

    def note_source(self, note: Note) -> str:
        return f"{self.settings.notes}/{note.id}.md"

    def note_link(self, page: str) -> Callable[[Note], str]:
        """Links from `page` to each note's page, as the page's Markdown writes them (see `SiteMap.link`)."""
        return lambda note: self.urls.link(self.note_source(note), page)

    @property
    def article_title(self) -> str:
        return str(self.pages[self.settings.article].meta.get("title") or self.settings.site_name)


def read_pages(settings: Settings) -> tuple[dict[str, Page], Problems]:
    """Every page of the site as written, except the notes; each page's front matter read as the builder reads it."""
    problems = Problems()
    found: dict[str, Page] = {}
    for relative_path in sorted(settings.nav):  # the pages are exactly those in nav (tree.py refuses any other)
        path = settings.sources / relative_path
        if not path.is_file():
            continue  # the builder names the page that nav lists and does not exist
        text = decode(path.read_bytes())
        if isinstance(text, tuple):
            problems.add(settings.shown(path), *text)
            continue
        parts = split_front_matter(text.replace("\r\n", "\n"))
        if not isinstance(parts, FrontMatter):
            found[relative_path] = Page(relative_path, {}, text)
            continue
        try:
            meta = yaml.safe_load(parts.yaml) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = parts.first_line + (mark.line if mark else 0)
            problems.add(settings.shown(path), line, (mark.column + 1) if mark else 1,
                         f"the page's front matter is not readable YAML: {getattr(error, 'problem', error)}")
            continue
        found[relative_path] = Page(relative_path, meta if isinstance(meta, dict) else {}, parts.body)
    return found, problems


def _with_part_markers(page: Page) -> str:
    """The page's Markdown with each marker it holds replaced by the marker of its generated part."""
    body = page.body
    for name in MARKERS:
        if name != CRATE_GUIDE:
            body = body.replace(marker(name), part_marker(name))
    return body


def article_html(settings: Settings) -> str | Problems:
    """The article rendered as the builder renders it, before any note is placed (for `make note`)."""
    site_pages, problems = read_pages(settings)
    page = site_pages.get(settings.article)
    if page is None:
        problems.add(settings.shown(settings.config_file), 1, 1,
                     f"the article '{settings.article}' is not a page in {settings.shown(settings.sources)}")
    if problems:
        return problems
    return markdown_renderer(settings.markdown_extensions, settings.markdown_configs)(_with_part_markers(page))


def prepare(settings: Settings, environ: Mapping[str, str] | None = None,
            today: datetime.date | None = None) -> Site | Problems:
    """The site loaded and checked, its notes placed; or every problem found, for `make check` and every build."""
    environ = os.environ if environ is None else environ
    text = contributor_markdown(settings)
    content = load_content(settings, text, today)
    problems = content.problems
    if not content.tree_closed:
        return problems
    edition = edition_from(environ)
    if isinstance(edition, str):
        problems.add(settings.shown(settings.config_file), 1, 1, edition)
    site_pages, page_problems = read_pages(settings)
    problems.extend(page_problems)
    article_page = site_pages.get(settings.article)
    if article_page is None:
        problems.add(settings.shown(settings.config_file), 1, 1, (
            f"the article '{settings.article}' is not a page in {settings.shown(settings.sources)}; "
            "name the page that holds it"
        ))
        return problems
    problems.extend(_registry_problems(settings, content, site_pages))
    page_markdown = markdown_renderer(settings.markdown_extensions, settings.markdown_configs)
    page_html: dict[str, str] = {}
    for page in site_pages.values():
        source = settings.sources / page.path
        try:
            with time_budget(PAGE_SECONDS):
                page_html[page.path] = page_markdown(page.body)
        except OverBudget:
            problems.add(settings.shown(source), 1, 1, (
                f"the page took more than {PAGE_SECONDS:g} s to convert from Markdown; write it more simply"))
    if len(page_html) < len(site_pages):
        return problems
    for page in site_pages.values():
        source = settings.sources / page.path
        problems.extend(policy_problems(settings.shown(source), _file_lines(source), page_html[page.path],
                                        MARKERS, page.meta))
    for page in site_pages.values():
        if page.holds(PROVENANCE) and settings.provenance is None:
            problems.add(settings.shown(settings.sources / page.path), 1, 1, (
                f"the page holds <!-- {PROVENANCE} --> but {settings.shown(settings.config_file)} names no "
                "'provenance' file; add 'provenance: data/article.yml', or remove the marker"
            ))
    urls = SiteMap(settings.directory_urls, settings.site_url)
    note_text = NoteText(text, settings.notes, urls)
    article = place_notes(
        settings,
        content,
        page_markdown(_with_part_markers(article_page)),
        render_markdown=lambda summary: note_text.summary_of(summary, settings.article),
        verdict_titles={key: value["title"] for key, value in verdicts().items()},
        note_href=lambda note: urls.link(f"{settings.notes}/{note.id}.md", settings.article),
    )
    problems.extend(article.problems)
    if settings.original is not None:
        markdown = decode(settings.article_source.read_bytes())
        problems.extend(original_problems(
            settings.original, settings.shown(settings.config_file), settings.shown(settings.original.file), article,
            settings.shown(settings.article_source), markdown if isinstance(markdown, str) else "",
        ))
    if problems:
        return problems
    site = Site(settings, text, content, site_pages, article, edition, environ)
    anchors = page_anchors(site, page_html, page_markdown)
    for note in content.notes:
        problems.extend(anchor_problems(note, site.note_source(note), text, anchors,
                                        _file_lines(settings.root / note.path)))
    for page in site_pages.values():
        source = settings.sources / page.path
        problems.extend(page_anchor_problems(settings.shown(source), page.path, page_html[page.path], anchors,
                                             _file_lines(source)))
    return problems or site


_ID = re.compile(r'\sid="([^"]+)"')


def page_anchors(site: Site, page_html: dict[str, str], page_markdown: Callable[[str], str]) -> dict[str, set[str]]:
    """Every id each page and each note page of the site will carry, by its source path: from the page's own
    Markdown, the parts generated for it, the article's quotes and notes, and the note pages."""
    anchors: dict[str, set[str]] = {}
    for page in site.pages.values():
        html = [page_html[page.path]]
        html += [_part(site, name, page.path, {}) for name in MARKERS if name != CRATE_GUIDE and page.holds(name)]
        if page.holds(CRATE_GUIDE):
            guide, entries = pages.crate_guide(site.content.catalog, site.content.notes, categories(), statuses(),
                                               site.note_link(page.path))
            html += [page_markdown(guide), *entries.values()]
        if page.path == site.settings.article:
            html += [insertion.html for insertion in site.article.insertions]
            anchors[page.path] = {section.id for section in site.article.sections}
        anchors.setdefault(page.path, set()).update(_ID.findall("".join(html)))
    for note in site.content.notes:
        anchors[site.note_source(note)] = set(_ID.findall(_note_html(site, note, site.note_source(note))))
    return anchors


def _file_lines(path: Path) -> list[str]:
    text = decode(path.read_bytes())
    return text.replace("\r\n", "\n").split("\n") if isinstance(text, str) else []


def public_paths(settings: Settings, site_pages: dict[str, Page]) -> PublicPaths:
    """Where the article, the note pages, the crate guide and the worksheet are published, from the site's root."""
    def holding(name: str) -> str | None:
        return next((f"/{page_path(page.path)}" for page in site_pages.values() if page.holds(name)), None)

    return PublicPaths(article=f"/{page_path(settings.article)}", notes=f"/{settings.notes}/",
                       crates=holding(CRATE_GUIDE), worksheet=holding(WORKSHEET))


def _registry_problems(settings: Settings, content: Content, site_pages: dict[str, Page]) -> Problems:
    """Registered public links that no note, claim or crate provides any more."""
    registry = settings.public_links
    if not content.all_loaded or registry is None or not registry.is_file():
        return Problems()
    notes = content.notes
    return registry_problems(
        registry, settings.shown(registry), public_paths(settings, site_pages),
        note_names={note.id for note in notes} | {alias for note in notes for alias in note.aliases},
        claims={note.id: {quote.slug for quote in note.quotes if quote.slug} for note in notes},
        crates=set(content.catalog), catalog=settings.shown(settings.catalog),
    )


def counts(site: Site) -> str:
    """One line on what the site holds, for `make check`."""
    article, content = site.article, site.content
    no_claims = len(content.no_claims)
    return (
        f"{len(article.placements)} claims in {len(content.notes)} notes placed in {len(article.sections)} sections, "
        f"{no_claims} sentence{'s' if no_claims != 1 else ''} without a claim, {len(content.catalog)} crates"
    )


# --------------------------------------------------------------------------------------------------------------
# The tree
# --------------------------------------------------------------------------------------------------------------


EDITION_PARTIAL = "partials/edition.html"


def template_files(site: Site) -> dict[str, bytes]:
    """The theme's templates as written, and the partial that gives them the site's edition.

    `{% import "partials/edition.html" as edition %}` makes `edition.version`, `edition.built` and `edition.feed`
    (the corrections feed's path from the site's root, or "" without a corrections page) available to every
    template, the 404 page's included: the one way to give a builder's templates a value of one build.
    """
    settings = site.settings
    if settings.templates is None:
        return {}
    files = {
        path.relative_to(settings.templates).as_posix(): path.read_bytes()
        for path in sorted(settings.templates.rglob("*")) if path.is_file()
    }
    corrections_page = site.page_with(CORRECTIONS)
    feed = site.urls.url(_beside(corrections_page, FEED_NAME)) if corrections_page is not None else ""
    files[EDITION_PARTIAL] = templating.render(
        "edition-partial.txt", version=site.edition.version, built=site.edition.built, feed=feed).encode("utf-8")
    return files


def tree_files(site: Site) -> dict[str, bytes]:
    """Every file of the build tree, by its path in the tree."""
    settings = site.settings
    files: dict[str, bytes] = {}
    for path in sorted(settings.sources.rglob("*")):
        relative_path = path.relative_to(settings.sources).as_posix()
        if path.is_file() and not path.name.endswith(".md") and not path.name.startswith("."):
            files[relative_path] = path.read_bytes()
    for page in site.pages.values():
        files[page.path] = _page(site, page, files).encode("utf-8")
    for note in site.content.notes:
        files[site.note_source(note)] = _note_page(site, note).encode("utf-8")
        for alias in note.aliases:
            stub = site.urls.url(f"{settings.notes}/{alias}.md")
            files[stub + "index.html" if stub.endswith("/") else stub] = _redirect(
                relative(site.urls.url(site.note_source(note)), stub)).encode("utf-8")
    files[ANNOTATIONS_FILE] = _annotations(site).encode("utf-8")
    corrections_page = site.page_with(CORRECTIONS)
    if corrections_page is not None:
        files[_beside(corrections_page, FEED_NAME)] = _feed(site, corrections_page)
    files.update(_quiz_files(site))
    for name, source in settings.licences.items():
        files[name] = source.read_bytes()
    return files


def _beside(page: str, name: str) -> str:
    """A file in the folder named after a page: corrections.md → corrections/feed.xml."""
    return f"{posixpath.splitext(page)[0]}/{name}"


def _front_matter(meta: dict[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def _common_meta(site: Site, path: str) -> dict[str, Any]:
    """What every page's templates show: its published address."""
    return {"page_address": site.urls.public(path)}


def _data(site: Site, path: str, parts: dict[str, str], **more: Any) -> PageData:
    settings = site.settings
    return PageData(page=path, parts=parts, directory_urls=settings.directory_urls, site_url=settings.site_url,
                    **more)


def _page(site: Site, page: Page, files: dict[str, bytes]) -> str:
    meta = dict(page.meta)
    if isinstance(meta.get("description"), str):
        # Material's templates print a page's description as it is; it is text, so it is escaped here.
        meta["description"] = str(escape(meta["description"]))
    if isinstance(meta.get("title"), str):
        # So is its title, in the header: the HTML text the allowlist check writes, as a note's title is.
        meta["title"] = plain(meta["title"])
    meta.update(_common_meta(site, page.path))
    body = _with_part_markers(page)
    parts = {name: _part(site, name, page.path, files) for name in MARKERS if name != CRATE_GUIDE and page.holds(name)}
    if page.holds(CRATE_GUIDE):
        guide, entries = pages.crate_guide(
            site.content.catalog, site.content.notes, categories(), statuses(), site.note_link(page.path))
        body = body.replace(marker(CRATE_GUIDE), guide)
        parts.update(entries)
    article = None
    if page.path == site.settings.article:
        article = ArticlePlan(
            source=site.settings.shown(site.settings.article_source),
            texts={section.id: fingerprint(section.text) for section in site.article.sections},
            insertions=tuple(site.article.insertions),
        )
    return _front_matter(meta) + data_line(_data(site, page.path, parts, article=article)) + "\n" + body


def _part(site: Site, name: str, page: str, files: dict[str, bytes]) -> str:
    """The HTML generated for the marker `name` on `page`."""
    content, article, urls = site.content, site.article, site.urls
    note_href = site.note_link(page)
    if name == LEGEND:
        return render.verdict_legend(site.verdicts)
    if name == REVIEW_DATES:
        return pages.review_dates(content.notes)
    if name == LEDGER:
        claims = article.placements
        return pages.claims_ledger(
            claims, ledger.verdict_counts(claims, list(site.verdicts)), site.verdict_titles,
            article_href=urls.link(site.settings.article, page), note_href=note_href,
            explanation_html=lambda claim: site.notes.explanation(claim.note, claim.quote, page),
        )
    if name == CORRECTIONS:
        return pages.corrections(changelog.entries(content.notes), site.change_kinds, note_href,
                                 feed_href=urls.link(_beside(page, FEED_NAME), page))
    if name == WORKSHEET:
        return _worksheet(site, page, files)
    if name == ANSWER_KEY:
        return answer_key(
            worksheet.article_sentences(article, content.no_claims), site.verdict_titles,
            explanation_html=lambda claim: site.notes.explanation(claim.note, claim.quote, page),
            article_href=urls.link(site.settings.article, page), note_href=note_href,
        )
    if name == CITE_SITE:
        return citation.cite_block(_citation(site, title=site.settings.site_name, path=site.settings.article,
                                             key=(site.settings.site_name,)))
    if name == PROVENANCE:
        return pages.provenance(content.provenance)
    if name == LINK_TABLE:
        return instructors.link_table(site.settings.course.link_kinds, site.settings.site_url,
                                      lambda target: _site_href(site, page, target))
    return instructors.downloads(_downloads(site, page))


def _site_href(site: Site, page: str, target: str) -> str:
    """A link from `page` to a published address given from the site root, such as `notes/x/` or `#quote-x`."""
    path, _, anchor = target.partition("#")
    sources = [*site.pages, *(site.note_source(note) for note in site.content.notes)]
    source = next((candidate for candidate in sources if page_path(candidate) == path), None)
    return site.urls.link(source if source is not None else path, page, anchor)


def _worksheet(site: Site, page: str, files: dict[str, bytes]) -> str:
    """The worksheet; its answers, and the script that checks them, go in files of their own beside it."""
    urls = site.urls
    answers_file = _beside(page, ANSWERS_NAME)
    script_file = _beside(page, WORKSHEET_SCRIPT_NAME)
    sentences = worksheet.article_sentences(site.article, site.content.no_claims)
    answer_key_page = site.page_with(ANSWER_KEY)
    files[answers_file] = worksheet.answers_script(worksheet.answers(
        sentences,
        site.verdict_titles,
        article_href=urls.href(site.settings.article, page),
        note_href=lambda note: urls.href(site.note_source(note), page),
        key_href=urls.href(answer_key_page, page) if answer_key_page else "",
        explanation_text=lambda claim: metadata.plain_text(site.notes.explanation(claim.note, claim.quote, page)),
    )).encode("utf-8")
    files[script_file] = (ASSETS / WORKSHEET_SCRIPT_NAME).read_bytes()
    return worksheet.worksheet_html(
        sentences,
        # The answers' address is read by the worksheet's script, from the page as built: no builder changes it.
        answers_href=relative(answers_file, urls.url(page)),
        script_href=urls.link(script_file, page),
        storage_key=site.settings.worksheet_storage,
    )


def _downloads(site: Site, page: str) -> list[instructors.Download]:
    """The files an instructor can take into a course: the quizzes, the offline copy, the annotations."""
    repo_url = site.environ.get("REPO_URL", "").strip()
    offline_zip = site.edition.offline_zip(site.settings.name)

    def link(path: str) -> str:
        return site.urls.link(path, page)

    offline = instructors.Download(
        "The whole site, to open from disk without internet", "", offline_zip,
        "Build it with make offline; the published site links each release's copy here.",
    )
    if repo_url:
        offline = instructors.Download(
            offline.what, instructors.release_asset(repo_url, site.edition, offline_zip), offline.name,
            "This edition's copy, attached to its release. It unpacks into one folder named with its build date; "
            "open index.html in it." if site.edition.released else
            "The latest release's copy. It unpacks into one folder named with its build date; open index.html in it.",
            page=not site.edition.released,
        )
    answer_key_page = site.page_with(ANSWER_KEY)
    answer_key = [instructors.Download(
        "The worksheet's answer key, to print for the debrief (not in the site's navigation or search)",
        link(answer_key_page), "answer key",
        "Print it from the browser. Students working on their own can use the same address.", page=True,
    )] if answer_key_page else []
    return [
        instructors.Download("Question bank for Moodle (Moodle XML)", link(instructors.QUIZ_MOODLE_XML),
                             "quiz-moodle.xml", "Moodle: Question bank, Import, format Moodle XML format. "
                             "Keeps the verdict scale in the same order in every question."),
        instructors.Download("Question bank for Moodle and other tools (GIFT)", link(instructors.QUIZ_GIFT),
                             "quiz.gift",
                             "Moodle: Question bank, Import, format GIFT. Moodle shuffles the choices of a GIFT "
                             "question unless the quiz's “Shuffle within questions” is off; "
                             "the Moodle XML bank does not need that."),
        instructors.Download("Quiz for Canvas (QTI package)", link(instructors.QUIZ_QTI), "quiz-qti.zip",
                             "Canvas: Settings, Import Course Content, QTI .zip file."),
        instructors.Download("The questions as a spreadsheet (CSV, UTF-8)", link(instructors.QUIZ_CSV), "quiz.csv",
                             "Spreadsheets, and form or quiz tools that import questions from a sheet."),
        *answer_key,
        offline,
        instructors.Download("Every note as a Web Annotation (JSON-LD)", link(ANNOTATIONS_FILE), ANNOTATIONS_FILE,
                             "Annotation tools and archives that read the W3C Web Annotation format."),
    ]


def _citation(site: Site, *, title: str, path: str, key: tuple[str, ...],
              reviewed: str | None = None) -> citation.Citation:
    return citation.Citation(
        key=citation.bibtex_key(*key),
        title=title,
        site=site.settings.site_name,
        url=site.urls.public(path),
        edition=site.edition,
        licence=site.settings.licence,
        reviewed=reviewed,
    )


# --------------------------------------------------------------------------------------------------------------
# Note pages
# --------------------------------------------------------------------------------------------------------------


def _note_html(site: Site, note: Note, path: str) -> str:
    """The HTML of a note's page: the note, then how to cite it."""
    settings, urls = site.settings, site.urls
    quotes = site.article.quotes_of(note.id)
    crates_page = site.page_with(CRATE_GUIDE)
    return render.note_page(
        quotes,
        verdict_titles=site.verdict_titles,
        change_titles=site.change_titles,
        summary_html=site.notes.summary(note, path),
        body_html=site.notes.body(note),
        article_href=urls.link(settings.article, path),
        crates=[site.content.catalog[name] for name in note.crates],
        crate_href={name: urls.link(crates_page, path, name) if crates_page else "" for name in note.crates},
    ) + citation.cite_block(_citation(site, title=note.title, path=path, key=(settings.site_name, note.id),
                                      reviewed=note.reviewed), heading="Cite this note")


def _note_page(site: Site, note: Note) -> str:
    settings, urls = site.settings, site.urls
    path = site.note_source(note)
    html = _note_html(site, note, path)

    def quote_url(quote: Quote) -> str:
        anchor = quote_anchor(note.id, quote.slug)
        if settings.site_url:
            return urljoin(settings.site_url, urls.url(settings.article) + f"#{anchor}")
        return urls.link(settings.article, path, anchor)

    meta = {
        # The title is HTML text, as the allowlist check writes it; templates print it as it is.
        "title": plain(note.title),
        "description": str(escape(metadata.plain_text(site.notes.summary(note, path)))),
        "structured_data": metadata.to_json_ld(metadata.claim_reviews(
            note,
            verdict_titles=site.verdict_titles,
            explanation_text=lambda quote: metadata.plain_text(site.notes.explanation(note, quote, None)),
            page_url=urljoin(settings.site_url, urls.url(path)) if settings.site_url else None,
            quote_url=quote_url,
            article_title=site.article_title,
            publisher=settings.site_name,
        )),
        **_common_meta(site, path),
    }
    # The body as written gives the page its table of contents; what the page shows is the checked HTML.
    data = _data(site, path, {NOTE_PART: html}, whole=NOTE_PART)
    return _front_matter(meta) + data_line(data) + "\n" + note.body


def _redirect(href: str) -> str:
    """A page at a note's old address that sends the reader, and any anchor, on to the note's page."""
    return templating.render("redirect.html", href=href) + "\n"


# --------------------------------------------------------------------------------------------------------------
# Files around the pages
# --------------------------------------------------------------------------------------------------------------


def _annotations(site: Site) -> str:
    settings, urls = site.settings, site.urls
    return json.dumps(metadata.web_annotations(
        site.article.source,
        site.article.placements,
        collection_id=urls.absolute_or_root(ANNOTATIONS_FILE),
        article_url=urls.absolute_or_root(settings.article),
        note_url=lambda note: urls.absolute_or_root(site.note_source(note)),
        verdict_titles=site.verdict_titles,
        explanation_html=lambda claim: site.notes.explanation(claim.note, claim.quote, None),
        label=f"{settings.site_name}: notes on {site.article_title}",
    ), ensure_ascii=False, indent=2)


def _feed(site: Site, page: str) -> bytes:
    """The corrections feed; its links are full when the site's address is known, else relative to the feed."""
    settings, urls = site.settings, site.urls
    feed_file = _beside(page, FEED_NAME)

    def url(target: str) -> str:
        built = urls.url(target)
        return urljoin(settings.site_url, built) if settings.site_url else relative(built, feed_file)

    notes = site.content.notes
    return corrections_feed(
        changelog.entries(notes),
        title=f"{settings.site_name}: corrections and updates",
        author=settings.site_name,
        feed_url=url(feed_file),
        page_url=url(page),
        note_url=lambda note: url(site.note_source(note)),
        change_titles=site.change_titles,
        updated=max((note.reviewed for note in notes), default=site.edition.built),
    )


def _quiz_files(site: Site) -> dict[str, bytes]:
    """The quiz banks: one question per claim, as GIFT and Moodle XML for Moodle, QTI for Canvas and CSV, each
    naming the edition it comes from and the rights in its text."""
    settings, urls = site.settings, site.urls
    made = questions(
        site.article.placements,
        site.verdict_titles,
        summary_text=lambda claim: metadata.plain_text(site.notes.explanation(claim.note, claim.quote, None)),
        note_url=lambda note: urls.public(site.note_source(note)),
        quote_url=lambda claim: urls.public(settings.article, claim.anchor),
        summary_html=lambda claim: site.notes.explanation(claim.note, claim.quote, None),
    )
    edition = f"{settings.site_name}, {site.edition.describe()}"
    about = (f"One question per claim of the article, numbered as on {settings.site_name} "
             f"({urls.public(settings.article)}). Edition: {edition}.")
    comments = [about, settings.course.rights]
    return {
        instructors.QUIZ_GIFT: quiz_gift(made, bank=settings.site_name, comments=comments).encode("utf-8"),
        instructors.QUIZ_MOODLE_XML: quiz_moodle_xml(made, bank=settings.site_name, comments=comments).encode("utf-8"),
        instructors.QUIZ_QTI: quiz_qti_zip(made, title=f"{settings.course.quiz_title} ({site.edition.describe()})",
                                           description=f"{about} {settings.course.rights}",
                                           rights=settings.course.rights, built=site.edition.built),
        instructors.QUIZ_CSV: quiz_csv(made, article_title=site.article_title, edition=edition,
                                       rights=settings.course.rights),
    }


# --------------------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------------------


def write_site(site: Site) -> None:
    """The build tree, and the theme's templates with the site's edition, written where the builder reads them."""
    write_tree(site.settings.tree, tree_files(site))
    if site.settings.templates_tree is not None:
        write_tree(site.settings.templates_tree, template_files(site))


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    """Make the folder `root` hold exactly `files`: changed files written, others left alone, the rest removed.

    Files that did not change keep their time, so a builder watching the tree sees only real changes.
    """
    root.mkdir(parents=True, exist_ok=True)
    for existing in sorted(root.rglob("*"), reverse=True):
        relative_path = existing.relative_to(root).as_posix()
        if existing.is_symlink() or (existing.is_file() and relative_path not in files):
            existing.unlink()
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
        elif existing.is_dir() and relative_path in files:
            shutil.rmtree(existing)
    for relative_path, content in files.items():
        target = root / relative_path
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
