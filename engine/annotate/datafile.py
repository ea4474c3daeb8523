"""A data file read as every data file of the site is read: bounded, decoded, parsed as the engine parses YAML,
then checked against its schema and the text rules every key and value of every data file follows."""

from __future__ import annotations

from pathlib import Path

from .fields import value_problems
from .limits import DATA_FILE_BYTES
from .problems import Problems
from .schema import schema_problems
from .yamldoc import YamlDocument, YamlSyntaxError, decode, parse_yaml, read_limited


def load_data_document(path: Path, shown_path: str, schema: str) -> tuple[YamlDocument | None, Problems]:
    """The checked document of the file at `path` (which exists), or None and every problem that stops it.

    A file over the size limit gives None and no problem here: the content tree reports its size.
    """
    problems = Problems()
    data = read_limited(path, DATA_FILE_BYTES)
    if data is None:
        return None, problems
    text = decode(data)
    if isinstance(text, tuple):
        problems.add(shown_path, *text)
        return None, problems
    try:
        document = parse_yaml(text)
    except YamlSyntaxError as error:
        for line, column, message in error.problems:
            problems.add(shown_path, line, column, message)
        return None, problems
    for line, column, message in (*schema_problems(document, schema), *value_problems(document)):
        problems.add(shown_path, line, column, message)
    return (None if problems else document), problems
