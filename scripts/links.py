"""Keep data/public-links.txt, the list of links that courses rely on, in step with the built site.

    python scripts/links.py [--site site] [--update]

Fails when the built site no longer provides a listed link, naming each one and how to keep it.
With --update, adds links the site provides that are not listed yet; it never removes one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotate.catalog import load_catalog
from annotate.generate import public_paths, read_pages
from annotate.links import missing_links, provided_links, read_registry
from annotate.sections import read_sections
from annotate.settings import Settings, open_settings

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = open_settings(ROOT / "annotate.yml")
assert isinstance(SETTINGS, Settings), SETTINGS
REGISTRY = SETTINGS.public_links or ROOT / "data" / "public-links.txt"
HEADER = """\
# Every public link of the site: pages, article sections, quotes (#quote-<id>, and #quote-<id>--<claim> for a
# note's further claims), notes, note pages, crate entries, the corrections feed, the quiz files and licences.
# Courses link to these for years. A build must keep providing each one: a renamed note lists its
# old id under `aliases`. Add new links with `make links`; never delete a line. See CONTRIBUTING.md.
"""


def site_links(site: Path) -> set[str]:
    sections = {section.id for section in read_sections((site / "index.html").read_text(encoding="utf-8"))}
    catalog, _ = load_catalog(SETTINGS.catalog, SETTINGS.shown(SETTINGS.catalog))
    paths = public_paths(SETTINGS, read_pages(SETTINGS)[0])
    return provided_links(site, paths, sections, set(catalog))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--update", action="store_true", help="add links the site provides that are not listed")
    arguments = parser.parse_args(argv)
    if not (arguments.site / "index.html").is_file():
        print(f"{arguments.site}/index.html not found: build the site first (make build)", file=sys.stderr)
        return 1
    registry = read_registry(REGISTRY) if REGISTRY.exists() else []
    missing = missing_links(arguments.site, registry)
    for link in missing:
        print(f"{REGISTRY.relative_to(ROOT)}: {link} is no longer provided; if a note was renamed or removed, "
              "list its old id under 'aliases' in the note that replaces it", file=sys.stderr)
    new = sorted(site_links(arguments.site) - set(registry))
    if arguments.update and new:
        REGISTRY.write_text(HEADER + "\n".join(sorted(set(registry) | set(new))) + "\n", encoding="utf-8")
        print(f"added {len(new)} links to {REGISTRY.relative_to(ROOT)}")
    elif new:
        print(f"{len(new)} links are not listed in {REGISTRY.relative_to(ROOT)}; run make links to add them",
              file=sys.stderr)
    return 1 if missing or (new and not arguments.update) else 0


if __name__ == "__main__":
    sys.exit(main())
