"""MkDocs adapter: wires build events to the annotate package, which knows nothing of MkDocs.

Each build starts from fresh state in `on_config`, so `mkdocs serve` rebuilds never see stale notes.
Every problem of a build is collected and reported once, in `on_env`, before any page is written.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from annotate import addresses, changelog, citation, instructors, ledger, metadata, pages, printing, render, worksheet
from annotate.allowlist import plain
from annotate.answer_key import answer_key
from annotate.article import AnnotatedArticle
from annotate.banner import mark_site
from annotate.catalog import categories, statuses
from annotate.contributor import ContributorMarkdown
from annotate.edition import Edition, edition_from
from annotate.feed import corrections_feed
from annotate.gift import quiz_gift
from annotate.notes import Note, Quote, change_kinds, quote_anchor, verdicts
from annotate.pipeline import place_notes
from annotate.project import ARTICLE_PAGE, NOTES_FOLDER, Content, Project, load_content
from annotate.qti import quiz_qti_zip
from annotate.quiz import Question, questions
from annotate.spreadsheet import quiz_csv
from annotate.tree import nav_pages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

# Markers that pages put where generated content goes, so each page's own prose stays editable Markdown.
LEGEND_MARKER = "<!-- verdict-legend -->"
CRATE_GUIDE_MARKER = "<!-- crate-guide -->"
REVIEW_DATES_MARKER = "<!-- review-dates -->"
LEDGER_MARKER = "<!-- claims-ledger -->"
EXERCISE_MARKER = "<!-- exercise-article -->"
ANSWER_KEY_MARKER = "<!-- answer-key -->"
CORRECTIONS_MARKER = "<!-- corrections -->"
CITE_SITE_MARKER = "<!-- cite-site -->"
LINK_TABLE_MARKER = "<!-- link-table -->"
DOWNLOADS_MARKER = "<!-- course-downloads -->"
CRATES_PAGE = "crates.md"
CORRECTIONS_PAGE = "corrections.md"
FEED_FILE = "corrections/feed.xml"  # beside the corrections page, relative to the site
# iframe-worker 1.0.4's shim (MIT), kept in the site so the offline copy's search needs no network.
OFFLINE_SEARCH_SHIM = "assets/vendor/iframe-worker-shim.js"
ANNOTATIONS_FILE = "annotations.jsonld"
ANSWER_KEY_PAGE = "answer-key.md"
ANSWERS_FILE = "exercise/answers.js"  # what "Check my answers" loads, beside the worksheet
WORKSHEET_SCRIPT = "assets/worksheet.js"
# The licences, from the repository's root into the site, where the footer links to them.
LICENCES = {"LICENSE": "LICENSE.txt", "LICENSE-notes": "LICENSE-notes.txt"}
QUIZ_TITLE = "Rust & ML, Annotated: the article's claims"


class _Build:
    """What one build knows: the project, its loaded content and, once rendered, the annotated article."""

    def __init__(self, config: MkDocsConfig) -> None:
        root = Path(config.config_file_path).resolve().parent
        self.project = Project(root=root, docs_dir=Path(config.docs_dir).resolve())
        self.text = ContributorMarkdown(config.markdown_extensions, config.mdx_configs)
        self.content: Content = load_content(self.project, self.text, nav_pages(config.nav))
        if not self.content.tree_closed:
            # MkDocs is about to walk docs/, following links: stop before it reads anything.
            raise PluginError(self.content.problems.report("the site was not built."))
        self.verdicts = verdicts()
        self.verdict_titles = {key: value["title"] for key, value in self.verdicts.items()}
        self.change_kinds = change_kinds()
        self.change_titles = {key: value["title"] for key, value in self.change_kinds.items()}
        self.article: AnnotatedArticle | None = None
        self.annotations_json = ""
        self.feed: bytes | None = None
        self.edition: Edition | None = None
        self.course_files: dict[str, bytes] = {}  # written into the site after the build: path → content


_build: _Build | None = None


def _current() -> _Build:
    if _build is None:
        raise PluginError("the annotation hook ran before on_config; check the 'hooks' entry in mkdocs.yml")
    return _build


def _href(files: Files, src_uri: str, page: Page) -> str:
    """The URL of the page built from `src_uri`, relative to `page`, as MkDocs would write a link to it."""
    target = files.get_file_from_path(src_uri)
    if target is None:
        return ""
    href = get_relative_url(target.url, page.url)
    return href + "/" if target.url.endswith("/") and not href.endswith("/") else href


def _note_href(files: Files, page: Page):
    return lambda note: _href(files, f"{NOTES_FOLDER}/{note.id}.md", page)


def _note_id(page: Page) -> str | None:
    folder, _, name = page.file.src_uri.rpartition("/")
    return name[:-3] if folder == NOTES_FOLDER and name.endswith(".md") else None


@event_priority(100)  # before Material's offline plugin, which would otherwise add the shim from unpkg.com
def on_config(config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
    global _build
    _build = _Build(config)
    edition = edition_from(os.environ)
    if isinstance(edition, str):
        raise PluginError(edition)
    _build.edition = edition
    config.extra["edition"] = {"version": edition.version, "built": edition.built}
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SEARCH_SHIM]
    # A renamed note's old page redirects to the new one (mkdocs-redirects writes the pages).
    redirects = {
        f"{NOTES_FOLDER}/{alias}.md": f"{NOTES_FOLDER}/{note.id}.md"
        for note in _build.content.notes
        for alias in note.aliases
    }
    if redirects:
        if "redirects" not in config.plugins:
            note = next(note for note in _build.content.notes if note.aliases)
            _build.content.problems.add(note.path, *note.position("aliases"), (
                "aliases need the 'redirects' plugin in mkdocs.yml to keep old note pages working"
            ))
        else:
            config.plugins["redirects"].config["redirect_maps"].update(redirects)
    return config


class _Messages(logging.Handler):
    """Keeps the warnings and errors MkDocs logs during one build, for the page to show."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def on_serve(server: Any, *, config: MkDocsConfig, builder: Any, **kwargs: Any) -> Any:
    """Under `make serve`, a failed rebuild keeps the last good site with the problems shown on every page.

    Without this, MkDocs keeps each request waiting until the build succeeds again.
    """
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


