"""Vietnamese vocabularies, read once from the package's data files."""

from __future__ import annotations

import functools
from importlib import resources

from .normalize import canon_key

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


@functools.cache
def vocabulary(name: str) -> frozenset[str]:
    """The entries of ``data/vocab/<name>.txt`` as canonical keys (see :func:`canon_key`).

    >>> canon_key("Tin bài liên quan") in vocabulary("related_headers")
    True
    """
    if name not in VOCABULARIES:
        raise KeyError(f"unknown vocabulary {name!r}; known: {', '.join(VOCABULARIES)}")
    text = resources.files(__package__).joinpath(f"data/vocab/{name}.txt").read_text("utf-8")
    entries = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.add(canon_key(line))
    return frozenset(entries)


@functools.cache
def vocabulary_words(name: str) -> frozenset[str]:
    """Every single word that occurs in a vocabulary's entries."""
    return frozenset(word for entry in vocabulary(name) for word in entry.split())


def longest_prefix(key: str, name: str, max_words: int = 6) -> str:
    """The longest entry of a vocabulary that starts the canonical key ``key``, or ''."""
    words = key.split()
    firsts = _phrase_index(name)[0]
    if not words or words[0] not in firsts:
        return ""  # no entry starts with this word
    entries = vocabulary(name)
    for n in range(min(max_words, len(words)), 0, -1):
        candidate = " ".join(words[:n])
        if candidate in entries:
            return candidate
    return ""


def has_phrase(words: list[str], name: str, max_words: int = 4) -> bool:
    """Whether an entry of up to ``max_words`` words of a vocabulary occurs in a list of
    canonical words.

    >>> has_phrase(canon_key("Theo Báo Quốc tế").split(), "outlets")
    True
    """
    entries = vocabulary(name)
    firsts, longest = _phrase_index(name)
    longest = min(longest, max_words)
    for i, word in enumerate(words):
        # Only a position holding some entry's first word can start a match.
        if word in firsts:
            for size in range(1, min(longest, len(words) - i) + 1):
                if " ".join(words[i : i + size]) in entries:
                    return True
    return False


@functools.cache
def _phrase_index(name: str) -> tuple[frozenset[str], int]:
    """The first words of a vocabulary's entries, and its longest entry in words."""
    split = [entry.split() for entry in vocabulary(name)]
    return frozenset(w[0] for w in split if w), max((len(w) for w in split), default=0)
