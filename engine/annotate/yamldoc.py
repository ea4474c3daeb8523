"""YAML read with the line and column of every value, for messages that point at the right place.

Only the plain part of YAML is accepted: before anything is built from the text, tabs, anchors
and aliases (`&name`, `*name`), tags (`!!binary`) and deep nesting are refused from the scanner's
tokens, so no input can expand into something large; then a key written twice in one mapping, or a
merge key (`<<:`) that would supply or repeat keys, is refused rather than letting the last one win.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .limits import YAML_DEPTH


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

    def node(self, path: tuple[Any, ...]) -> yaml.Node | None:
        """The node at `path`, or None when the document does not reach it."""
        node = self.root
        for step in path:
            if isinstance(node, yaml.MappingNode):
                node = next((value for key, value in node.value if key.value == step), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                return None
        return node

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
    """Malformed or refused YAML, with the 1-based position of each fault (`problems`, in order)."""

    def __init__(self, line: int, column: int, message: str, more: tuple[tuple[int, int, str], ...] = ()) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.problems = ((line, column, message), *more)


_NESTING = {
    yaml.BlockMappingStartToken: 1, yaml.BlockSequenceStartToken: 1, yaml.FlowMappingStartToken: 1,
    yaml.FlowSequenceStartToken: 1, yaml.BlockEndToken: -1, yaml.FlowMappingEndToken: -1,
    yaml.FlowSequenceEndToken: -1,
}


def _refused_tokens(text: str, first_line: int) -> list[tuple[int, int, str]]:
    """Tabs, anchors, aliases, tags and deep nesting, found without building anything from the text."""
    found = [
        (first_line + number, line.index("\t") + 1,
         "tab character: YAML lines are indented with spaces only; replace the tab with spaces")
        for number, line in enumerate(text.split("\n")) if "\t" in line
    ]
    if found:
        return found
    depth = 0
    try:
        for token in yaml.scan(text, Loader=_StringDatesLoader):
            where = (first_line + token.start_mark.line, token.start_mark.column + 1)
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
                found.append((*where, (
                    f"'{sign}{token.value}' is a YAML anchor or alias, which is not used here; "
                    "write each value out in full"
                )))
            elif isinstance(token, yaml.TagToken):
                found.append((*where, "YAML tags (such as '!!str') are not used here; write the plain value"))
            depth += _NESTING.get(type(token), 0)
            if depth > YAML_DEPTH:
                found.append((*where, f"lists and mappings are nested more than {YAML_DEPTH} deep; flatten them"))
                break
    except yaml.MarkedYAMLError:
        pass  # reported with its position when the text is parsed
    return found


_MERGE = "tag:yaml.org,2002:merge"


def _duplicate_keys(node: yaml.Node | None, first_line: int) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                line = first_line + key.start_mark.line
                if key.tag == _MERGE:
                    found.append((line, key.start_mark.column + 1, (
                        "'<<' is a YAML merge key, which is not used here; write each key out in full"
                    )))
                elif isinstance(key, yaml.ScalarNode) and key.value in seen:
                    found.append((line, key.start_mark.column + 1, (
                        f"key '{key.value}' is written twice in the same place (first on line {seen[key.value]}); "
                        "keep one"
                    )))
                elif isinstance(key, yaml.ScalarNode):
                    seen[key.value] = line
                pending.append(value)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
    return sorted(found)


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; `first_line` is the file line the text starts on."""
    refused = _refused_tokens(text, first_line)
    if refused:
        raise YamlSyntaxError(*refused[0], more=tuple(refused[1:]))
    loader = _StringDatesLoader(text)
    try:
        root = loader.get_single_node()
        duplicates = _duplicate_keys(root, first_line)
        if duplicates:
            raise YamlSyntaxError(*duplicates[0], more=tuple(duplicates[1:]))
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


def read_limited(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when it is larger than `limit` (then only `limit` + 1 bytes are read)."""
    with path.open("rb") as file:
        data = file.read(limit + 1)
    return None if len(data) > limit else data


def decode(data: bytes) -> str | tuple[int, int, str]:
    """The file as text, or (line, column, message) if it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return line, column, f"not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8"
