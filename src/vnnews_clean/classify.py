"""Labelling a page's blocks: signals and features, rules, model, decoder, fine labels."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
from collections.abc import Mapping, Sequence

from .blocks import Block
from .config import CleanConfig
from .decode import STATES, best_path
from .features import FEATURE_NAMES, page_features
from .html_blocks import DomInfo
from .html_features import HTML_FEATURE_NAMES, dom_rows
from .html_rules import apply_dom_rules
from .labels import Label
from .metadata import attribution_label
from .model import Model
from .rules import apply_rules, front_matter_mask
from .signals import Signals, read_signals

_HEADING_WORDS = 20
_MIN_CAPTION_WORDS = 3
_SENTENCE_END = frozenset(".!?…:;")
FEATURE_INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}
_IN_MAIN = len(FEATURE_NAMES) + HTML_FEATURE_NAMES.index("in_main_container")
# A photo after a related header is still the article's when it sits in the article's
# container and within this many blocks of its last paragraph (the corpus's such photos are 1-3
# blocks under it); farther down it is another item's, whatever its container: a page with few
# paragraphs has a wide "main container".
_CAPTION_TAIL = 10
# A line written twice right under a related header ("Đọc nhiều nhất") is a teaser's image
# title and link, not a photo's alt text and caption (the feature is log1p of the distance).
_NEAR_HEADER = math.log1p(3)


@dataclasses.dataclass(frozen=True, slots=True)
class PageAnalysis:
    """Everything the assembler needs: the blocks, their signals and their decisions."""

    blocks: tuple[Block, ...]
    signals: tuple[Signals, ...]
    states: tuple[str, ...]
    labels: tuple[Label, ...]
    reasons: tuple[str, ...]
    title_scores: tuple[float, ...]


@functools.lru_cache(maxsize=8)
def _scaled_transitions(model: Model, weight: float) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(weight * v for v in row) for row in model.log_transition)


@dataclasses.dataclass(frozen=True, slots=True)
class PageScores:
    """What the decoder works from: each block's signals, features, rule hit and posteriors."""

    blocks: tuple[Block, ...]
    signals: tuple[Signals, ...]
    rows: tuple[tuple[float, ...], ...]
    hits: tuple[tuple[Label, str] | None, ...]
    posteriors: tuple[tuple[float, ...], ...]
    in_main: tuple[bool, ...] = ()  # HTML: inside the container of the long paragraphs


def score_page(
    blocks: Sequence[Block],
    config: CleanConfig,
    model: Model,
    dom: Sequence[DomInfo] | None = None,
) -> PageScores:
    """Signals, features, rules and model scores of every block. HTML pages pass ``dom``:
    its features are appended to the text features and its rules revise the text rules."""
    signals = [read_signals(b.text, config) for b in blocks]
    rows = page_features(blocks, signals, front_matter_mask(blocks), config)
    hits = apply_rules(signals, rows, FEATURE_INDEX)
    in_main: tuple[bool, ...] = ()
    if dom is not None:
        rows = [row + more for row, more in zip(rows, dom_rows(dom, signals), strict=True)]
        hits = apply_dom_rules(hits, dom, signals)
        in_main = tuple(bool(r[_IN_MAIN]) for r in rows)
    return PageScores(
        blocks=tuple(blocks),
        signals=tuple(signals),
        rows=tuple(tuple(r) for r in rows),
        hits=tuple(hits),
        posteriors=model.page_posteriors(rows),
        in_main=in_main,
    )


