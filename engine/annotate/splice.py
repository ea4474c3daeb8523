"""Putting strings into HTML at given offsets, in a stable order where offsets are equal."""

from __future__ import annotations


def splice(source: str, insertions: list[tuple[int, tuple[int, ...], str]]) -> str:
    """Insert strings into `source` at offsets; equal offsets go in the order of their sort keys."""
    pieces, position = [], 0
    for offset, _, text in sorted(insertions, key=lambda item: (item[0], item[1])):
        pieces.append(source[position:offset])
        pieces.append(text)
        position = offset
    pieces.append(source[position:])
    return "".join(pieces)
