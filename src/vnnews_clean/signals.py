"""What one block's text says on its own: pattern and vocabulary matches, shape.

Signals are computed once per block and shared by the rules, the features and the metadata
readers, so no pattern runs twice over the same line.
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata

from . import patterns
from .config import CleanConfig
from .dates import is_date_line, is_updated_line
from .metadata import is_outlet
from .normalize import canon_key, diacritic_ratio
from .vocab import Vocabulary, lexicon

# Only the end of a line is searched for a photo credit: credits close captions, and a
# bounded window keeps the search linear on very long lines.
_CREDIT_WINDOW = 140
_NAME_MAX_CHARS = 40
_CREDIT_NAME_CHARS = 80
# "(Nguồn: X)" closes chart and photo captions of up to ~30 words; longer lines cite a source
# inside a paragraph.
_SOURCE_CREDIT_MAX_WORDS = 30
# A caption may end in a bare "Ảnh minh họa" (either tone placement) with no name after it.
_ILLUSTRATION = (canon_key("ảnh minh họa"), canon_key("ảnh tư liệu"))
# The tone marks that close those keys (the dot below of "họa", "liệu"). canon_key moves marks
# and never adds one, so a window whose decomposition has none of them cannot end in either.
_ILLUSTRATION_MARKS = frozenset(unicodedata.normalize("NFD", c)[-1:] for c in _ILLUSTRATION)
_ILLUSTRATION_MARKED = all(unicodedata.combining(m) for m in _ILLUSTRATION_MARKS)
# Pages repeat lines (menus, footers, a headline written twice, a rail repeated) and
# stabilise.py cleans the article's own paragraphs once more. Signals depend on the text and
# the config alone, so those of texts up to _MEMO_MAX_CHARS are memoised: 1,000 characters
# covers every line of the seeds (the longest has 854) and 4,096 texts are 17 seed pages' worth
# of distinct lines, while the memo stays under ~20 MB whatever the input.
_MEMO_MAX_CHARS = 1000
_MEMO_SIZE = 4096


@dataclasses.dataclass(frozen=True, slots=True)
class Signals:
    """The local evidence about one block."""

    key: str  # canonical key of the whole text (see canon_key)
    words: int
    chars: int
    ends_sentence: bool = False
    terminal: str = ""  # the last character
    ends_ellipsis: bool = False
    diacritics: float = 0.0
    upper_share: float = 0.0
    capital_share: float = 0.0
    digit_share: float = 0.0
    slug: bool = False
    date_line: bool = False
    updated_line: bool = False
    caption_credit: bool = False
    caption_opening: bool = False
    caption_cue: bool = False
    related_header: bool = False
    navigation_share: float = 0.0
    navigation_line: bool = False
    breadcrumb: bool = False
    widget: bool = False
    social: bool = False
    promo: bool = False
    footer: bool = False
    contact: bool = False
    slogan: bool = False
    theo: str | None = None  # X of "Theo X"
    nguon: str | None = None  # X of "Nguồn: X" ("" when empty)
    byline: str | None = None  # X of "Tin, ảnh: X" / "PV"
    theo_outlet: bool = False  # X of "Theo X" names an outlet, not a person
    person: bool = False
    url: bool = False
    markdown: bool = False
    media_tag: bool = False
    counter: bool = False
    doubled: bool = False
    wordless: bool = False  # no word of two letters or more: symbols, numbers, stray letters
    numbered_alt: bool = False  # "Tiêu đề- Ảnh 1.": a CMS's alt text for an image


def _doubled(text: str) -> bool:
    """ "A A": link text written twice on one line (image title and link)."""
    n = len(text)
    if n < 9 or n % 2 == 0:
        return False
    half = n // 2
    return text[half] == " " and text[:half] == text[half + 1 :]


def _share(words: list[str], vocab: frozenset[str]) -> float:
    return sum(map(vocab.__contains__, words)) / len(words) if words else 0.0


def read_signals(text: str, config: CleanConfig) -> Signals:
    """The signals of one normalised block text.

    >>> s = read_signals("Tin bài liên quan", CleanConfig())
    >>> s.related_header, s.words
    (True, 4)
    """
    if len(text) <= _MEMO_MAX_CHARS:
        return _memoised(text, config)
    return _read(text, config)


@functools.lru_cache(maxsize=_MEMO_SIZE)
def _memoised(text: str, config: CleanConfig) -> Signals:
    return _read(text, config)


def _read(text: str, config: CleanConfig) -> Signals:
    if len(text) > config.max_line_chars:
        # Too long to be anything but text; no pattern runs over it.
        return _long_line(text)
    lex = lexicon(config.vocabulary)
    key = canon_key(text)
    keywords = key.split()
    raw_words = patterns.WORDS.findall(text)
    n_words = len(raw_words)
    short = n_words <= config.short_line_words
    alpha = [w for w in raw_words if w[:1].isalpha()]
    upper = sum(map(str.isupper, [w for w in alpha if len(w) > 1]))
    capital = sum(map(str.isupper, [w[:1] for w in alpha]))
    digits = sum(map(str.isdigit, text))
    diacritics = diacritic_ratio(raw_words)
    nav_share = _share(keywords, lex["navigation"].words)
    theo = nguon = byline = None
    if short or len(text) < 120:
        m = patterns.THEO.match(text)
        theo = m.group(1).strip() if m else None
        named = patterns.NAME_THEO.match(text)
        if named and patterns.PERSON.match(named.group(1).strip()):
            byline, theo = named.group(1).strip(), named.group(2).strip()
        m = patterns.NGUON.match(text)
        nguon = m.group(1).strip() if m else None
        m = patterns.BYLINE.match(text)
        if byline is not None:
            pass
        elif m and canon_key(m.group(1)) in lex["byline_prefixes"]:
            byline = m.group(2).strip()
        elif key in ("pv", "nhóm pv", "ctv"):
            byline = text
    tail = text[-_CREDIT_WINDOW:]
    return Signals(
        key=key,
        words=n_words,
        chars=len(text),
        ends_sentence=bool(patterns.ENDS_SENTENCE.search(text[-2:])),
        terminal=text[-1:],
        ends_ellipsis=bool(patterns.ELLIPSIS_END.search(text[-5:])),
        diacritics=diacritics,
        upper_share=upper / len(alpha) if alpha else 0.0,
        capital_share=capital / len(alpha) if alpha else 0.0,
        digit_share=digits / len(text),
        slug=(
            len(alpha) >= config.slug_min_words
            and diacritics == 0.0
            and text == text.lower()
            and not patterns.ENDS_SENTENCE.search(text[-1:])
        ),
        date_line=is_date_line(text, lex["weekdays"]),  # bounded to 80 characters there
        updated_line=is_updated_line(text[:20]),
        caption_credit=_photo_credit(
            tail, n_words <= _SOURCE_CREDIT_MAX_WORDS, lex["caption_credits"]
        ),
        caption_opening=bool(patterns.CAPTION_OPENING.match(text[:12])),
        caption_cue=n_words <= 40 and lex["caption_cues"].has_phrase(keywords),
        related_header=short and key in lex["related_headers"],
        navigation_share=nav_share,
        navigation_line=short and nav_share == 1.0,
        breadcrumb=short and lex["navigation"].longest_prefix(key, 2) == "trang chủ",
        widget=short and key in lex["widgets"],
        social=short and bool(keywords) and _share(keywords, lex["social"].entries) == 1.0,
        promo=short and key in lex["promo"],
        footer=len(text) < 200 and lex["footer"].has_phrase(keywords),
        contact=len(text) < 200 and lex["contact"].has_phrase(keywords[:3]),
        slogan=_slogan(key, text, upper, len(alpha), lex["slogans"]),
        theo=theo,
        nguon=nguon,
        byline=byline,
        theo_outlet=theo is not None and is_outlet(theo, lex["outlets"]),
        person=len(text) <= _NAME_MAX_CHARS and bool(patterns.PERSON.match(text)),
        url=short and bool(patterns.URL.fullmatch(text)),
        markdown=bool(patterns.MD_LINK.match(text) or patterns.MD_IMAGE.match(text)),
        media_tag=bool(patterns.MEDIA_TAG.match(text[:16])),
        counter=short and bool(patterns.COUNTER.match(text)),
        doubled=_doubled(text),
        wordless=not any(sum(map(str.isalpha, w)) >= 2 for w in raw_words),
        numbered_alt=bool(patterns.NUMBERED_IMAGE_ALT.search(tail[-24:])),
    )


def _photo_credit(tail: str, caption_sized: bool, credits: Vocabulary) -> bool:
    """Whether a line closes with a photo credit: "... Ảnh: X", "(Ảnh: X)", "- Ảnh: X", a
    trailing "Ảnh minh họa", or "(Nguồn: X)" closing a caption-sized line. The credit word
    must follow some text: "Video: X" opening a line is a link to a video, not a credit."""
    colon = tail.rfind(":")
    if colon > 0:
        after = tail[colon + 1 :].strip(" )].")
        words = canon_key(tail[:colon]).split()
        if after and len(after) <= _CREDIT_NAME_CHARS and ":" not in after:
            for n in (3, 2, 1):
                if len(words) > n and " ".join(words[-n:]) in credits:
                    return True
            opening = tail[:colon].rstrip().lower()
            if caption_sized and len(words) > 1 and opening.endswith("(nguồn"):
                return True
    window = tail[-40:]
    if caption_sized and patterns.BARE_PHOTO_CREDIT.search(window):
        return True
    if _ILLUSTRATION_MARKED and _ILLUSTRATION_MARKS.isdisjoint(
        unicodedata.normalize("NFD", window.lower())
    ):
        return False
    return canon_key(window).endswith(_ILLUSTRATION)


def _slogan(key: str, text: str, upper: int, alpha: int, slogans: Vocabulary) -> bool:
    if not slogans.longest_prefix(key, 4):
        return False
    return alpha > 0 and (upper / alpha > 0.3 or text.count("(") >= 2)


def _long_line(text: str) -> Signals:
    return Signals(key="", words=len(text) // 6, chars=len(text), terminal=text[-1:])
