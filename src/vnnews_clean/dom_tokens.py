"""Which kinds of container a class or id names, from the vocabularies in ``data/dom/``.

Each concept is one bit, so a block's ancestors are summed up in one integer.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

CONCEPTS = (
    "related",
    "navigation",
    "sidebar",
    "footer",
    "content",
    "lead",
    "title",
    "byline",
    "date",
    "caption",
    "tags",
    "share",
    "comment",
    "ads",
)
BIT = {name: 1 << i for i, name in enumerate(CONCEPTS)}
# Fragments this short must be a whole part of a token: "nav" is not in "canvas", "right"
# is not in "copyright".
_SHORT = 5
_SEPARATORS = re.compile(r"[-_.:]+")


@functools.cache
def _vocabulary() -> tuple[dict[str, int], tuple[tuple[str, int], ...]]:
    """Whole-part fragments (part -> bits) and substring fragments (fragment, bit)."""
    parts: dict[str, int] = {}
    pieces: list[tuple[str, int]] = []
    folder = resources.files(__package__).joinpath("data/dom")
    for name in CONCEPTS:
        for line in folder.joinpath(f"{name}.txt").read_text("utf-8").splitlines():
            fragment = _SEPARATORS.sub("", line.split("#", 1)[0].strip().lower())
            if not fragment:
                continue
            if len(fragment) <= _SHORT:
                parts[fragment] = parts.get(fragment, 0) | BIT[name]
            else:
                pieces.append((fragment, BIT[name]))
    return parts, tuple(pieces)


@functools.lru_cache(maxsize=8192)
def token_bits(attribute: str) -> int:
    """The concepts named by a class or id attribute value.

    >>> token_bits("box-tinlienquan clearfix") == BIT["related"]
    True
    >>> token_bits("canvas") == 0
    True
    """
    parts_vocab, pieces = _vocabulary()
    bits = 0
    for token in attribute[:500].lower().split():
        parts = [p for p in _SEPARATORS.split(token) if p]
        for part in parts:
            bits |= parts_vocab.get(part, 0)
        joined = "".join(parts)
        for fragment, bit in pieces:
            if fragment in joined:
                bits |= bit
    return bits
