"""The source drift watch on recorded answers: found, gone, moved, changed, 404, 429, time-out, a page that is
not HTML, a page too large; each reported at its source in the note, and politely asked for."""

from __future__ import annotations

import shutil
import threading
import time

from annotate.sourcewatch import cited_sources, drift, page_text, read_all
from annotate.webapi import PageAnswer, PageReader
from freshness import main
from helpers import Clock, line_of, load_project
from recorded_pages import FIXTURE, add_pages, expected_drift

AGENT = "rust-ml-annotated-freshness-watch (https://github.com/example-owner/rust-ml-annotated)"
LIMIT = 64 * 1024


def sources_of_the_note():
    content = load_project(FIXTURE)
    assert not content.problems, content.problems.report("fixture")
    return [source for source in cited_sources(content.notes) if source.path.endswith("sources-note.md")]


def test_each_way_a_page_drifts_is_reported_at_its_source(replay):
    sources = sources_of_the_note()
    add_pages(replay, {source.url for source in sources} | {"https://docs.example.org/new"})
    reader = PageReader(AGENT, limit=LIMIT, sleep=Clock().sleep, clock=Clock())
    found = [str(problem) for problem in drift(sources, reader.read).sorted()]
    assert found == expected_drift()
    # The page that still says its passage, typographic quotes, entities and markup notwithstanding, is not listed.
    assert not [line for line in found if "/found" in line]


def test_the_pages_are_asked_for_politely(replay):
    sources = sources_of_the_note()
    add_pages(replay, {source.url for source in sources} | {"https://docs.example.org/new"})
    clock = Clock()
    drift(sources, PageReader(AGENT, limit=LIMIT, sleep=clock.sleep, clock=clock).read)
    calls = replay.calls
    assert {call.request.headers["User-Agent"] for call in calls} == {AGENT}
    assert all("Authorization" not in call.request.headers and "Cookie" not in call.request.headers for call in calls)
    # docs.example.org is asked seven times (the redirect's target included), each a second after the one before;
    # the other hosts once each, so they wait for nobody.
    assert clock.slept == [1.0] * 6
    asked = [call.request.url for call in calls if "docs.example.org" in call.request.url]
    assert asked == [f"https://docs.example.org/{page}"
                     for page in ("found", "gone", "old", "new", "changed", "missing", "paper.pdf")]


def test_one_request_per_host_at_a_time_and_hosts_side_by_side():
    active: dict[str, int] = {}
    most: dict[str, int] = {}
    together = [0, 0]
    guard = threading.Lock()

    def read(url: str) -> PageAnswer:
        host = url.split("/")[2]
        with guard:
            active[host] = active.get(host, 0) + 1
            most[host] = max(most.get(host, 0), active[host])
            together[0] += 1
            together[1] = max(together[1], together[0])
        time.sleep(0.02)
        with guard:
            active[host] -= 1
            together[0] -= 1
        return PageAnswer(url, reached=True)

    urls = [f"https://{host}.example.org/{page}" for page in range(4) for host in ("a", "b", "c")]
    answers = read_all([*urls, urls[0]], read)
    assert sorted(answers) == sorted(urls)  # an address cited twice is read once
    assert set(most.values()) == {1}
    assert together[1] > 1


def test_a_page_is_reduced_to_the_text_a_reader_sees():
    html = ('<html><head><title>T</title><script>var x = "hidden";</script></head><body><p>One&nbsp;“two”'
            '<code>three</code></p><ul><li>four</li><li>five</li></ul><noscript>no</noscript></body></html>')
    assert page_text(PageAnswer("https://example.org/", text=html, html=True)) == 'One "two"three four five'


def test_nothing_is_asked_when_the_notes_do_not_load(replay, tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    note = project / "docs" / "notes" / "sources-note.md"
    note.write_text(note.read_text(encoding="utf-8").replace("[@found]", "[@fuond]"), encoding="utf-8")
    status = main([str(project / "annotate.yml"), "--today", "2026-11-29"],
                  pages=PageReader(AGENT, sleep=Clock().sleep, clock=Clock()))
    assert status == 1
    assert not replay.calls
    err = capsys.readouterr().err
    assert f"docs/notes/sources-note.md:{line_of(note, '[@fuond]')}:" in err and "names 'fuond'" in err


def test_a_host_that_asks_to_slow_down_is_not_asked_again_in_the_run(replay):
    replay.get("https://busy.example.com/a", status=429, headers={"Retry-After": "60"}, body="slow down")
    reader = PageReader(AGENT, sleep=Clock().sleep, clock=Clock())
    first, second = reader.read("https://busy.example.com/a"), reader.read("https://busy.example.com/b")
    limited = ("busy.example.com is limiting requests (429 Too Many Requests, retry after 60 seconds); "
               "run make freshness again later")
    assert (first.unread, second.unread) == (limited, f"not asked: {limited}")
    assert len(replay.calls) == 1
