"""Which kinds of container a class or id names, from the vocabularies in ``data/dom/``.

Each concept is one bit, so a block's ancestors are summed up in one integer. A user's
overlay (``CleanConfig.vocabulary``) may add or remove fragments of any concept, and name
its portal's related boxes as a hint (:data:`SITE_RELATED`).
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .user_vocab import VocabularyOverlay

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
# A user's hint that a container is one of their portal's related boxes: a bit past the
# concepts, so no feature sees it; html_rules.py labels what it holds.
SITE_RELATED = 1 << len(CONCEPTS)
# Fragments this short must be a whole part of a token: "nav" is not in "canvas", "right"
# is not in "copyright".
_SHORT = 5
_SEPARATORS = re.compile(r"[-_.:]+")
# See vocab._OVERLAYS.
_OVERLAYS = 32

Table = tuple[dict[str, int], tuple[tuple[str, int], ...], re.Pattern[str]]


def canon_fragment(text: str) -> str:
    """A fragment as it is matched: lower case, separators dropped ("box-tinlienquan" gives
    "boxtinlienquan")."""
    return _SEPARATORS.sub("", text.strip().lower())


@functools.cache
def package_fragments(name: str) -> frozenset[str]:
    """The fragments of ``data/dom/<name>.txt``."""
    if name not in BIT:
        raise KeyError(f"unknown DOM concept {name!r}; known: {', '.join(CONCEPTS)}")
    text = resources.files(__package__).joinpath(f"data/dom/{name}.txt").read_text("utf-8")
    fragments = (canon_fragment(line.split("#", 1)[0]) for line in text.splitlines())
    return frozenset(f for f in fragments if f)


@functools.lru_cache(maxsize=_OVERLAYS)
def _table(overlay: VocabularyOverlay | None) -> Table:
    """Whole-part fragments (part -> bits), substring fragments (fragment, bit), and a pattern
    finding any substring fragment."""
    parts: dict[str, int] = {}
    pieces: list[tuple[str, int]] = []
    concepts: list[tuple[frozenset[str], int]] = []
    for name in CONCEPTS:
        fragments = package_fragments(name)
        if overlay is not None:
            add, remove = overlay.changes(f"dom.{name}")
            fragments = (fragments - remove) | add
        concepts.append((fragments, BIT[name]))
    if overlay is not None:
        concepts.append((overlay.changes("hints.related")[0], SITE_RELATED))
    for fragments, bit in concepts:
        for fragment in sorted(fragments):  # sorted: the same table in every process
            if len(fragment) <= _SHORT:
                parts[fragment] = parts.get(fragment, 0) | bit
            else:
                pieces.append((fragment, bit))
    # Most tokens hold no fragment: one search in C rules them out before the loop over all.
    any_piece = re.compile("|".join(re.escape(f) for f, _ in pieces) if pieces else "(?!)")
    return parts, tuple(pieces), any_piece


@functools.lru_cache(maxsize=8192)
def token_bits(attribute: str, overlay: VocabularyOverlay | None = None) -> int:
    """The concepts named by a class or id attribute value, as the overlay leaves them.

    >>> token_bits("box-tinlienquan clearfix") == BIT["related"]
    True
    >>> token_bits("canvas") == 0
    True
    """
    parts_vocab, pieces, any_piece = _table(overlay)
    bits = 0
    for token in attribute[:500].lower().split():
        parts = [p for p in _SEPARATORS.split(token) if p]
        for part in parts:
            bits |= parts_vocab.get(part, 0)
        joined = "".join(parts)
        if any_piece.search(joined):
            for fragment, bit in pieces:
                if fragment in joined:
                    bits |= bit
    return bits
