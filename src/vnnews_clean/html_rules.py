"""Named rules that only the DOM can ground, applied after the text rules in HTML mode."""

from __future__ import annotations

from collections.abc import Sequence

from .dom_tokens import BIT, SITE_RELATED
from .html_blocks import DomInfo
from .labels import Label
from .rules import RuleHit
from .signals import Signals

# Captions are a sentence or two; a longer block in a caption slot is a photo story's text.
_MAX_CAPTION_WORDS = 80
# Text rules that read a short line under a paragraph as a link; the DOM can say it is none.
_LINK_GUESSES = frozenset({"inline_related_link"})
# Text rules a figure caption element overrides: guesses from the line's shape alone.
_CAPTION_OVERRIDES = _LINK_GUESSES | {"caption_photo_description"}


def _caption_element(d: DomInfo, s: Signals) -> bool:
    return (
        (d.in_figcaption or bool(d.bits & BIT["caption"]))
        and d.link_share < 0.5
        and not d.bits & BIT["related"]
        and 0 < s.words <= _MAX_CAPTION_WORDS
    )


def apply_dom_rules(
    hits: Sequence[RuleHit | None], dom: Sequence[DomInfo], signals: Sequence[Signals]
) -> list[RuleHit | None]:
    """The text rules' hits, revised where the DOM says more.

    ``site_related_container``: a block inside a box the user's overlay names as one of its
    portal's related boxes (``hints.related``) is related, whatever the text says: the user
    knows the portal. ``dom_figure_caption``: a figcaption or caption element outside related
    boxes is a caption. A line the text rules took for an inline link but which holds no link
    and stands under an image is left to the model (the text under a photo).
    """
    out: list[RuleHit | None] = []
    for hit, d, s in zip(hits, dom, signals, strict=True):
        if d.bits & SITE_RELATED:
            hit = (Label.RELATED, "site_related_container")
        elif _caption_element(d, s) and (hit is None or hit[1] in _CAPTION_OVERRIDES):
            hit = (Label.CAPTION, "dom_figure_caption")
        elif hit is not None and hit[1] in _LINK_GUESSES and d.link_share == 0:
            hit = None
        out.append(hit)
    return out
