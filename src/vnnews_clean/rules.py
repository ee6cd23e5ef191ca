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
# Captions with a credit are a sentence or two; a longer block ending in "Ảnh: X" is body text.
_MAX_CAPTION_WORDS = 80

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


def _glued_link(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    return (Label.RELATED, "inline_related_link") if f[ix["glued_link"]] else None


def _alt_text(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    if f[ix["alt_before_caption"]] or s.numbered_alt:
        return (Label.DUPLICATE, "image_alt_text")
    return None


def _caption_credit(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    if s.caption_credit and s.byline is None and s.words <= _MAX_CAPTION_WORDS:
        return (Label.CAPTION, "caption_credit")
    return None


def _described_photo(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    """A short sentence alone between two paragraphs that says what a photo shows."""
    return (Label.CAPTION, "caption_photo_description") if f[ix["cue_between_long"]] else None


def _byline(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    """An explicit byline: "Tin, ảnh: X", "Bài và ảnh: X", "X (Theo Y)"."""
    if s.byline is None:
        return None
    return (Label.AUTHOR, "byline_with_source" if s.theo else "byline_prefix")


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


def _wordless(s: Signals, f: Sequence[float], ix: dict[str, int]) -> RuleHit | None:
    return (Label.MARKUP, "no_words") if s.wordless and not s.date_line else None


# Order matters: the first rule that fires decides.
RULES: tuple[tuple[str, Rule], ...] = (
    ("front_matter", _front_matter),
    ("markdown", _markdown),
    ("bare_url", _bare_url),
    ("related_header", _related_header),
    ("teaser", _teaser),
    ("repeat", _repeat),
    ("doubled", _doubled),
    ("glued_link", _glued_link),
    ("alt_text", _alt_text),
    ("slug", _slug),
    ("media_rail", _media_rail),
    ("byline", _byline),
    ("caption_credit", _caption_credit),
    ("described_photo", _described_photo),
    ("breadcrumb", _breadcrumb),
    ("widget", _widget),
    ("promo", _promo),
    ("footer", _footer),
    ("wordless", _wordless),
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
