"""Performance budget, measured against baselines built in the same run: `make bench`.

Prints a table and writes the same figures to bench-results.json:

- first view of `/`: gzip bytes of everything the browser fetches, and the number of requests,
  beside a plain Material page of the same article without notes;
- requests to any host other than the local server;
- build time (median of 5) of the real site beside the same site with the annotation adapter off;
- synthetic articles with 10, 100 and 1,000 notes: build time, and anchoring timed on its own.

This is a benchmark, not a test: it reports figures and which targets they meet.
"""

from __future__ import annotations

import functools
import gzip
import http.server
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
from annotate.validate import markdown_settings, read_site_config
from sitecopy import ROOT, copy_sources

RUNS = 5
SCALES = (10, 100, 1000)
SYNTHETIC_SECTIONS = 100
NO_CLAIM = "This section makes no claim."  # the sentence of a synthetic section without notes
TARGETS = {
    "first_view_kib": 85,
    "first_view_ratio": 1.10,
    "build_ratio": 1.3,
    "anchoring_1000_notes_s": 1.0,
}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "OFFLINE": "false"}


def build(project: Path, site: Path, strict: bool = True) -> float:
    """Seconds for one `mkdocs build` of `project`."""
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    started = time.perf_counter()
    completed = subprocess.run([*command, *(["--strict"] if strict else [])], env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode:
        sys.exit(f"build of {project} failed:\n{completed.stderr}")
    return elapsed


def edit_config(project: Path, *, drop: tuple[str, ...] = (), nav: str | None = None) -> None:
    """Remove top-level keys (and their blocks) from the copy's mkdocs.yml; optionally replace its nav."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for key in drop:
        text = re.sub(rf"^{key}:\n(?:[ \t]+.*\n|\n)*", "", text, flags=re.MULTILINE)
    if nav is not None:
        text = re.sub(r"^nav:\n(?:[ \t]+.*\n)*", nav, text, flags=re.MULTILINE)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def plain_variant(work: Path) -> Path:
    """The same article as a plain Material page: no notes, no annotation CSS or JavaScript, no hook."""
    project = copy_sources(work / "plain")
    edit_config(project, drop=("hooks", "extra_css", "extra_javascript", "not_in_nav"), nav="nav:\n  - index.md\n")
    for page in project.joinpath("docs").glob("*.md"):
        if page.name != "index.md":
            page.unlink()
    for note in project.joinpath("docs", "notes").glob("*.md"):
        note.unlink()
    return project


def adapter_off_variant(work: Path) -> Path:
    """The real site with the annotation adapter switched off; every page is still built."""
    project = copy_sources(work / "adapter-off")
    edit_config(project, drop=("hooks",))
    return project


# First view


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the benchmark's output to its table."""


def first_view(site: Path) -> dict[str, float]:
    """Gzip bytes and requests for a first visit to `/`, and requests that left the local server."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_port}"
    sizes: dict[str, int] = {}
    foreign: list[str] = []
    chromium = subprocess.run([str(ROOT / "scripts" / "find-chromium.sh")], capture_output=True, text=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium.stdout.strip(), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run",
        ])
        page = browser.new_page()
        page.on("request", lambda request: None if request.url.startswith((origin, "data:")) else
                foreign.append(request.url))

        def record(response):
            if response.url.startswith(origin):
                sizes[response.url] = sizes.get(response.url, 0) + len(gzip.compress(response.body(), 9))

        page.on("response", record)
        page.goto(origin + "/", wait_until="networkidle")
        browser.close()
    server.shutdown()
    index = sum(size for url, size in sizes.items() if url.endswith("search_index.json"))
    return {
        "gzip_bytes": sum(sizes.values()),
        "search_index_gzip_bytes": index,
        "requests": len(sizes),
        "third_party_requests": len(foreign),
    }


# Scaling


def synthetic_project(work: Path, notes: int) -> Path:
    """The site with an article of SYNTHETIC_SECTIONS sections and `notes` notes, spread evenly."""
    project = copy_sources(work / f"synthetic-{notes}")
    docs = project / "docs"
    for note in (docs / "notes").glob("*.md"):
        note.unlink()
    (docs / "instructors.md").unlink()  # it links to the real notes
    sections = []
    for section in range(SYNTHETIC_SECTIONS):
        mine = range(section, notes, SYNTHETIC_SECTIONS)
        sentences = " ".join(f"Claim {n} says that kernel k{n} runs fast on device d{n}." for n in mine)
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
            f"verdict: accurate\nsummary: Kernel {n} is checked.\nreviewed: 2026-11-24\nchanges: []\n---\n\nBody {n}.\n"
        )
    return project


def anchoring_times(project: Path) -> dict[str, float]:
    """Seconds to anchor every note alone, and to anchor and write them into the article HTML."""
    extensions, configs = markdown_settings(read_site_config(project / "mkdocs.yml"))
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
        plain, adapter_off = plain_variant(work), adapter_off_variant(work)
        build(real, work / "site-real")
        build(plain, work / "site-plain", strict=False)
        results["first_view"] = {"annotated": first_view(work / "site-real"), "plain": first_view(work / "site-plain")}
        real_times = [build(real, work / "site-real") for _ in range(RUNS)]
        off_times = [build(adapter_off, work / "site-off", strict=False) for _ in range(RUNS)]
        results["build"] = {"annotated_s": statistics.median(real_times), "adapter_off_s": statistics.median(off_times)}
        results["scaling"] = {}
        for notes in SCALES:
            project = synthetic_project(work, notes)
            seconds = build(project, work / f"site-synthetic-{notes}", strict=False)
            results["scaling"][notes] = {"build_s": seconds, **anchoring_times(project)}
    report(results)
    (ROOT / "bench-results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {ROOT / 'bench-results.json'}")
    return 0


def report(results: dict) -> None:
    """Print the figures as a Markdown table, each beside its baseline and its target."""
    view, build_times, scaling = results["first_view"], results["build"], results["scaling"]
    annotated, plain = view["annotated"], view["plain"]
    kib, plain_kib = annotated["gzip_bytes"] / 1024, plain["gzip_bytes"] / 1024
    index_kib, plain_index_kib = annotated["search_index_gzip_bytes"] / 1024, plain["search_index_gzip_bytes"] / 1024
    page_kib, plain_page_kib = kib - index_kib, plain_kib - plain_index_kib
    view_ratio, build_ratio = kib / plain_kib, build_times["annotated_s"] / build_times["adapter_off_s"]
    largest = scaling[SCALES[-1]]
    growth = largest["anchor_and_write_s"] / scaling[SCALES[1]]["anchor_and_write_s"]
    view_target = f"≤ {TARGETS['first_view_kib']} KiB and ≤ {TARGETS['first_view_ratio']}×"
    rows = [
        ("First view of / (gzip)", f"{kib:.1f} KiB", f"{plain_kib:.1f} KiB plain", f"{view_ratio:.2f}×", view_target,
         kib <= TARGETS["first_view_kib"] and view_ratio <= TARGETS["first_view_ratio"]),
        ("  of which search index", f"{index_kib:.1f} KiB", f"{plain_index_kib:.1f} KiB plain", "", "", None),
        ("  page without search index", f"{page_kib:.1f} KiB", f"{plain_page_kib:.1f} KiB plain",
         f"{page_kib / plain_page_kib:.2f}×", "", None),
        ("Requests for /", str(annotated["requests"]), f"{plain['requests']} plain", "", "", None),
        ("Third-party requests", str(annotated["third_party_requests"]), "", "", "0",
         annotated["third_party_requests"] == 0),
        (f"Build, median of {RUNS}", f"{build_times['annotated_s']:.2f} s",
         f"{build_times['adapter_off_s']:.2f} s adapter off", f"{build_ratio:.2f}×", f"≤ {TARGETS['build_ratio']}×",
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
    print(f"Measured {results['date']} on {results['machine']}\n")
    print(f"| {'measure':<28} | {'value':<16} | {'baseline':<24} | {'ratio':<22} | {'target':<28} | met |")
    print(f"|{'-' * 30}|{'-' * 18}|{'-' * 26}|{'-' * 24}|{'-' * 30}|-----|")
    for name, value, baseline, ratio, target, met in rows:
        verdict = "" if met is None else ("yes" if met else "NO")
        print(f"| {name:<28} | {value:<16} | {baseline:<24} | {ratio:<22} | {target:<28} | {verdict:<3} |")


if __name__ == "__main__":
    sys.exit(main())
