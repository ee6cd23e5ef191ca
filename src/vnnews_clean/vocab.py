"""Vietnamese vocabularies, read once from the package's data files, with a user's overlay.

Every lookup names the overlay it goes through (``CleanConfig.vocabulary``; None is the
package data alone), so two configs with different vocabularies never share an answer.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from importlib import resources
from types import MappingProxyType
from typing import TYPE_CHECKING

from .normalize import canon_key

if TYPE_CHECKING:
    from .user_vocab import VocabularyOverlay

VOCABULARIES = (
    "related_headers",
    "navigation",
    "widgets",
    "footer",
    "contact",
    "social",
    "promo",
    "caption_credits",
    "caption_cues",
    "outlets",
    "slogans",
    "weekdays",
    "byline_prefixes",
)
# Overlays in use at once: one per portal a batch mixes is the most a caller is expected to
# keep; a miss only rebuilds the sets (~2 ms).
_OVERLAYS = 32


@dataclasses.dataclass(frozen=True, slots=True)
class Vocabulary:
    """One concept's entries as canonical keys, with the index phrase searches use."""

    entries: frozenset[str]
    words: frozenset[str]  # every word of every entry
    firsts: frozenset[str]  # every entry's first word
    longest: int  # the longest entry, in words

    @classmethod
    def of(cls, entries: frozenset[str]) -> Vocabulary:
        split = [entry.split() for entry in entries]
        return cls(
            entries=entries,
            words=frozenset(word for words in split for word in words),
            firsts=frozenset(words[0] for words in split if words),
            longest=max(map(len, split), default=0),
        )

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def longest_prefix(self, key: str, max_words: int = 6) -> str:
        """The longest entry that starts the canonical key ``key``, or ''."""
        words = key.split()
        if not words or words[0] not in self.firsts:
            return ""  # no entry starts with this word
        for n in range(min(max_words, len(words)), 0, -1):
            candidate = " ".join(words[:n])
            if candidate in self.entries:
                return candidate
        return ""

    def has_phrase(self, words: Sequence[str], max_words: int = 4) -> bool:
        """Whether an entry of up to ``max_words`` words occurs in a list of canonical words."""
        entries = self.entries
        longest = min(self.longest, max_words)
        for i, word in enumerate(words):
            # Only a position holding some entry's first word can start a match.
            if word in self.firsts:
                for size in range(1, min(longest, len(words) - i) + 1):
                    if " ".join(words[i : i + size]) in entries:
                        return True
        return False


@functools.cache
def package_entries(name: str) -> frozenset[str]:
    """The entries of ``data/vocab/<name>.txt`` as canonical keys (see :func:`canon_key`)."""
    if name not in VOCABULARIES:
        raise KeyError(f"unknown vocabulary {name!r}; known: {', '.join(VOCABULARIES)}")
    text = resources.files(__package__).joinpath(f"data/vocab/{name}.txt").read_text("utf-8")
    entries = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.add(canon_key(line))
    return frozenset(entries)


@functools.lru_cache(maxsize=_OVERLAYS)
def lexicon(overlay: VocabularyOverlay | None = None) -> Mapping[str, Vocabulary]:
    """Every vocabulary, by name, as the overlay leaves it (None: the package data)."""
    out = {}
    for name in VOCABULARIES:
        entries = package_entries(name)
        if overlay is not None:
            add, remove = overlay.changes(name)
            entries = (entries - remove) | add
        out[name] = Vocabulary.of(entries)
    return MappingProxyType(out)


def vocabulary(name: str, overlay: VocabularyOverlay | None = None) -> Vocabulary:
    """One vocabulary as the overlay leaves it.

    >>> canon_key("Tin bài liên quan") in vocabulary("related_headers")
    True
    >>> vocabulary("outlets").has_phrase(canon_key("Theo Báo Quốc tế").split())
    True
    """
    try:
        return lexicon(overlay)[name]
    except KeyError:
        raise KeyError(f"unknown vocabulary {name!r}; known: {', '.join(VOCABULARIES)}") from None
