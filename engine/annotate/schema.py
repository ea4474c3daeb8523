"""Check YAML data against the committed JSON Schemas and explain each failure in plain words."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .characters import describe, is_invisible
from .yamldoc import YamlDocument

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


def _path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


def load_schema(name: str) -> dict[str, Any]:
    """The schema `schemas/<name>.schema.json`, read again only when the file changes (as under `make serve`)."""
    return _read(name, _path(name).stat().st_mtime_ns)


@cache
def _read(name: str, version: int) -> dict[str, Any]:
    return json.loads(_path(name).read_text(encoding="utf-8"))


def _validator(name: str) -> Draft202012Validator:
    return _compiled(name, _path(name).stat().st_mtime_ns)


@cache
def _compiled(name: str, version: int) -> Draft202012Validator:
    return Draft202012Validator(load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


def one_of_choices(property_schema: dict[str, Any]) -> dict[str, dict[str, str]]:
    """A closed vocabulary written as `oneOf` consts: id → title and description, in schema order."""
    return {
        option["const"]: {"title": option["title"], "description": option["description"]}
        for option in property_schema["oneOf"]
    }


def did_you_mean(word: str, choices: list[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or nothing."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def schema_problems(document: YamlDocument, name: str) -> Iterator[tuple[int, int, str]]:
    """(line, column, message) for every way `document.data` breaks schema `name`."""
    errors = sorted(_validator(name).iter_errors(document.data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        yield from _explain(error, document)


def _where(path: tuple[Any, ...]) -> str:
    text = ""
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "the document"


def _explain(error: ValidationError, document: YamlDocument) -> Iterator[tuple[int, int, str]]:
    path = tuple(error.absolute_path)
    where = _where(path)
    line, column = document.position(path)
    kind = error.validator
    schema = error.schema
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(error.instance) - set(allowed)):
            key_line, key_column = document.position((*path, key), key=True)
            hint = did_you_mean(str(key), allowed) or f"; allowed keys are {', '.join(allowed)}"
            yield key_line, key_column, f"unknown key '{key}'{hint}"
    elif kind == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        because = ""
        if "then" in error.schema_path and "claims" in error.instance and list(error.schema_path)[1] == 1:
            because = " because a claim's verdict is not 'accurate' (only 'accurate' may go without sources)"
        elif "then" in error.schema_path:
            because = f" for verdict '{error.instance.get('verdict')}' (only 'accurate' may go without sources)"
        for key in missing:
            yield line, column, f"missing required key '{key}'{because}"
    elif kind == "dependentRequired":
        # Keys that only make sense together; jsonschema reports each missing one separately,
        # and identical messages are reported once.
        for given, needed in error.validator_value.items():
            for key in needed:
                if given in error.instance and key not in error.instance:
                    yield line, column, f"{where} gives {given} but not {key}; add {key}, or remove {given}"
    elif kind == "type":
        allowed = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        expected = " or ".join(_TYPE_WORDS.get(kind, kind) for kind in allowed)
        yield line, column, f"{where} must be {expected}, not {_type_name(error.instance)}" + _quote_hint(
            error.instance, error.validator_value, document.node(path)
        )
    elif kind == "oneOf" and all("const" in option for option in schema["oneOf"]):
        if not isinstance(error.instance, str):
            return  # the value is not text at all, which its "type" error explains
        choices = [option["const"] for option in schema["oneOf"]]
        yield line, column, (
            f"{where} '{error.instance}' is not on the scale{did_you_mean(str(error.instance), choices)}"
            f"; use one of: {', '.join(choices)}"
        )
    elif kind == "oneOf" and all(set(option) == {"required"} for option in schema["oneOf"]):
        keys = [option["required"][0] for option in schema["oneOf"]]
        yield line, column, f"{where} must have exactly one of the keys {', '.join(keys)}"
    elif kind == "pattern":
        # Each pattern in the schemas carries its own explanation for people.
        explanation = schema.get("x-pattern-message", f"must match {error.validator_value}")
        value = str(error.instance)
        odd = [c for c in value if c.isspace() or is_invisible(c)]
        if odd and re.search(error.validator_value, "".join(c for c in value if c not in odd)):
            explanation = (
                f"contains {describe(odd[0])}, which it may not: delete it (a space in an address is written %20)"
            )
        yield line, column, f"{where} '{error.instance}' {explanation}"
    elif kind == "minLength":
        yield line, column, f"{where} must not be empty"
    elif kind == "maxLength":
        yield line, column, f"{where} is longer than {error.validator_value} characters"
    elif kind == "minItems":
        yield line, column, f"{where} must list at least {error.validator_value} item"
    elif kind == "uniqueItems":
        yield line, column, f"{where} lists the same item twice"
    elif kind == "format":
        yield line, column, f"{where} '{error.instance}' is not a date written YYYY-MM-DD"
    else:
        yield line, column, f"{where}: {error.message}"


_TYPE_WORDS = {"string": "text", "array": "a list", "object": "a mapping of keys to values", "integer": "a number",
               "null": "null"}


def _quote_hint(value: Any, expected: str, node: Any) -> str:
    """For a word YAML reads as something other than text (false, no, 0.21): say to quote it."""
    if expected != "string" or value is None or isinstance(value, (list, dict)) or node is None:
        return ""
    written = getattr(node, "value", "")
    return f"; YAML reads the bare word {written} as {_type_name(value)}: write it in quotes, \"{written}\""


def _type_name(value: Any) -> str:
    names = {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list", dict: "a mapping"}
    return "empty" if value is None else names.get(type(value), type(value).__name__)
