"""YAML read with the line and column of every value, for messages that point at the right place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


# The pure-Python parser on purpose: MkDocs reads front matter with it, and libyaml's parser
# accepts some input (a tab after a colon) that it rejects.
class _StringDatesLoader(yaml.SafeLoader):
    """A safe loader that leaves dates as the strings the author wrote, so that a schema can check them."""


_StringDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    """Parsed data plus the node tree it came from, to map a key path back to a line."""

    data: Any
    root: yaml.Node | None
    first_line: int

    def position(self, path: tuple[Any, ...] = (), *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `path`, or of its key when `key` is true.

        A path that goes further than the document reaches points at the deepest part that exists.
        """
        node = self.root
        mark = node.start_mark if node is not None else None
        for step in path:
            if isinstance(node, yaml.MappingNode):
                match = next((pair for pair in node.value if pair[0].value == step), None)
                if match is None:
                    break
                key_node, node = match
                mark = key_node.start_mark if key and step == path[-1] else node.start_mark
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
                mark = node.start_mark
            else:
                break
        if mark is None:
            return self.first_line, 1
        return self.first_line + mark.line, mark.column + 1


class YamlSyntaxError(Exception):
    """Malformed YAML, with the 1-based position of the fault."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; `first_line` is the file line the text starts on."""
    loader = _StringDatesLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        column = (mark.column + 1) if mark else 1
        reason = error.problem or error.context or "invalid YAML"
        if error.problem and error.context and error.context_mark and error.context_mark.line != mark.line:
            reason += f", {error.context} that starts on line {first_line + error.context_mark.line}"
        raise YamlSyntaxError(line, column, f"malformed YAML: {reason}") from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(first_line, 1, f"malformed YAML: {error}") from None
    finally:
        loader.dispose()
    return YamlDocument(data=data, root=root, first_line=first_line)


def decode(data: bytes) -> str | tuple[int, int, str]:
    """The file as text, or (line, column, message) if it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return line, column, f"not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8"