def on_page_read_source(page: Page, config: MkDocsConfig, **kwargs: Any) -> str | None:
    """A note's body as MkDocs reads it: its front matter is read by the engine alone, never by MkDocs.

    Lines stay where they are in the file; a note that could not be loaded gives MkDocs nothing to read.
    """
    note_id = _note_id(page)
    if note_id is None:
        return None
    note = _current().content.note(note_id)
    return "" if note is None else "\n" * (note.body_line - 1) + note.body


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any) -> str:
    build = _current()
    note = build.content.note(_note_id(page) or "")
    if note is not None:
        page.meta["title"] = plain(note.title)
        _describe_note_page(build, note, page, config, files)
    elif isinstance(page.meta.get("description"), str):
        # MkDocs' templates print meta values unescaped; escape once here, as for notes.
        page.meta["description"] = escape(page.meta["description"])
    if LEGEND_MARKER in markdown:
        markdown = markdown.replace(LEGEND_MARKER, render.verdict_legend(build.verdicts))
    if REVIEW_DATES_MARKER in markdown:
        markdown = markdown.replace(REVIEW_DATES_MARKER, pages.review_dates(build.content.notes))
    if CRATE_GUIDE_MARKER in markdown:
        markdown = markdown.replace(CRATE_GUIDE_MARKER, pages.crate_guide(
            build.content.catalog, build.content.notes, categories(), statuses(), _note_href(files, page)
        ))
    return markdown


