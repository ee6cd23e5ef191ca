"""Features only the DOM can give, appended to the text features of every HTML block.

The HTML model reads ``FEATURE_NAMES + HTML_FEATURE_NAMES``, in that order.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Sequence

from .dom_tokens import BIT, CONCEPTS
from .features import is_long
from .html_blocks import DomInfo
from .signals import Signals

# The article's container is the innermost block element holding at least this share of the
# page's long paragraphs (0.5-0.8 pick the same container on every corpus page; 0.6 is the
# middle).
_MAIN_SHARE = 0.6
# Captions outside caption elements are a sentence: 95% of the corpus's have at most 30 words.
_CAPTION_WORDS = 30

HTML_FEATURE_NAMES: tuple[str, ...] = (
    "tag_p",
    "tag_h1",
    "tag_h2_h3",
    "tag_h4_h6",
    "tag_li",
    "tag_cell",
    "tag_div",
    "tag_other",
    *(f"in_{name}" for name in CONCEPTS),
    "link_share",
    "all_link",
    "in_list",
    "in_figure",
    "in_figcaption",
    "in_table",
    "in_article_tag",
    "image_before_short",
    "image_after_short",
    "in_main_container",
    "container_long_share",
    "log_depth",
    "dom_present",
)


@functools.lru_cache(maxsize=1024)
def _element_row(tag: str, heading: int, bits: int) -> tuple[float, ...]:
    """The tag flags, then one flag per container concept; pages repeat a few dozen kinds of
    element."""
    heading = heading if tag in ("h1", "h2", "h3", "h4", "h5", "h6") else 0
    return (
        float(tag == "p"),
        float(heading == 1),
        float(heading in (2, 3)),
        float(heading >= 4),
        float(tag in ("li", "dd", "dt")),
        float(tag in ("td", "th")),
        float(tag == "div"),
        float(tag not in ("p", "li", "dd", "dt", "td", "th", "div") and not heading),
        *(float(bool(bits & BIT[name])) for name in CONCEPTS),
    )


def main_container(dom: Sequence[DomInfo], signals: Sequence[Signals]) -> int | None:
    """The serial of the innermost block element holding most of the long paragraphs."""
    counts: Counter[int] = Counter()
    depth: dict[int, int] = {}
    total = 0
    for d, s in zip(dom, signals, strict=True):
        if is_long(s):
            total += 1
            for level, serial in enumerate(d.chain[:-1]):
                counts[serial] += 1
                depth[serial] = level
    if not total:
        return None
    held = [serial for serial, n in counts.items() if n >= _MAIN_SHARE * total]
    return max(held, key=lambda serial: depth[serial]) if held else None


def dom_rows(dom: Sequence[DomInfo], signals: Sequence[Signals]) -> list[list[float]]:
    """One row of HTML features per block, in HTML_FEATURE_NAMES order."""
    main = main_container(dom, signals)
    parent_long: Counter[int] = Counter()
    total_long = 0
    for d, s in zip(dom, signals, strict=True):
        if is_long(s) and len(d.chain) >= 2:
            parent_long[d.chain[-2]] += 1
            total_long += 1
    rows = []
    for d, s in zip(dom, signals, strict=True):
        chain = d.chain
        parent = chain[-2] if len(chain) >= 2 else -1
        # An image next to a short line makes it a caption; next to a long paragraph it says
        # little (photo pages set paragraphs between images; long captions sit in caption
        # elements, which have their own features).
        short = s.words <= _CAPTION_WORDS
        rows.append(
            [
                *_element_row(d.tag, d.heading, d.bits),
                d.link_share,
                float(d.link_share >= 0.9),
                float(d.in_list),
                float(d.in_figure),
                float(d.in_figcaption),
                float(d.in_table),
                float(d.in_article),
                float(d.image_before and short),
                float(d.image_after and short),
                float(main is not None and main in chain),
                parent_long[parent] / total_long if total_long else 0.0,
                math.log1p(d.depth),
                1.0,
            ]
        )
    return rows