def decode_page(
    scores: PageScores,
    config: CleanConfig,
    model: Model,
    forced: Mapping[int, tuple[Label, str]] | None = None,
) -> PageAnalysis:
    """Decode a scored page; ``forced`` fixes the label of some blocks, as a rule would."""
    hits: list[tuple[Label, str] | None] = list(scores.hits)
    for i, fixed in (forced or {}).items():
        hits[i] = fixed
    signals, rows, posts = scores.signals, scores.rows, scores.posteriors
    title_at = model.classes.index("title")
    path = best_path(
        posts,
        model.log_prior,
        model.classes,
        [h[0].coarse if h else None for h in hits],
        config.prior_weight,
        model.log_start,
        _scaled_transitions(model, config.transition_weight),
    )
    states = [STATES[i] for i in path]
    last_body = max((i for i, state in enumerate(states) if state == "in_body"), default=-1)
    labels, reasons = [], []
    after_header = FEATURE_INDEX["after_related_header"]
    same_as_next = FEATURE_INDEX["same_as_next"]
    since_header = FEATURE_INDEX["log_since_related_header"]
    # How many captions the rules found directly under the last paragraph.
    under_body = sum(
        1
        for _ in itertools.takewhile(
            lambda h: h is not None and h[0] is Label.CAPTION, hits[last_body + 1 :]
        )
    )
    for i, (s, state, hit) in enumerate(zip(signals, states, hits, strict=True)):
        label, reason = hit if hit is not None else _fine_label(s, state, rows[i])
        if (
            label is Label.CAPTION
            and state == "post_caption"
            and rows[i][after_header]
            and not (scores.in_main and scores.in_main[i] and i - last_body <= _CAPTION_TAIL)
            and not i - last_body <= min(under_body, _CAPTION_TAIL)
        ):
            # A photo in a related section after the article belongs to another item (the
            # DOM can say it is still inside the article's container, and photos directly
            # under the last paragraph, with nothing but captions between, are its own).
            label, reason = Label.RELATED, "related_item_caption"
        elif (
            hit is None
            and state.startswith("in_")
            and rows[i][same_as_next]
            and not 0 < rows[i][since_header] <= _NEAR_HEADER
            and s.words >= _MIN_CAPTION_WORDS
        ):
            # Inside the article, a line written twice in a row is a photo's alt text and
            # caption: the first copy is the caption, the repeat a duplicate.
            label, reason = Label.CAPTION, "caption_written_twice"
        labels.append(label)
        reasons.append(reason)
    return PageAnalysis(
        blocks=scores.blocks,
        signals=signals,
        states=tuple(states),
        labels=tuple(labels),
        reasons=tuple(reasons),
        title_scores=tuple(p[title_at] for p in posts),
    )


def _fine_label(s: Signals, state: str, row: Sequence[float]) -> tuple[Label, str]:
    """The label and reason of a block the rules left to the model."""
    phase, cls = state.split("_", 1)
    if cls == "title":
        return Label.TITLE, "model_title"
    if cls == "body":
        if is_heading(s):
            return Label.HEADING, "model_subheading"
        return Label.BODY, "model_body"
    if cls == "caption":
        return Label.CAPTION, "caption_credit" if s.caption_credit else "model_caption"
    if cls == "meta":
        return attribution_label(s)
    return _chrome_kind(s, phase, row)


def is_heading(s: Signals) -> bool:
    """A subheading: a short line that does not end a sentence (a closing quote may end it)."""
    return s.words <= _HEADING_WORDS and s.terminal not in _SENTENCE_END


def _chrome_kind(s: Signals, phase: str, row: Sequence[float]) -> tuple[Label, str]:
    if s.footer:
        return Label.FOOTER, "footer_phrase"
    if s.date_line:
        return Label.RELATED, "other_item_date"
    if phase == "pre":
        if s.navigation_line or s.navigation_share >= 0.5:
            return Label.NAVIGATION, "menu_item"
        return Label.NAVIGATION, "model_header_region"
    if phase == "in":
        return Label.RELATED, "model_inline_link"
    if row[FEATURE_INDEX["after_related_header"]]:
        return Label.RELATED, "model_related_section"
    if s.navigation_line:
        return Label.NAVIGATION, "menu_item"
    return Label.FOOTER, "model_trailer"
