"""The page for instructors as a course needs it: one numbering of the discussion questions, each with a model
answer to open, and the answer key among the course files rather than in the navigation or search."""

from __future__ import annotations

import json

from selectolax.lexbor import LexborHTMLParser


def discussion(built_site) -> LexborHTMLParser:
    html = (built_site / "instructors" / "index.html").read_text(encoding="utf-8")
    section = html.split('id="discussion-questions"', 1)[1].split("<h2", 1)[0]
    return LexborHTMLParser(section)


def test_the_discussion_questions_are_one_list_each_with_a_model_answer(built_site):
    tree = discussion(built_site)
    lists = tree.css("ol")
    assert len(lists) == 1, "the questions restart their numbering wherever a list ends"
    items = [item for item in lists[0].iter() if item.tag == "li"]
    assert len(items) == 12
    for number, item in enumerate(items, start=1):
        answer = item.css_first("details")
        assert answer is not None and answer.css_first("summary").text(strip=True) == "Model answer", number
        assert "open" not in answer.attributes, f"question {number}'s answer is open at rest"
        assert item.css_first('a[href*="notes/"], a[href*="claims/"]') is not None, f"question {number} links no note"


def test_no_question_rests_on_the_statement_the_notes_removed(built_site):
    assert "Most GPU kernels in ML are written in CUDA C++" not in discussion(built_site).text()


def test_the_answer_key_is_a_course_file_and_in_neither_navigation_nor_search(built_site):
    instructors = (built_site / "instructors" / "index.html").read_text(encoding="utf-8")
    downloads = instructors.split('id="files-for-your-course"', 1)[1].split("<h2", 1)[0]
    assert 'href="../answer-key/"' in downloads
    for page in built_site.rglob("*.html"):
        nav = LexborHTMLParser(page.read_text(encoding="utf-8")).css("nav a")
        assert not [link for link in nav if "answer-key/" in (link.attributes.get("href") or "")], page
    key = LexborHTMLParser((built_site / "answer-key" / "index.html").read_text(encoding="utf-8"))
    answers = [row.text(separator=" ", strip=True) for row in key.css("tr.answer-key__row")]
    assert len(answers) > 20
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [entry["location"] for entry in index["docs"] if entry["location"].startswith("answer-key/")]
    texts = " ".join(entry["text"] for entry in index["docs"])
    assert "worth doubting" not in texts.replace("whether it is worth doubting", "")
    assert key.css_first('meta[name="robots"]').attributes["content"] == "noindex"
