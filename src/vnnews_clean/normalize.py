"""Text normalisation: what every line goes through before it is compared or returned."""

from __future__ import annotations

import functools
import unicodedata

import regex

# Zero-width and bidi controls, soft hyphen, BOM: invisible, never part of a word.
_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# C0/C1 controls other than tab; lone surrogates; non-characters. Replaced by a space.
_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Every Unicode space (nbsp, thin space, ideographic space, tab) counts as one space.
_SPACES = regex.compile(r"[\t\p{Zs}]+")
_WORD = regex.compile(r"[\p{L}\p{N}]+")

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")

VIETNAMESE_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)


def normalize_line(line: str) -> str:
    """One line as the cleaner sees and returns it: NFC, invisible characters removed,
    control characters and runs of spaces folded to one space, stripped.

    >>> normalize_line("  Ho\u0300a\u00a0\u00a0bi\u0300nh\u200b ")
    'Hòa bình'
    """
    if line.isprintable():
        # No control, format, surrogate or non-ASCII space character: nothing to remove.
        if not line.isascii():
            line = unicodedata.normalize("NFC", line)
        if "  " in line:
            line = _SPACES.sub(" ", line)
        return line.strip()
    line = _INVISIBLE.sub("", line)
    line = _CONTROL.sub(" ", line)
    line = unicodedata.normalize("NFC", line)
    folded: str = _SPACES.sub(" ", line)
    return folded.strip()


def split_lines(text: str) -> list[str]:
    """The input's lines, with CRLF, CR and the Unicode line separators read as LF."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x85", "\n")
    return text.split("\n")


@functools.lru_cache(maxsize=65536)
def _canon_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(ch for ch in decomposed if ch in _TONES)
    bare = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", bare + tones)


def canon_key(text: str) -> str:
    """A key for vocabulary matching: lower case, punctuation dropped, and the tone mark of
    each word moved to its end, so that the two placements ("hoà"/"hòa") match.

    >>> canon_key("Tin liên quan:") == canon_key("tin liên quan")
    True
    >>> canon_key("Hoà bình") == canon_key("Hòa bình")
    True
    """
    return " ".join(map(_canon_word, _WORD.findall(text.lower())))


def diacritic_ratio(words: list[str]) -> float:
    """Share of alphabetic words that carry a Vietnamese letter (most body words do)."""
    alpha = list(filter(str.isalpha, words))
    if not alpha:
        return 0.0
    unmarked = sum(map(VIETNAMESE_LETTERS.isdisjoint, map(str.lower, alpha)))
    return (len(alpha) - unmarked) / len(alpha)
