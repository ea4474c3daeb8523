"""Performance budget, measured against baselines built in the same run: `make bench`.

Prints two tables, writes them into README.md between their markers, and writes the same figures to
bench-results.json:

- first view of `/`: gzip bytes of everything the browser fetches in the first 5 seconds after the
  page has loaded (web-worker requests included), and the number of requests, beside a plain
  Material page of the same article without notes;
- requests to any host other than the local server;
- build time (median of 5) of the real site, build tree and MkDocs, beside the same pages built by MkDocs
  without the engine;
- synthetic articles with 10, 100 and 1,000 notes: build time, and anchoring timed on its own;
- Lighthouse (the version pinned in package.json, run with `npm ci`), mobile, against the system
  Chromium: the four category scores of `/`, a note page, /claims/ and /crates/, the median of
  three runs each, with the site served gzipped as any web host serves it.

This is a benchmark, not a test: it reports figures and which targets they meet.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from annotate.anchoring import anchor_quote
from annotate.article import annotate_article
from annotate.contributor import ContributorMarkdown
from annotate.notes import load_notes
from annotate.project import markdown_renderer
from annotate.sections import read_sections
from annotate.settings import markdown_settings, read_builder_config
from headless import lighthouse_disable_features
from sitecopy import ROOT, copy_sources, without_pinned_article

RUNS = 5
SCALES = (10, 100, 1000)
AFTER_LOAD_S = 5  # first view: everything fetched until this long after the load event
LIGHTHOUSE_RUNS = 3
LIGHTHOUSE_PAGES = ("/", "/notes/low-latency-garbage-collector/", "/claims/", "/crates/")
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
README = ROOT / "README.md"
SYNTHETIC_SECTIONS = 100
NO_CLAIM = "This section makes no claim."  # the sentence of a synthetic section without notes
TARGETS = {
    "first_view_kib": 85,
    "first_view_ratio": 1.10,
    "build_ratio": 1.3,
    "anchoring_1000_notes_s": 1.0,
    "lighthouse_score": 100,
}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "false"}


def build(project: Path, site: Path, strict: bool = True, engine: bool = True) -> float:
    """Seconds for one build of `project` as `make build` does it: the engine's build tree, then `mkdocs build`."""
    tree = [sys.executable, "-m", "annotate", "tree", str(project / "annotate.yml")]
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    started = time.perf_counter()
    for step in ([tree] if engine else []) + [[*command, *(["--strict"] if strict else [])]]:
        completed = subprocess.run(step, env=ENV, capture_output=True, text=True)
        if completed.returncode:
            sys.exit(f"build of {project} failed:\n{completed.stdout}{completed.stderr}")
    return time.perf_counter() - started


def edit_config(project: Path, *, drop: tuple[str, ...] = (), nav: str | None = None) -> None:
    """Remove top-level keys (and their blocks) and the engine from the copy's mkdocs.yml, which then builds the
    pages as written; optionally replace its nav."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for key in drop:
        text = re.sub(rf"^{key}:\n(?:[ \t]+.*\n|\n)*", "", text, flags=re.MULTILINE)
    if nav is not None:
        text = re.sub(r"^nav:\n(?:[ \t]+.*\n)*", nav, text, flags=re.MULTILINE)
    text = re.sub(r"^\s+- annotate\.extension\n", "", text, flags=re.MULTILINE)
    text = re.sub(r"^docs_dir: .*$", "docs_dir: docs", text, flags=re.MULTILINE)
    text = re.sub(r"^(\s+custom_dir:) build/overrides$", r"\1 overrides", text, flags=re.MULTILINE)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def plain_variant(work: Path) -> Path:
    """The same article as a plain Material page: no notes, no annotation CSS or JavaScript, no hook, and
    Material's own templates (no overrides, so search loads with the page as Material makes it)."""
    project = copy_sources(work / "plain")
    edit_config(project, drop=("hooks", "extra_css", "extra_javascript", "not_in_nav"), nav="nav:\n  - index.md\n")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"^\s+custom_dir:.*\n", "", config.read_text(encoding="utf-8"), flags=re.MULTILINE),
                      encoding="utf-8")
    for page in project.joinpath("docs").glob("*.md"):
        if page.name != "index.md":
            page.unlink()
    for note in project.joinpath("docs", "notes").glob("*.md"):
        note.unlink()
    return project


