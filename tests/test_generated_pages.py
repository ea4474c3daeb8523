"""The claims ledger and the crate guide agree with the notes and the catalog they are generated from."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
import yaml
from annotate.anchoring import normalise
from annotate.catalog import statuses
from annotate.notes import verdicts
from conftest import ROOT
from pagetext import quote_numbers, visible_text

NOTES_DIR = ROOT / "docs" / "notes"


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


NOTES = {path.stem: front_matter(path) for path in sorted(NOTES_DIR.glob("*.md"))}
CATALOG = {entry["name"]: entry for entry in yaml.safe_load((ROOT / "data/crates.yml").read_text())["crates"]}
SCALE = verdicts()


def quotes_of(meta: dict) -> list[dict]:
    """A note's own quote, then its claims: each with its words, verdict and whether it depends on the date."""
    return [meta, *meta.get("claims", [])]


def expected_claims() -> list[tuple[str, str, str]]:
    """(note id, words, verdict) for every quote of every note file: the article's claims."""
    return [(note_id, normalise(quote["quote"]), quote["verdict"])
            for note_id, meta in NOTES.items() for quote in quotes_of(meta)]


@pytest.fixture(scope="module")
def ledger_rows(built_site):
    html = (built_site / "claims" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="claim-(\d+)">(.*?)</tr>', html, re.DOTALL)
    parsed = []
    for number, row in rows:
        cells = re.findall(r"<td>(.*?)</td>", row, re.DOTALL)
        note_id = re.search(r'href="\.\./notes/([^/]+)/"', cells[4]).group(1)
        words = normalise(unescape(re.sub(r"<[^>]+>", "", cells[1])).strip("“”"))
        anchor = re.search(r'href="\.\./#([^"]+)"', cells[1]).group(1)
        verdict = re.search(r"ann-verdict--([a-z-]+)", cells[3]).group(1)
        parsed.append((int(number), note_id, words, verdict, anchor, "depends on when the article was written" in row))
    return html, parsed


def test_ledger_has_one_row_per_claim_of_every_note(ledger_rows):
    _, rows = ledger_rows
    assert sorted((note, words, verdict) for _, note, words, verdict, *_ in rows) == sorted(expected_claims())
    assert [number for number, *_ in rows] == list(range(1, len(rows) + 1))


def test_ledger_numbers_are_the_numbers_on_the_article(ledger_rows, built_site):
    _, rows = ledger_rows
    article = (built_site / "index.html").read_text(encoding="utf-8")
    assert quote_numbers(article) == {anchor: number for number, _, _, _, anchor, _ in rows}


def test_ledger_rows_follow_the_article_order(ledger_rows, built_site):
    _, rows = ledger_rows
    article = normalise(visible_text((built_site / "index.html").read_text(encoding="utf-8"), "article",
                                     {"ann-ref", "ann-margin"}))
    # A quote nested in another is listed where its highlight ends, as its number is placed.
    starts = [article.find(words) for _, _, words, *_ in rows]
    assert -1 not in starts
    ends = [start + len(words) for start, (_, _, words, *_) in zip(starts, rows, strict=True)]
    assert ends == sorted(ends)


def test_ledger_counts_only_the_articles_claims_never_the_sites_readings(ledger_rows):
    html, rows = ledger_rows
    counts = Counter(verdict for _, _, verdict in expected_claims())
    shown = re.search(r'<ul class="ledger-counts"[^>]*>(.*?)</ul>', html, re.DOTALL).group(1)
    listed = {key: int(count) for key, count in re.findall(r"ann-verdict--([a-z-]+)\">[^<]+</span> (\d+)", shown)}
    assert listed == {verdict: count for verdict, count in counts.items()}
    assert f"{sum(counts.values())} claims, answered in {len(NOTES)} notes." in html
    readings = [normalise(meta["inference"]) for meta in NOTES.values() if "inference" in meta]
    assert not {words for _, _, words, *_ in rows} & set(readings)
    for reading in readings:
        assert reading not in normalise(unescape(html))


def test_ledger_says_which_verdicts_depend_on_when_the_article_was_written(ledger_rows):
    _, rows = ledger_rows
    dated = sorted((note_id, normalise(quote["quote"])) for note_id, meta in NOTES.items()
                   for quote in quotes_of(meta) if quote.get("depends_on_article_date"))
    assert sorted((note, words) for _, note, words, _, _, flagged in rows if flagged) == dated


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_crate_guide_entry_shows_status_date_links_and_citing_notes(built_site, name):
    html = (built_site / "crates" / "index.html").read_text(encoding="utf-8")
    entry = re.search(rf'<div class="crate" id="{re.escape(name)}">(.*?)</div>', html, re.DOTALL)
    assert entry, f"no entry with id {name}"
    body, data = entry.group(1), CATALOG[name]
    assert f">{statuses()[data['status']]['title']}</span> as of" in body
    assert f'datetime="{data["status_as_of"]}"' in body
    releases = f"{data['repository']}/releases" if data.get("releases") == "github" else f"https://crates.io/crates/{name}"
    for url in (releases, data["documentation"], data["repository"], data["status_source"]):
        assert f'href="{url}"' in body
    if "latest_date" in data:
        assert f'Latest release seen: {data["latest"]} (<time datetime="{data["latest_date"]}">' in body
    elif "latest" in data:
        assert f'Latest release seen: {data["latest"]} (release date not confirmed).' in body
    else:
        assert "Latest release seen" not in body
    citing = {note_id for note_id, meta in NOTES.items() if name in meta.get("crates", [])}
    assert set(re.findall(r'href="\.\./notes/([^/]+)/"', body)) == citing


def test_every_crate_a_note_cites_is_in_the_catalog():
    cited = {crate for meta in NOTES.values() for crate in meta.get("crates", [])}
    assert cited <= set(CATALOG)


def test_every_verdict_is_on_the_scale_and_sources_are_given_where_required():
    for note_id, meta in NOTES.items():
        claimed = [quote["verdict"] for quote in quotes_of(meta)]
        assert set(claimed) <= set(SCALE), note_id
        if any(verdict != "accurate" for verdict in claimed):
            assert meta.get("sources"), f"{note_id} has a verdict other than accurate but no sources"
        assert all(source["url"].startswith("https://") for source in meta.get("sources", []))
