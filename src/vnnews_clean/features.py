"""Numeric features of every block: its own signals and those of its neighbourhood.

The trained model reads exactly these, in this order (FEATURE_NAMES is stored in the weights
file, and a mismatch refuses to load). Each feature is cheap and bounded, and the whole page
is done in one pass forward and one backward.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from .blocks import Block
from .config import CleanConfig
from .signals import Signals

# A "long paragraph" is the kind of block only article bodies and teasers have.
_LONG_WORDS = 25
_WINDOW = 3
# Long paragraphs at most this many blocks apart belong to one cluster (a photo and its
# caption, or a subheading, stand between paragraphs of one article).
_CLUSTER_GAP = 4
_SHORT_SENTENCE_WORDS = 30
# The lead is read from the first few long paragraphs; headlines have at most 40 words.
_LEAD_PARAGRAPHS = 3
_TITLE_MAX_WORDS = 40

_LOCAL = (
    "log_words",
    "log_chars",
    "short",
    "ends_sentence",
    "ends_ellipsis",
    "diacritics",
    "upper_share",
    "capital_share",
    "digit_share",
    "slug",
    "date_line",
    "updated_line",
    "caption_credit",
    "caption_opening",
    "caption_cue",
    "related_header",
    "navigation_share",
    "navigation_line",
    "breadcrumb",
    "widget",
    "social",
    "promo",
    "footer",
    "contact",
    "slogan",
    "theo",
    "nguon",
    "byline",
    "person",
    "url",
    "markdown",
    "media_tag",
    "counter",
    "doubled",
    "gap_before",
    "gap_after",
)
_CONTEXT = (
    "position",
    "repeat_earlier",
    "repeat_later",
    "teaser_of_later",
    "same_as_prev",
    "same_as_next",
    "after_related_header",
    "log_since_related_header",
    "before_first_long",
    "after_last_long",
    "log_dist_long",
    "long_density",
    "prev_long",
    "next_long",
    "prev_short_title",
    "next_short_title",
    "prev_caption_credit",
    "next_caption_credit",
    "prev_gap_after",
    "next_gap_before",
    "prev_log_words",
    "next_log_words",
    "prev_related_header",
    "prev_date_line",
    "next_date_line",
    "short_run",
    "front_matter",
    "in_first_cluster",
    "in_largest_cluster",
    "cluster_share",
    "cluster_rank",
    "outside_clusters",
    "glued_link",
    "alt_before_caption",
    "person_after_long",
    "after_attribution",
    "short_between_long",
    "cue_between_long",
    "lead_overlap",
)
FEATURE_NAMES: tuple[str, ...] = _LOCAL + _CONTEXT


def _local(block: Block, s: Signals, config: CleanConfig) -> list[float]:
    return [
        math.log1p(s.words),
        math.log1p(s.chars),
        float(s.words <= config.short_line_words),
        float(s.ends_sentence),
        float(s.ends_ellipsis),
        s.diacritics,
        s.upper_share,
        s.capital_share,
        s.digit_share,
        float(s.slug),
        float(s.date_line),
        float(s.updated_line),
        float(s.caption_credit),
        float(s.caption_opening),
        float(s.caption_cue),
        float(s.related_header),
        s.navigation_share,
        float(s.navigation_line),
        float(s.breadcrumb),
        float(s.widget),
        float(s.social),
        float(s.promo),
        float(s.footer),
        float(s.contact),
        float(s.slogan),
        float(s.theo is not None),
        float(s.nguon is not None),
        float(s.byline is not None),
        float(s.person),
        float(s.url),
        float(s.markdown),
        float(s.media_tag),
        float(s.counter),
        float(s.doubled),
        float(block.gap_before),
        float(block.gap_after),
    ]


def is_long(s: Signals) -> bool:
    """A body-like paragraph: many words, mostly Vietnamese, ending a sentence."""
    return s.words >= _LONG_WORDS and s.diacritics > 0.3


def _short_title(s: Signals) -> bool:
    return 3 <= s.words <= 20 and not s.ends_sentence and s.diacritics > 0.3


def page_features(
    blocks: Sequence[Block],
    signals: Sequence[Signals],
    front_matter: Sequence[bool],
    config: CleanConfig,
) -> list[list[float]]:
    """One feature row per block, in FEATURE_NAMES order."""
    n = len(blocks)
    keys = [s.key for s in signals]
    long = [is_long(s) for s in signals]
    first_seen: dict[str, int] = {}
    last_seen: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key:
            first_seen.setdefault(key, i)
            last_seen[key] = i
    teaser = _teasers(signals, config.teaser_prefix_chars)
    long_idx = [i for i, x in enumerate(long) if x]
    first_long = long_idx[0] if long_idx else n
    last_long = long_idx[-1] if long_idx else -1
    # Distance to the nearest long paragraph, both ways, in two linear passes.
    dist = [n] * n
    last = -n
    for i in range(n):
        if long[i]:
            last = i
        dist[i] = i - last
    last = 2 * n
    for i in range(n - 1, -1, -1):
        if long[i]:
            last = i
        dist[i] = min(dist[i], last - i)
    prefix = [0]
    for x in long:
        prefix.append(prefix[-1] + x)
    # Runs of consecutive short lines (menus and link lists come in runs).
    run = [0] * n
    i = 0
    while i < n:
        j = i
        while j < n and signals[j].words <= config.short_line_words:
            j += 1
        for m in range(i, j):
            run[m] = j - i
        i = max(j, i + 1)
    cluster = _clusters(long)
    lead_words = set()
    for i in long_idx[:_LEAD_PARAGRAPHS]:
        lead_words.update(keys[i].split())
    # Short headline-like lines glued (no blank line) under a paragraph: inline related links.
    title_like = [_short_title(s) for s in signals]
    glued = [False] * n
    for i in range(1, n):
        if title_like[i] and not blocks[i].gap_before and (long[i - 1] or glued[i - 1]):
            glued[i] = True
    # What each block's neighbours say, as floats, 0.0 past either end of the page.
    prev_long, next_long = _neighbours([float(x) for x in long])
    prev_title, next_title = _neighbours([float(x) for x in title_like])
    prev_credit, next_credit = _neighbours([float(s.caption_credit) for s in signals])
    prev_date, next_date = _neighbours([float(s.date_line) for s in signals])
    prev_words, next_words = _neighbours([math.log1p(s.words) for s in signals])
    prev_header = _neighbours([float(s.related_header) for s in signals])[0]
    prev_gap_after = _neighbours([float(b.gap_after) for b in blocks])[0]
    next_gap_before = _neighbours([float(b.gap_before) for b in blocks])[1]
    same = [float(a == b) for a, b in itertools.pairwise(keys)]  # a block and the next one
    prev_same, next_same = [0.0, *same], [*same, 0.0]
    rows = []
    since_header = -1
    attribution_at = n  # the first attribution line after the first long paragraph
    for i, (block, s) in enumerate(zip(blocks, signals, strict=True)):
        next_s = signals[i + 1] if i + 1 < n else None
        lo, hi = max(0, i - _WINDOW), min(n, i + _WINDOW + 1)
        # A short sentence standing alone between two paragraphs: a caption or a subheading.
        between = 0 < i < n - 1 and long[i - 1] and long[i + 1] and s.words <= _SHORT_SENTENCE_WORDS
        row = _local(block, s, config)
        row += [
            i / max(1, n - 1),
            float(bool(s.key) and first_seen[s.key] < i),
            float(bool(s.key) and last_seen[s.key] > i),
            float(teaser[i]),
            prev_same[i],
            next_same[i],
            float(since_header >= 0),
            math.log1p(i - since_header) if since_header >= 0 else 0.0,
            float(i < first_long),
            float(i > last_long),
            math.log1p(min(dist[i], 50)),
            (prefix[hi] - prefix[lo]) / (hi - lo),
            prev_long[i],
            next_long[i],
            prev_title[i],
            next_title[i],
            prev_credit[i],
            next_credit[i],
            prev_gap_after[i],
            next_gap_before[i],
            prev_words[i],
            next_words[i],
            prev_header[i],
            prev_date[i],
            next_date[i],
            math.log1p(run[i]),
            float(front_matter[i]),
            *cluster[i],
            float(glued[i]),
            float(_alt_before_caption(block, s, next_s)),
            float(s.person and i > last_long >= 0 and i - last_long <= _WINDOW * 2),
            float(attribution_at < i),
            float(between),
            float(between and s.caption_cue),
            _overlap(s, lead_words),
        ]
        rows.append(row)
        if s.related_header and i > first_long:
            since_header = i
        if (
            attribution_at == n
            and i > first_long
            and (s.theo is not None or s.nguon is not None or s.byline is not None)
        ):
            attribution_at = i
    return rows


def _neighbours(values: list[float]) -> tuple[list[float], list[float]]:
    """Each position's previous and next value, 0.0 past the ends."""
    return [0.0, *values[:-1]], [*values[1:], 0.0]


