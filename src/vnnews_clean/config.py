"""One frozen object with every threshold the cleaner uses."""

from __future__ import annotations

import dataclasses
import functools
import urllib.parse

from .user_vocab import VocabularyOverlay


@dataclasses.dataclass(frozen=True)
class CleanConfig:
    """Every tunable number of the cleaner, with how it was chosen.

    Measured on ``../shared/corpus`` (34 pages, 11 portals) and the five seeds; the sweep that
    chose a value is named next to it. Change one only with ``benchmarks/lopo.py`` rerun.
    """

    # Limits. Inputs above them raise InputTooLargeError instead of using unbounded time.
    max_input_chars: int = 50_000_000
    """Largest input accepted, in characters (after decoding). 50 M is ~25x the largest
    news page seen in crawls; the text mode runs in linear time, so this bounds memory."""
    max_blocks: int = 1_000_000
    """Most blocks (non-blank lines) one page may have."""
    max_line_chars: int = 200_000
    """Longest line scanned by the patterns; longer lines are labelled from their length
    alone (no regex runs over them), so the time stays linear on pathological input."""
    min_vietnamese_share: float = 0.04
    """Share of letters that only Vietnamese writes (ă, ơ, đ, toned vowels) below which an
    HTML page is not Vietnamese and goes to the trafilatura fallback. The corpus's pages have
    0.20-0.31; English, French and German pages have under 0.01; 0.04 leaves room for
    Vietnamese pages heavy with English names and numbers."""
    language_sample_blocks: int = 2000
    """Blocks read to decide a page's language (the first ones; bounds the time on huge pages)."""
    max_dom_depth: int = 512
    """HTML nested deeper than this is flattened before parsing (tags past this depth are
    removed, their text kept, and the page warns ``deep_nesting_flattened``). libxml2 drops
    all text under depth 2048 even with huge_tree; the corpus's pages nest at most 40 deep."""

    # Block shape.
    short_line_words: int = 12
    """A line of at most this many words can be a headline, menu item or subheading; the
    body paragraphs of the corpus have a median of 48 words, headlines 8-14."""
    slug_min_words: int = 5
    """An unaccented lowercase line of at least this many words is a URL slug: no body line
    of the corpus or seeds has 5+ words without a single Vietnamese diacritic."""
    teaser_prefix_chars: int = 40
    """A line ending in '...' whose first this-many characters start a longer line elsewhere
    in the page is a cut-off teaser of it (swept 20-80 on the seeds and corpus; 40 keeps
    every true teaser and no body line)."""

    # Decoder.
    prior_weight: float = 0.3
    """How much of the class prior the decoder divides out of the model's posteriors
    (hybrid-HMM scaling). Swept 0, 0.3, 0.6, 1 under leave-one-portal-out: mean F1 0.984,
    0.986, 0.981, 0.982; at 0.6 and above a held-out listicle's body turns into captions."""
    transition_weight: float = 1.0
    """Scale of the learned transition log-probabilities against the emissions (swept 0.5,
    0.75, 1 under leave-one-portal-out: within 0.003 of each other; 1 keeps the worst portal
    highest)."""

    stabilise_passes: int = 3
    """Re-cleanings of the article's own text done to make the result a fixed point (see
    stabilise.py). On the corpus and seeds one pass always suffices; the property tests
    needed two on adversarial input; 0 switches the check off."""

    # Decoding of bytes and mojibake.
    mojibake_min_hits: int = 3
    """Lines with TCVN3/VNI byte patterns needed before the page is flagged (one stray
    pattern occurs in normal text; three did not occur in any clean page)."""
    strict_decoding: bool = False
    """Raise EncodingError instead of warning when bytes had to be replaced with U+FFFD or the
    text looks like TCVN3/VNI mojibake. Off by default: a page with a few bad bytes still has
    an article worth extracting."""
    charset_scan_bytes: int = 65_536
    """Bytes of the head searched for a ``<meta>`` charset (the scan also stops at ``</head>``).
    The HTML prescan reads only 1024; in the corpus one portal declares at byte 8,301, while
    ``</head>`` comes as late as byte 332,210, so the scan must stop somewhere. 64 KB keeps
    every corpus declaration with an 8x margin and bounds the work on adversarial heads."""
    cp1258_min_share: float = 0.3
    """An undeclared page that is not UTF-8 is read as windows-1258 when at least this share of
    its non-ASCII characters are letters only Vietnamese uses (ă, đ, ơ, ư, ạ, ế…, none in
    Latin-1). On the corpus dumps and seeds the share is 0.64-0.78; French, German and Spanish
    windows-1252 text read as windows-1258 scores 0, so 0.3 sits between them. Portuguese
    cannot be told apart: its ã is byte 0xE3, windows-1258's ă."""

    # Batches.
    page_time_limit: float | None = 60.0
    """Seconds one page may take in ``clean_many`` and the batch command line; a page over it
    gives the error ``timeout`` instead of stalling the batch (None switches the limit off).
    The slowest corpus page takes 0.28 s, and the text mode runs at ~5 µs per character
    (a 1.1 M-character dump takes 5.6 s), so 60 s passes any page up to ~10 M characters,
    5x the largest news page seen in crawls, and stops a 50 M-character input after a minute
    instead of four. Enforced with SIGALRM: on POSIX only (see ``batch.time_limit``)."""

    # Vocabulary.
    vocabulary: VocabularyOverlay | None = None
    """The user's own vocabulary: entries added to or removed from the text vocabularies and
    DOM token concepts, hints about a portal's related boxes, and per-site sections (see
    ``VocabularyOverlay`` and docs/usage.md). None uses the package's data alone. Every
    vocabulary lookup and memo is keyed by it, so configs with different overlays never share
    a result; with None the cleaner runs exactly as without this option."""

    def for_url(self, url: str | None) -> CleanConfig:
        """This config with the overlay's sections for the URL's host folded in (itself when
        the overlay has no sites). ``clean_html`` and ``clean`` apply it to their ``url``;
        ``clean_text`` takes no URL, so pass ``config.for_url(url)`` to it yourself."""
        if self.vocabulary is None or not self.vocabulary.sites:
            return self
        host = urllib.parse.urlsplit(url).hostname if url else None
        return _for_host(self, host or "")


@functools.lru_cache(maxsize=1024)
def _for_host(config: CleanConfig, host: str) -> CleanConfig:
    # Cached so that every page of one host gets the same config object: the signal memo's
    # key then compares by identity.
    overlay = config.vocabulary
    return dataclasses.replace(config, vocabulary=overlay and overlay.for_host(host))
