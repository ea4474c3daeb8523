"""The corrections record: each note's change log on /corrections/, newest first, and as an Atom feed that a feed
reader (feedparser here) understands."""

from __future__ import annotations

import datetime
import re
from html import unescape
from pathlib import Path

import feedparser
import pytest
import yaml
from conftest import ROOT, build_site, copy_project
from pagetext import visible_text

NOTES_DIR = ROOT / "docs" / "notes"
FEED_TITLE = "Rust & ML, Annotated: corrections and updates"


def total_changes(notes_dir: Path) -> int:
    return sum(
        len(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["changes"])
        for path in notes_dir.glob("*.md")
    )


def parse_feed(site: Path):
    feed = feedparser.parse((site / "corrections" / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def listed_changes(site: Path) -> list[str]:
    html = (site / "corrections" / "index.html").read_text(encoding="utf-8")
    listing = re.search(r'<ul class="corrections">(.*?)</ul>', html, re.DOTALL)
    return re.findall(r"<li>(.*?)</li>", listing.group(1), re.DOTALL) if listing else []


def test_the_real_site_lists_every_change_of_every_note_on_the_page_and_in_the_feed(built_site):
    count = total_changes(NOTES_DIR)
    assert len(listed_changes(built_site)) == count
    feed = parse_feed(built_site)
    assert feed.feed.title == FEED_TITLE
    assert len(feed.entries) == count


def test_the_corrections_page_is_in_the_navigation_and_links_to_the_feed(built_site):
    corrections = (built_site / "corrections" / "index.html").read_text(encoding="utf-8")
    assert '<a href="feed.xml" type="application/atom+xml">Subscribe to this list (Atom feed)</a>' in corrections
    assert 'href="../corrections/"' in (built_site / "about" / "index.html").read_text(encoding="utf-8")


TODAY = datetime.date.today()
DAYS = [(TODAY - datetime.timedelta(days=days)).isoformat() for days in (3, 2, 1)]
CHANGES = {
    "facebooks-pytorch": [
        (DAYS[0], "correction", "First change to this note, made three days ago."),
        (DAYS[2], "update", "Second change to this note, made yesterday."),
    ],
    "low-latency-garbage-collector": [(DAYS[1], "clarification", "Only change to this note, made two days ago.")],
}
# The earlier and the new wording of each correction and update, by its date.
BEFORE_AFTER = {
    DAYS[0]: ("Verdict: false.", "Verdict: misleading."),
    DAYS[2]: ("PyTorch 2.8 is the latest release & the one cited.", "PyTorch 2.9 is the latest release."),
}


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory) -> Path:
    """A copy of the site in which two notes have change logs of known entries, and no other note has any."""
    base = tmp_path_factory.mktemp("changed")
    project = copy_project(base)
    for path in (project / "docs" / "notes").glob("*.md"):
        entries = CHANGES.get(path.stem, [])
        block = "changes:\n" + "".join(
            f"  - date: {date}\n    kind: {kind}\n    what: {what}\n" + (
                f'    before: "{BEFORE_AFTER[date][0]}"\n    after: "{BEFORE_AFTER[date][1]}"\n'
                if date in BEFORE_AFTER else "")
            for date, kind, what in entries
        ) if entries else "changes: []\n"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^changes:.*\n(?:  .*\n)*", block, text, count=1, flags=re.MULTILINE),
                        encoding="utf-8")
    result = build_site(project, base / "site", ("SITE_URL", "https://example.org/annotated/"))
    assert result.returncode == 0, result.output
    return result.site


def titles() -> dict[str, str]:
    return {note_id: yaml.safe_load((NOTES_DIR / f"{note_id}.md").read_text(encoding="utf-8").split("---\n")[1])[
        "title"] for note_id in CHANGES}


def test_corrections_page_lists_every_entry_newest_first_linking_to_its_notes_log(changed_site):
    items = listed_changes(changed_site)
    names = titles()
    expected = [
        (DAYS[2], "Update", "facebooks-pytorch", CHANGES["facebooks-pytorch"][1][2]),
        (DAYS[1], "Clarification", "low-latency-garbage-collector", CHANGES["low-latency-garbage-collector"][0][2]),
        (DAYS[0], "Correction", "facebooks-pytorch", CHANGES["facebooks-pytorch"][0][2]),
    ]
    assert len(items) == len(expected)
    for item, (date, kind, note_id, what) in zip(items, expected, strict=True):
        assert f'<time datetime="{date}">{date}</time>' in item
        assert f'<span class="ann-change-kind">{kind}</span>' in item
        assert re.search(rf'<a href="\.\./notes/{note_id}/#changes"[^>]*>', item)
        shown = " ".join(re.sub(r"<[^>]+>", " ", unescape(item)).split())
        written = f"{names[note_id]} : {what}"
        if date in BEFORE_AFTER:
            before, after = BEFORE_AFTER[date]
            written += f" Before {before} After, {date} {after}"
        assert shown.endswith(written), shown


def test_the_feed_parses_with_one_entry_per_change_newest_first_with_absolute_links(changed_site):
    feed = parse_feed(changed_site)
    assert feed.feed.title == FEED_TITLE
    assert feed.feed.updated.startswith(DAYS[2])
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": "https://example.org/annotated/corrections/feed.xml",
                     "alternate": "https://example.org/annotated/corrections/"}
    names = titles()
    shown = [(entry.title, entry.link, " ".join(visible_text(f'<div class="c">{entry.content[0].value}</div>',
                                                           "c").split()),
              entry.updated[:10], entry.published[:10], entry.tags[0].term) for entry in feed.entries]
    before, after = BEFORE_AFTER[DAYS[2]]
    assert shown == [
        (f"Update: {names['facebooks-pytorch']}", "https://example.org/annotated/notes/facebooks-pytorch/#changes",
         f"{CHANGES['facebooks-pytorch'][1][2]} Before {before} After, {DAYS[2]} {after}", DAYS[2], DAYS[2],
         "update"),
        (f"Clarification: {names['low-latency-garbage-collector']}",
         "https://example.org/annotated/notes/low-latency-garbage-collector/#changes",
         CHANGES["low-latency-garbage-collector"][0][2], DAYS[1], DAYS[1], "clarification"),
        (f"Correction: {names['facebooks-pytorch']}", "https://example.org/annotated/notes/facebooks-pytorch/#changes",
         f"{CHANGES['facebooks-pytorch'][0][2]} Before Verdict: false. After, {DAYS[0]} Verdict: misleading.",
         DAYS[0], DAYS[0], "correction"),
    ]
    ids = [entry.id for entry in feed.entries]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", id_) for id_ in ids)


def test_the_note_page_shows_its_log_newest_first(changed_site):
    page = (changed_site / "notes" / "facebooks-pytorch" / "index.html").read_text(encoding="utf-8")
    log = " ".join(visible_text(page, "ann-changes").split())
    before, after = BEFORE_AFTER[DAYS[2]]
    assert log == (f"{DAYS[2]} Update: {CHANGES['facebooks-pytorch'][1][2]} Before {before} After, {DAYS[2]} {after} "
                   f"{DAYS[0]} Correction: {CHANGES['facebooks-pytorch'][0][2]} "
                   f"Before Verdict: false. After, {DAYS[0]} Verdict: misleading.")