def engine_off_variant(work: Path) -> Path:
    """The real site's pages as written, built by MkDocs without the engine; every page is still built."""
    project = copy_sources(work / "engine-off")
    edit_config(project, drop=("hooks",))
    # The templates print the edition, which the engine otherwise writes.
    (project / "overrides" / "partials" / "edition.html").write_text(
        f'{{% set version = "engine-off" %}}{{% set built = "{time.strftime("%Y-%m-%d")}" %}}\n', encoding="utf-8")
    return project


# First view


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a web host would: text files gzipped when the browser accepts it; no log lines."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def log_message(self, format: str, *args: object) -> None:
        """Keep the benchmark's output to its tables."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        compressible = path.is_file() and path.suffix in self.COMPRESSED
        if not compressible or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Served:
    """`site` served on 127.0.0.1 for the length of a `with` block; `.origin` is its address."""

    def __init__(self, site: Path) -> None:
        handler = functools.partial(_Handler, directory=str(site))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self) -> _Served:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def chromium() -> str:
    found = subprocess.run([str(ROOT / "scripts" / "find-chromium.sh")], capture_output=True, text=True)
    if found.returncode or not found.stdout.strip():
        sys.exit(f"no Chromium for the benchmark:\n{found.stderr}")
    return found.stdout.strip()


def first_view(site: Path) -> dict[str, float]:
    """Gzip bytes and requests for a first visit to `/`, and requests that left the local server.

    Everything the page, and any worker it starts, fetches until AFTER_LOAD_S after the load event.
    """
    from playwright.sync_api import sync_playwright

    sizes: dict[str, int] = {}
    foreign: list[str] = []
    with _Served(site) as served, sync_playwright() as playwright:
        origin = served.origin
        browser = playwright.chromium.launch(executable_path=chromium(), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run",
        ])
        context = browser.new_context()
        # Context-wide, so that requests made by web workers are counted too.
        context.on("request", lambda request: None if request.url.startswith((origin, "data:", "blob:")) else
                   foreign.append(request.url))

        def record(response):
            if response.url.startswith(origin):
                sizes[response.url] = sizes.get(response.url, 0) + len(gzip.compress(response.body(), 9))

        context.on("response", record)
        page = context.new_page()
        page.goto(origin + "/", wait_until="load")
        page.wait_for_timeout(AFTER_LOAD_S * 1000)
        browser.close()
    index = sum(size for url, size in sizes.items() if url.endswith("search_index.json"))
    return {
        "gzip_bytes": sum(sizes.values()),
        "search_index_gzip_bytes": index,
        "requests": len(sizes),
        "third_party_requests": len(foreign),
    }


# Lighthouse


def lighthouse(site: Path, pages: tuple[str, ...] = LIGHTHOUSE_PAGES) -> dict[str, dict[str, float]]:
    """Median score (0-100) of each category over LIGHTHOUSE_RUNS mobile runs, for each of `pages`."""
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `npm ci` (make bench does)")
    scores: dict[str, dict[str, float]] = {}
    disable_features = lighthouse_disable_features(ROOT)
    with tempfile.TemporaryDirectory() as temporary, _Served(site) as served:
        report = Path(temporary) / "report.json"
        for path in pages:
            runs: dict[str, list[float]] = {category: [] for category in LIGHTHOUSE_CATEGORIES}
            for _ in range(LIGHTHOUSE_RUNS):
                completed = subprocess.run([
                    str(LIGHTHOUSE), served.origin + path, f"--chrome-path={chromium()}",
                    f"--chrome-flags=--headless=new --no-sandbox --disable-gpu {disable_features}",
                    f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
                    "--output=json", f"--output-path={report}", "--quiet",
                ], capture_output=True, text=True)
                if completed.returncode:
                    sys.exit(f"lighthouse failed on {path}:\n{completed.stderr}")
                categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
                for category in LIGHTHOUSE_CATEGORIES:
                    runs[category].append(round(categories[category]["score"] * 100))
            scores[path] = {category: statistics.median(values) for category, values in runs.items()}
    return scores


# Scaling


def synthetic_project(work: Path, notes: int) -> Path:
    """The site with an article of SYNTHETIC_SECTIONS sections and `notes` notes, spread evenly."""
    project = copy_sources(work / f"synthetic-{notes}")
    without_pinned_article(project)
    docs = project / "docs"
    for note in (docs / "notes").glob("*.md"):
        note.unlink()
    (docs / "instructors.md").unlink()  # it links to the real notes
    # The registry of public links names the real notes, which a synthetic article does not have.
    registry = project / "data" / "public-links.txt"
    registry.write_text("".join(line for line in registry.read_text(encoding="utf-8").splitlines(keepends=True)
                                if line.startswith("#")), encoding="utf-8")
    sections = []
    for section in range(SYNTHETIC_SECTIONS):
        mine = range(section, notes, SYNTHETIC_SECTIONS)
        # Short sentences, so that 1,000 claims stay within the size the engine allows a page (limits.PAGE_BYTES).
        sentences = " ".join(f"So kernel k{n} runs fast on d{n}." for n in mine)
        sentences = sentences or NO_CLAIM
        sections.append(
            f'<section class="article-section" markdown>\n\n## Section {section} {{#section-{section}}}\n\n'
            f"{sentences}\n\n</section>\n"
        )
    (docs / "index.md").write_text("---\ntitle: Synthetic\n---\n\n# Synthetic\n\n" + "\n".join(sections))
    # Sections without a note have one sentence, which makes no claim; every other sentence is quoted.
    listed = f"  - sentence: {NO_CLAIM}\n    reason: It makes no claim.\n" if notes < SYNTHETIC_SECTIONS else ""
    (project / "data" / "no-claims.yml").write_text(f"sentences:\n{listed}" if listed else "sentences: []\n")
    for n in range(notes):
        (docs / "notes" / f"note-{n}.md").write_text(
            f"---\ntitle: Note {n}\nsection: section-{n % SYNTHETIC_SECTIONS}\nquote: kernel k{n} runs fast\n"
            f"verdict: accurate\nsummary: Kernel {n} is checked.\nreviewed: 2026-11-24\nchanges: []\n---\n\n"
            f"Body {n}. [@article]\n"
        )
    return project


def anchoring_times(project: Path) -> dict[str, float]:
    """Seconds to anchor every note alone, and to anchor and write them into the article HTML."""
    extensions, configs = markdown_settings(read_builder_config(project / "mkdocs.yml"))
    render = markdown_renderer(extensions, configs)
    text = ContributorMarkdown(extensions, configs)
    source = (project / "docs" / "index.md").read_text().split("---\n", 2)[2]
    html = render(source)
    notes, _, _ = load_notes(sorted((project / "docs" / "notes").glob("*.md")), "docs/notes", text)
    sections = {section.id: section for section in read_sections(html)}
    started = time.perf_counter()
    for note in notes:
        quote = note.quote
        anchor_quote(sections[note.section].text, quote.text, quote.prefix, quote.suffix)
    anchoring = time.perf_counter() - started
    started = time.perf_counter()
    result = annotate_article(html, "docs/index.md", notes, render_markdown=text.summary_html,
                              verdict_titles={"accurate": "Accurate"}, note_href=lambda note: "")
    placing = time.perf_counter() - started
    assert not result.problems, result.problems.report("synthetic article")
    return {"anchoring_s": anchoring, "anchor_and_write_s": placing}


# Report


def main() -> int:
    results: dict = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                   f"{platform.system()} {platform.release()}",
        "targets": TARGETS,
    }
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        real = copy_sources(work / "real")
        plain, engine_off = plain_variant(work), engine_off_variant(work)
        build(real, work / "site-real")
        build(plain, work / "site-plain", strict=False, engine=False)
        results["first_view"] = {"annotated": first_view(work / "site-real"), "plain": first_view(work / "site-plain")}
        results["lighthouse"] = lighthouse(work / "site-real")
        # The same article on plain Material: what Material's own start costs on this machine.
        results["lighthouse_plain"] = lighthouse(work / "site-plain", ("/",))
        real_times = [build(real, work / "site-real") for _ in range(RUNS)]
        off_times = [build(engine_off, work / "site-off", strict=False, engine=False) for _ in range(RUNS)]
        results["build"] = {"annotated_s": statistics.median(real_times), "engine_off_s": statistics.median(off_times)}
        results["scaling"] = {}
        for notes in SCALES:
            project = synthetic_project(work, notes)
            seconds = build(project, work / f"site-synthetic-{notes}", strict=False)
            results["scaling"][notes] = {"build_s": seconds, **anchoring_times(project)}
    budget, scores = budget_table(results), lighthouse_table(results)
    print(f"Measured {results['date']} on {results['machine']}\n\n{budget}\n\n{scores}")
    (ROOT / "bench-results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    write_readme_table("bench-table", budget)
    write_readme_table("lighthouse-table", scores)
    print(f"\nwrote {ROOT / 'bench-results.json'} and the tables in {README.name}")
    return 0


def write_readme_table(marker: str, table: str) -> None:
    """Replace what README.md holds between <!-- marker --> and <!-- /marker --> with `table`."""
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {marker} -->\n).*?(<!-- /{marker} -->)", re.DOTALL)
    if not pattern.search(text):
        sys.exit(f"README.md has no <!-- {marker} --> ... <!-- /{marker} --> block for the table")
    README.write_text(pattern.sub(lambda match: match.group(1) + table + "\n" + match.group(2), text), encoding="utf-8")


def markdown_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def lighthouse_table(results: dict) -> str:
    """The four Lighthouse scores of each page, and whether each reaches the target."""
    target = TARGETS["lighthouse_score"]
    rows = []
    pages = [(f"`{path}`", scores) for path, scores in results["lighthouse"].items()]
    pages += [(f"`{path}` plain Material (baseline)", scores) for path, scores in results["lighthouse_plain"].items()]
    for page, scores in pages:
        values = [scores[category] for category in LIGHTHOUSE_CATEGORIES]
        rows.append((page, *(f"{value:.0f}" for value in values),
                     "yes" if all(value >= target for value in values) else "no"))
    header = ("page", "performance", "accessibility", "best practices", "SEO", f"all {target}")
    return markdown_table(header, rows)


def budget_table(results: dict) -> str:
    """The figures as a Markdown table, each beside its baseline and its target."""
    view, build_times, scaling = results["first_view"], results["build"], results["scaling"]
    annotated, plain = view["annotated"], view["plain"]
    kib, plain_kib = annotated["gzip_bytes"] / 1024, plain["gzip_bytes"] / 1024
    index_kib, plain_index_kib = annotated["search_index_gzip_bytes"] / 1024, plain["search_index_gzip_bytes"] / 1024
    page_kib, plain_page_kib = kib - index_kib, plain_kib - plain_index_kib
    view_ratio, build_ratio = kib / plain_kib, build_times["annotated_s"] / build_times["engine_off_s"]
    largest = scaling[SCALES[-1]]
    growth = largest["anchor_and_write_s"] / scaling[SCALES[1]]["anchor_and_write_s"]
    view_target = f"≤ {TARGETS['first_view_kib']} KiB and ≤ {TARGETS['first_view_ratio']}×"
    rows = [
        ("First view of `/` (gzip)", f"{kib:.1f} KiB", f"{plain_kib:.1f} KiB plain", f"{view_ratio:.2f}×", view_target,
         kib <= TARGETS["first_view_kib"] and view_ratio <= TARGETS["first_view_ratio"]),
        ("of which: search index", f"{index_kib:.1f} KiB", f"{plain_index_kib:.1f} KiB plain", "", "", None),
        ("page without search index", f"{page_kib:.1f} KiB", f"{plain_page_kib:.1f} KiB plain",
         f"{page_kib / plain_page_kib:.2f}×", "", None),
        ("Requests for `/`", str(annotated["requests"]), f"{plain['requests']} plain", "", "", None),
        ("Third-party requests", str(annotated["third_party_requests"]), "", "", "0",
         annotated["third_party_requests"] == 0),
        (f"Build, median of {RUNS}", f"{build_times['annotated_s']:.2f} s",
         f"{build_times['engine_off_s']:.2f} s engine off", f"{build_ratio:.2f}×", f"≤ {TARGETS['build_ratio']}×",
         build_ratio <= TARGETS["build_ratio"]),
    ]
    for notes in SCALES:
        figures, last = scaling[notes], notes == SCALES[-1]
        target = f"< {TARGETS['anchoring_1000_notes_s']:.0f} s at 1,000" if last else ""
        met = figures["anchor_and_write_s"] < TARGETS["anchoring_1000_notes_s"] if last else None
        rows.append((f"{notes} notes, {SYNTHETIC_SECTIONS} sections", f"build {figures['build_s']:.2f} s",
                     f"anchoring {figures['anchoring_s'] * 1000:.1f} ms",
                     f"anchor+write {figures['anchor_and_write_s'] * 1000:.1f} ms", target, met))
    rows.append((f"Growth {SCALES[1]} → {SCALES[-1]} notes", f"{growth:.1f}× time",
                 f"for {SCALES[-1] // SCALES[1]}× notes", "", "linear (≈10×, not ≈100×)", growth < 30))
    header = ("measure", "value", "baseline", "ratio", "target", "met")
    return markdown_table(header, [
        (name, value, baseline, ratio, target, "" if met is None else ("yes" if met else "no"))
        for name, value, baseline, ratio, target, met in rows
    ])


if __name__ == "__main__":
    sys.exit(main())
