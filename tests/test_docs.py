"""Contributor documentation agrees with what the code enforces."""

from __future__ import annotations

import re

import pytest
import yaml
from annotate.catalog import categories, release_channels, statuses
from annotate.freshness import REVIEW_MAX_AGE
from annotate.notes import change_kinds, verdicts
from annotate.schema import load_schema
from annotate.tracking_issue import ISSUE_TITLE
from conftest import ROOT

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


@pytest.mark.parametrize(("value", "labels"), verdicts().items())
def test_contributing_states_each_verdict_as_the_schema_defines_it(value, labels):
    assert f"| `{value}` | {labels['title']} | {labels['description']} |" in CONTRIBUTING


@pytest.mark.parametrize(("value", "labels"), change_kinds().items())
def test_contributing_states_each_kind_of_change_as_the_schema_defines_it(value, labels):
    assert f"| `{value}` | {labels['title']} | {labels['description']} |" in CONTRIBUTING


def test_contributing_describes_every_front_matter_key_of_the_schema():
    described = set(re.findall(r"`([a-z_]+)`", " ".join(re.findall(r"^\| (`[^|]+) \|", CONTRIBUTING, re.MULTILINE))))
    assert set(load_schema("note")["properties"]) <= described


def test_contributing_lists_every_category_status_and_release_channel():
    for value, labels in categories().items():
        assert f"| `{value}` | {labels['title']} |" in CONTRIBUTING
    for value, labels in (statuses() | release_channels()).items():
        assert f"| `{value}` | {labels['description']} |" in CONTRIBUTING


def test_readme_documents_every_make_target_and_the_test_command():
    targets = re.findall(r"^([a-z]+):.*## ", MAKEFILE, re.MULTILINE)
    for target in set(targets) - {"help", "venv", "lint"}:
        assert f"`make {target}" in README, target
    assert "The test command is `make test`." in README
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("make test")


# The one step that cannot be a make target: the review gate runs the base commit's own script, never the
# pull request's Makefile, so that a pull request cannot weaken the gate that judges it.
REVIEW_GATE = ('git show "$BASE_SHA:scripts/review.sh" > "$RUNNER_TEMP/review.sh"\n'
               'sh "$RUNNER_TEMP/review.sh" "$BASE_SHA" "$HEAD_SHA"')


def test_every_workflow_command_is_a_make_target():
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        steps = [step for job in yaml.safe_load(workflow.read_text())["jobs"].values() for step in job["steps"]]
        commands = [step["run"].strip() for step in steps if "run" in step]
        assert commands, workflow.name
        for command in commands:
            assert re.fullmatch(r"make [a-z]+", command) or command == REVIEW_GATE, f"{workflow.name}: {command}"


def test_the_freshness_routine_is_documented_as_the_watch_applies_it():
    assert "\n## Keeping notes fresh\n" in CONTRIBUTING  # `make freshness` sends maintainers there
    routine = CONTRIBUTING.split("\n## Keeping notes fresh\n")[1].split("\n## ")[0]
    assert f'"{ISSUE_TITLE}"' in routine
    for text in (routine, README):
        assert f"not reviewed for more than {REVIEW_MAX_AGE.days} days" in text.replace("\n  ", " ")


def contributing_allowlist() -> dict[str, dict[str, set[str]]]:
    """The table of CONTRIBUTING's 'What notes may contain': text → element → attributes."""
    section = CONTRIBUTING.split("### What notes may contain", 1)[1].split("\n### ", 1)[0]
    table = {}
    for name, elements, attributes in re.findall(r"^\| (the \w+) \| (.+?) \| (.+?) \|$", section, re.MULTILINE):
        allowed = {element: set() for element in re.findall(r"`(\w+)`", elements)}
        for group in attributes.split(" · "):
            element, names = group.split(": ", 1)
            allowed[element.strip("`")] = set(re.findall(r"`(\w+)`", names))
        table[name] = allowed
    return table


def test_contributing_lists_exactly_what_the_allowlist_allows():
    from annotate.allowlist import FLOW, INLINE

    assert contributing_allowlist() == {
        policy.name: {element: set(names) for element, names in policy.elements.items()} for policy in (INLINE, FLOW)
    }
    assert INLINE.links == {"https"} and FLOW.links == {"https", "fragment"} and INLINE.pages and FLOW.pages
    assert ("in the summary, `https://` addresses and pages of the site; in the body, `https://`\n"
            "  addresses, pages of the site, or `#…`") in CONTRIBUTING


def test_contributing_states_the_limits_that_are_enforced():
    from annotate import limits

    assert f"a note file at most {limits.NOTE_FILE_BYTES // 1024} KiB" in CONTRIBUTING
    assert f"a summary at most\n{limits.SUMMARY_WORDS} words" in CONTRIBUTING
    assert f"a body at most {limits.BODY_CHARACTERS:,} characters with paragraphs of at most " \
           f"{limits.PARAGRAPH_CHARACTERS:,}" in CONTRIBUTING
    assert f"a quote between {limits.QUOTE_MIN_WORDS}\nwords and {limits.QUOTE_CHARACTERS} characters" in CONTRIBUTING


def test_contributing_lists_exactly_what_the_page_policy_adds():
    from annotate.allowlist import FLOW, PAGE, PAGE_CLASSES
    from annotate.generate import MARKERS
    from annotate.pagecheck import FRONT_MATTER_KEYS

    section = CONTRIBUTING.split("### What pages may contain", 1)[1].split("\n### ", 1)[0]
    rows = dict(re.findall(r"^\| (\w+) \| (.+?) \|$", section, re.MULTILINE))
    added = {tag: names for tag, names in PAGE.elements.items() if FLOW.elements.get(tag) != names}
    assert set(re.findall(r"`(\w+)`", rows["elements"])) == set(PAGE.elements) - set(FLOW.elements)
    assert {group.split(": ")[0].strip("`"): set(re.findall(r"`(\w+)`", group.split(": ")[1]))
            for group in rows["attributes"].split(" · ")} == {tag: set(names) for tag, names in added.items()}
    assert set(re.findall(r"`([\w-]+)`", rows["classes"])) == PAGE_CLASSES
    assert f"`<!-- {MARKERS[3]} -->`" in rows["comments"] and PAGE.links == FLOW.links
    keys = section.split("front matter holds only", 1)[1].split(".", 1)[0]
    assert set(re.findall(r"`(\w+)`", keys)) == FRONT_MATTER_KEYS
    from annotate import limits

    assert f"A page is at most {limits.PAGE_BYTES // 1024} KiB" in section.replace("\n", " ")
    assert (f"a change entry at most {limits.CHANGE_CHARACTERS} characters, at most {limits.ALIASES} aliases"
            in CONTRIBUTING.replace("\n", " "))