def _describe_note_page(build: _Build, note: Note, page: Page, config: MkDocsConfig, files: Files) -> None:
    """Page metadata for a note: its summary as the description, and ClaimReview structured data."""
    page.meta["description"] = escape(metadata.plain_text(build.text.summary_html(note.summary)))
    article = files.get_file_from_path(ARTICLE_PAGE)

    def quote_url(quote: Quote) -> str:
        anchor = quote_anchor(note.id, quote.slug)
        if config.site_url:
            return urljoin(config.site_url, f"{article.url}#{anchor}")
        return f"{_href(files, ARTICLE_PAGE, page)}#{anchor}"

    page.meta["structured_data"] = metadata.to_json_ld(metadata.claim_reviews(
        note,
        verdict_titles=build.verdict_titles,
        page_url=page.canonical_url,
        quote_url=quote_url,
        article_title=_article_title(article.page, config),
        publisher=config.site_name,
    ))


def _article_title(article_page: Page | None, config: MkDocsConfig) -> str:
    """The article's own title, from its front matter; its navigation label is shorter."""
    return (article_page.meta.get("title") if article_page else None) or config.site_name


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files, **kwargs: Any) -> str:
    build = _current()
    note_id = _note_id(page)
    if note_id is not None:
        # A note's body is what the notes' Markdown and the allowlist made of it, never MkDocs' own HTML.
        note = build.content.note(note_id)
        html = build.text.body(note.body).html if note is not None else ""
    html = render.label_permalinks(html)
    if LINK_TABLE_MARKER in html:
        html = html.replace(LINK_TABLE_MARKER, instructors.link_table(
            config.site_url, lambda target: _site_href(files, page, target)
        ))
    if DOWNLOADS_MARKER in html:
        html = html.replace(DOWNLOADS_MARKER, instructors.downloads(_downloads(page)))
    if CITE_SITE_MARKER in html:
        html = html.replace(CITE_SITE_MARKER, citation.cite_block(_citation(
            build, config, title=config.site_name, src_uri=ARTICLE_PAGE, key=(config.site_name,)
        )))
    if CORRECTIONS_MARKER in html:
        html = html.replace(CORRECTIONS_MARKER, pages.corrections(
            changelog.entries(build.content.notes),
            build.change_kinds,
            _note_href(files, page),
            feed_href=get_relative_url(FEED_FILE, page.url),
        ))
    if page.file.src_uri != ARTICLE_PAGE:
        return html
    build.article = place_notes(
        build.project,
        build.content,
        html,
        render_markdown=build.text.summary_html,
        verdict_titles=build.verdict_titles,
        note_href=_note_href(files, page),
    )
    return build.article.html


def on_env(env: Any, *, config: MkDocsConfig, files: Files, **kwargs: Any) -> Any:
    build = _current()
    problems = build.content.problems
    if build.article is None:
        problems.add(build.project.shown(build.project.article_source), 1, 1, "the article page was not rendered")
    else:
        problems.extend(build.article.problems)
    if problems:
        raise PluginError(problems.report("the site was not built."))
    claims = build.article.placements
    sentences = worksheet.article_sentences(build.article, build.content.no_claims)
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.content is None:
            continue
        if LEDGER_MARKER in page.content:
            page.content = page.content.replace(LEDGER_MARKER, pages.claims_ledger(
                claims,
                ledger.verdict_counts(claims, list(build.verdicts)),
                build.verdict_titles,
                article_href=_href(files, ARTICLE_PAGE, page),
                note_href=_note_href(files, page),
            ))
        if EXERCISE_MARKER in page.content:
            page.content = page.content.replace(EXERCISE_MARKER, _worksheet(build, sentences, page, files))
        if ANSWER_KEY_MARKER in page.content:
            page.content = page.content.replace(ANSWER_KEY_MARKER, answer_key(
                sentences,
                build.verdict_titles,
                summary_text=lambda note: _summary_text(build, note),
                article_href=_href(files, ARTICLE_PAGE, page),
                note_href=_note_href(files, page),
            ))
        note_id = _note_id(page)
        if note_id and build.article.placement(note_id) is not None:
            page.content = _note_page(build, note_id, page, config, files)
    build.course_files.update(_quiz_files(build, config))
    build.annotations_json = _annotations(build, build.article, config, files)
    if files.get_file_from_path(CORRECTIONS_PAGE) is not None:
        build.feed = _feed(build, config, files)
    return env


