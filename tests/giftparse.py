"""A small GIFT reader for tests, doing what Moodle's importer (question/format/gift/format.php) does for the
multiple-choice questions and categories the site writes: questions are separated by blank lines, `//` lines
are comments, escaped characters are set aside before parsing and put back after, `####` starts general
feedback, `=` marks the right answer and `~` a wrong one unless a weight such as `%100%` follows it, and
`[html]` gives the text's format.

It reads independently of the code that writes the file, so a test that parses the site's quiz back checks
the escaping, not a mirror of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ESCAPES = {"\\:": "\x01058", "\\#": "\x01035", "\\=": "\x01061", "\\{": "\x01123", "\\}": "\x01125",
            "\\~": "\x01126", "\\n": "\x01010"}
_BACKSLASH = "\x01092"
_RESTORED = {"\x01058": ":", "\x01035": "#", "\x01061": "=", "\x01123": "{", "\x01125": "}", "\x01126": "~",
             "\x01010": "\n"}


class GiftError(ValueError):
    pass


@dataclass
class GiftQuestion:
    category: list[str]
    name: str
    text_format: str
    text: str  # as imported: HTML when text_format is "html"
    answers: list[tuple[str, float]] = field(default_factory=list)
    general_feedback: str = ""

    @property
    def right_answers(self) -> list[str]:
        return [answer for answer, fraction in self.answers if fraction == 1]


def _pre(text: str) -> str:
    text = text.replace("\\\\", _BACKSLASH)
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text.replace(_BACKSLASH, "\\")


def _post(text: str) -> str:
    for placeholder, char in _RESTORED.items():
        text = text.replace(placeholder, char)
    return text


def _with_format(text: str, default: str) -> tuple[str, str]:
    text = text.strip()
    match = re.match(r"\[(moodle|html|plain|markdown)\]", text)
    if match:
        return match.group(1), _post(text[match.end():]).strip()
    return default, _post(text).strip()


def _category_path(line: str) -> list[str]:
    return [name.strip().replace("//", "/") for name in re.split(r"(?<!/)/(?!/)", line)]


def parse_gift(source: str) -> list[GiftQuestion]:
    """Every question of a GIFT file, each with the category it was read in."""
    blocks, current = [], []
    for line in source.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    category: list[str] = []
    questions = []
    for block in blocks:
        text = "\n".join(" " if line.strip().startswith("//") else line for line in block).strip()
        if not text:
            continue
        text = _pre(text)
        if text.startswith("$CATEGORY:"):
            category = _category_path(text[len("$CATEGORY:"):].strip())
            continue
        name = ""
        if text.startswith("::"):
            end = text.index("::", 2)
            name, text = _post(text[2:end]).strip(), text[end + 2:].strip()
        start, finish = text.find("{"), text.find("}")
        if start == -1 or finish == -1 or finish < start:
            raise GiftError(f"no answer braces in question {name!r}")
        answer_text = text[start + 1:finish].strip()
        if text[finish + 1:].strip():
            raise GiftError(f"text after the answers of question {name!r}")
        text_format, question_text = _with_format(text[:start], "moodle")
        general = ""
        if "####" in answer_text:
            split = answer_text.rindex("####")
            answer_text, general = answer_text[:split], _with_format(answer_text[split + 4:], text_format)[1]
        if "~" not in answer_text:
            raise GiftError(f"question {name!r} is not multiple choice")
        answers = []
        for answer in answer_text.replace("=", "~=").split("~"):
            answer = answer.strip()
            if not answer:
                continue
            fraction = 1.0 if answer.startswith("=") else 0.0
            answer = answer.lstrip("=")
            weight = re.match(r"%(-?\d+(?:\.\d+)?)%", answer)
            if weight:
                fraction, answer = float(weight.group(1)) / 100, answer[weight.end():]
            answers.append((_with_format(answer.split("#", 1)[0], text_format)[1], fraction))
        questions.append(GiftQuestion(category, name, text_format, question_text, answers, general))
    return questions
