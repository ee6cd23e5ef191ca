"""Named rules: decisions so clear that the model is not asked. Each returns a reason code.

A rule fires on one block's signals and features alone; the decoder then keeps that label
fixed and fits the rest of the page around it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .blocks import Block
from .labels import Label
from .signals import Signals

# A repeated line this short may be a menu item repeated as a subheading: left to the model.
_MIN_REPEAT_WORDS = 4
_MAX_FOOTER_WORDS = 14

RuleHit = tuple[Label, str]
Rule = Callable[[Signals, Sequence[float], dict[str, int]], RuleHit | None]


def _front_matter(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    return (Label.MARKUP, "front_matter") if f[ix["front_matter"]] else None


def _markdown(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    return (Label.MARKUP, "markdown_link") if s.markdown else None


def _bare_url(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    return (Label.MARKUP, "bare_url") if s.url else None


def _related_header(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    return (Label.RELATED, "related_section_header") if s.related_header else None


def _slug(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    return (Label.RELATED, "unaccented_slug") if s.slug else None


def _media_rail(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    return (Label.RELATED, "media_rail_item") if s.media_tag and s.words <= 30 else None


def _doubled(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    return (Label.RELATED, "doubled_link_text") if s.doubled else None


def _teaser(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    return (Label.DUPLICATE, "cut_off_teaser") if f[ix["teaser_of_later"]] else None


def _repeat(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    if f[ix["repeat_earlier"]] and s.words >= _MIN_REPEAT_WORDS:
        return (Label.DUPLICATE, "repeated_line")
    return None


def _breadcrumb(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    return (Label.NAVIGATION, "breadcrumb") if s.breadcrumb else None


def _widget(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    if s.widget:
        return (Label.WIDGET, "widget_string")
    if s.counter:
        return (Label.WIDGET, "visitor_counter")
    if s.social:
        return (Label.WIDGET, "social_tokens")
    return None


def _promo(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    if s.slogan:
        return (Label.PROMO, "slogan_banner")
    return (Label.PROMO, "promo_string") if s.promo else None


def _footer(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    if s.nguon == "":
        return (Label.FOOTER, "empty_source_label")
    if s.footer and s.words <= _MAX_FOOTER_WORDS and not s.ends_sentence:
        return (Label.FOOTER, "footer_phrase")
    return None


# Order matters: the first rule that fires decides.
RULES: tuple[tuple[str, Rule], ...] = (
    ("front_matter", _front_matter),
    ("markdown", _markdown),
    ("bare_url", _bare_url),
    ("related_header", _related_header),
    ("teaser", _teaser),
    ("repeat", _repeat),
    ("doubled", _doubled),
    ("slug", _slug),
    ("media_rail", _media_rail),
    ("breadcrumb", _breadcrumb),
    ("widget", _widget),
    ("promo", _promo),
    ("footer", _footer),
)


def apply_rules(
    signals: Sequence[Signals], rows: Sequence[Sequence[float]], index: dict[str, int]
) -> list[RuleHit | None]:
    """The first firing rule's (label, reason) for every block, or None where none fires."""
    hits: list[RuleHit | None] = []
    for s, row in zip(signals, rows, strict=True):
        hit = None
        for _, rule in RULES:
            hit = rule(s, row, index)
            if hit:
                break
        hits.append(hit)
    return hits


def front_matter_mask(blocks: Sequence[Block]) -> list[bool]:
    """Blocks inside a Jekyll front matter: a '---' first line closed by '---' soon after."""
    mask = [False] * len(blocks)
    if not blocks or blocks[0].text != "---":
        return mask
    for j in range(1, min(len(blocks), 60)):
        if blocks[j].text == "---":
            for k in range(j + 1):
                mask[k] = True
            break
    return mask