def on_post_build(*, config: MkDocsConfig, **kwargs: Any) -> None:
    build = _current()
    Path(config.site_dir, ANNOTATIONS_FILE).write_text(build.annotations_json, encoding="utf-8")
    for name, copy in LICENCES.items():
        build.course_files[copy] = (build.project.root / name).read_bytes()
    for path, content in build.course_files.items():
        target = Path(config.site_dir, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    if build.feed is not None:
        feed = Path(config.site_dir, FEED_FILE)
        feed.parent.mkdir(parents=True, exist_ok=True)
        feed.write_bytes(build.feed)


def _site_url(config: MkDocsConfig, url: str) -> str:
    """An absolute URL when site_url is set; else one relative to the site root, where the export lives."""
    return urljoin(config.site_url, url) if config.site_url else (url or "./")


def _annotations(build: _Build, article: AnnotatedArticle, config: MkDocsConfig, files: Files) -> str:
    article_file = files.get_file_from_path(ARTICLE_PAGE)

    def note_url(note: Note) -> str:
        return _site_url(config, files.get_file_from_path(f"{NOTES_FOLDER}/{note.id}.md").url)

    return json.dumps(metadata.web_annotations(
        article.source,
        article.placements,
        collection_id=_site_url(config, ANNOTATIONS_FILE),
        article_url=_site_url(config, article_file.url),
        note_url=note_url,
        verdict_titles=build.verdict_titles,
        render_markdown=build.text.summary_html,
        label=f"{config.site_name}: notes on {_article_title(article_file.page, config)}",
    ), ensure_ascii=False, indent=2)


def _feed(build: _Build, config: MkDocsConfig, files: Files) -> bytes:
    """The corrections feed; its links are absolute when site_url is set, else relative to the feed itself."""

    def url(target: str) -> str:
        return urljoin(config.site_url, target) if config.site_url else get_relative_url(target, FEED_FILE)

    notes = build.content.notes
    return corrections_feed(
        changelog.entries(notes),
        title=f"{config.site_name}: corrections and updates",
        author=config.site_name,
        feed_url=url(FEED_FILE),
        page_url=url(files.get_file_from_path(CORRECTIONS_PAGE).url),
        note_url=lambda note: url(files.get_file_from_path(f"{NOTES_FOLDER}/{note.id}.md").url),
        change_titles=build.change_titles,
        updated=max((note.reviewed for note in notes), default=datetime.date.today().isoformat()),
    )


def _note_page(build: _Build, note_id: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    quotes = build.article.quotes_of(note_id)
    note = quotes[0].note
    to_crates = _href(files, CRATES_PAGE, page)
    return render.note_page(
        quotes,
        verdict_titles=build.verdict_titles,
        change_titles=build.change_titles,
        summary_html=build.text.summary_html(note.summary),
        body_html=page.content or "",
        article_href=_href(files, ARTICLE_PAGE, page),
        crates=[build.content.catalog[name] for name in note.crates],
        crate_href={name: f"{to_crates}#{name}" for name in note.crates},
    ) + citation.cite_block(_citation(
        build, config, title=note.title, src_uri=page.file.src_uri, key=(config.site_name, note.id),
        reviewed=note.reviewed,
    ), heading="Cite this note")


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, **kwargs: Any) -> dict[str, Any]:
    # The page's published address, which its print shows (see overrides/main.html).
    context["page_address"] = addresses.public_url(config.site_url, addresses.page_path(page.file.src_uri))
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    return printing.with_full_addresses(output, page.url, config.site_url)


def _public_url(config: MkDocsConfig, src_uri: str, anchor: str = "") -> str:
    return addresses.public_url(config.site_url, addresses.page_path(src_uri), anchor)


def _site_href(files: Files, page: Page, target: str) -> str:
    """A link from `page` to a published address given from the site root, such as `notes/x/` or `#quote-x`."""
    path, _, anchor = target.partition("#")
    source = next((file.src_uri for file in files.documentation_pages()
                   if addresses.page_path(file.src_uri) == path), None)
    href = _href(files, source, page) if source else get_relative_url(path, page.url)
    return f"{href}#{anchor}" if anchor else href


def _summary_text(build: _Build, note: Note) -> str:
    return metadata.plain_text(build.text.summary_html(note.summary))


def _citation(build: _Build, config: MkDocsConfig, *, title: str, src_uri: str, key: tuple[str, ...],
              reviewed: str | None = None) -> citation.Citation:
    return citation.Citation(
        key=citation.bibtex_key(*key),
        title=title,
        site=config.site_name,
        url=_public_url(config, src_uri),
        edition=build.edition,
        reviewed=reviewed,
    )


def _downloads(page: Page) -> list[instructors.Download]:
    """The files an instructor can take into a course: the quizzes, the offline copy, the annotations."""
    repo_url = os.environ.get("REPO_URL", "").strip()

    def link(path: str) -> str:
        return get_relative_url(path, page.url)

    offline = instructors.Download(
        "The whole site, to open from disk without internet", "", instructors.OFFLINE_ZIP,
        "Build it with make offline; the published site links each release's copy here.",
    )
    if repo_url:
        offline = instructors.Download(
            offline.what, instructors.latest_release_asset(repo_url, instructors.OFFLINE_ZIP), offline.name,
            "The latest release. It unpacks into one folder named with its build date; open index.html in it.",
        )
    return [
        instructors.Download("Question bank for Moodle (GIFT)", link(instructors.QUIZ_GIFT), "quiz.gift",
                             "Moodle: Question bank, Import, format GIFT."),
        instructors.Download("Quiz for Canvas (QTI package)", link(instructors.QUIZ_QTI), "quiz-qti.zip",
                             "Canvas: Settings, Import Course Content, QTI .zip file."),
        instructors.Download("The questions as a spreadsheet (CSV, UTF-8)", link(instructors.QUIZ_CSV), "quiz.csv",
                             "Spreadsheets, and form or quiz tools that import questions from a sheet."),
        offline,
        instructors.Download("Every note as a Web Annotation (JSON-LD)", link(ANNOTATIONS_FILE), ANNOTATIONS_FILE,
                             "Annotation tools and archives that read the W3C Web Annotation format."),
    ]


def _worksheet(build: _Build, sentences: list[worksheet.Sentence], page: Page, files: Files) -> str:
    """The worksheet for the exercise page; its answers go into a script of their own beside it."""
    build.course_files[ANSWERS_FILE] = worksheet.answers_script(worksheet.answers(
        sentences,
        build.verdict_titles,
        article_href=_href(files, ARTICLE_PAGE, page),
        note_href=_note_href(files, page),
        key_href=_href(files, ANSWER_KEY_PAGE, page),
    )).encode("utf-8")
    return worksheet.worksheet_html(
        sentences,
        answers_href=get_relative_url(ANSWERS_FILE, page.url),
        script_href=get_relative_url(WORKSHEET_SCRIPT, page.url),
    )


def _quiz_files(build: _Build, config: MkDocsConfig) -> dict[str, bytes]:
    """The quiz banks: one question per claim, as GIFT for Moodle, QTI for Canvas and CSV."""
    made: list[Question] = questions(
        build.article.placements,
        build.verdict_titles,
        summary_text=lambda note: _summary_text(build, note),
        note_url=lambda note: _public_url(config, f"{NOTES_FOLDER}/{note.id}.md"),
        quote_url=lambda claim: _public_url(config, ARTICLE_PAGE, claim.anchor),
    )
    edition = build.edition
    source = _public_url(config, ARTICLE_PAGE)
    about = (f"One question per claim of the article, numbered as on {config.site_name} ({source}), "
             f"{edition.describe()}. Notes licensed CC BY 4.0.")
    return {
        instructors.QUIZ_GIFT: quiz_gift(made, bank=config.site_name, comments=[about]).encode("utf-8"),
        instructors.QUIZ_QTI: quiz_qti_zip(made, title=QUIZ_TITLE, description=about),
        instructors.QUIZ_CSV: quiz_csv(made),
    }