def _overlap(s: Signals, lead_words: set[str]) -> float:
    """Share of a short line's words found in the first paragraphs: a headline repeats the
    words of its lead; menu items and other headlines mostly do not."""
    if s.words > _TITLE_MAX_WORDS or not lead_words:
        return 0.0
    words = s.key.split()
    return sum(map(lead_words.__contains__, words)) / len(words) if words else 0.0


def _alt_before_caption(block: Block, s: Signals, next_s: Signals | None) -> bool:
    """An image's alt text: a short line glued to the caption under it."""
    return (
        next_s is not None
        and not block.gap_after
        and next_s.caption_credit
        and not s.caption_credit
        and s.words <= 30
        and not s.ends_sentence
    )


def _clusters(long: Sequence[bool]) -> list[tuple[float, float, float, float, float]]:
    """Where each block stands against the runs of long paragraphs ("clusters": long
    paragraphs at most _CLUSTER_GAP blocks apart). The article is usually the first large
    cluster; later clusters are teasers or other articles' text.

    Per block: in the first cluster, in the largest, the size of its cluster over the largest,
    the cluster's rank (0 for the first, 1 for every later one), and outside every cluster.
    """
    n = len(long)
    spans: list[list[int]] = []
    for i, x in enumerate(long):
        if not x:
            continue
        if spans and i - spans[-1][1] <= _CLUSTER_GAP:
            spans[-1][1] = i
            spans[-1][2] += 1
        else:
            spans.append([i, i, 1])
    out = [(0.0, 0.0, 0.0, 0.0, 1.0)] * n
    if not spans:
        return out
    largest = max(range(len(spans)), key=lambda k: spans[k][2])
    top = spans[largest][2]
    for k, (lo, hi, size) in enumerate(spans):
        row = (float(k == 0), float(k == largest), size / top, float(k > 0), 0.0)
        for i in range(lo, hi + 1):
            out[i] = row
    return out


def _teasers(signals: Sequence[Signals], prefix: int) -> list[bool]:
    """Lines cut off with '...' whose opening starts a longer line elsewhere in the page."""
    starts: dict[str, int] = {}
    for s in signals:
        if s.words >= 8 and not s.ends_ellipsis:
            k = s.key[:prefix]
            starts[k] = max(starts.get(k, 0), len(s.key))
    out = []
    for s in signals:
        k = s.key[:prefix]
        out.append(s.ends_ellipsis and s.words >= 8 and starts.get(k, 0) > len(s.key))
    return out
