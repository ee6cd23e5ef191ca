"""Labelling a page end to end: score, decode, and decode again around a missed sapo."""

from __future__ import annotations

from collections.abc import Sequence

from .assemble import missed_lead
from .blocks import Block
from .classify import PageAnalysis, decode_page, score_page
from .config import CleanConfig
from .html_blocks import DomInfo
from .labels import Label
from .model import Model


def label_page(
    blocks: Sequence[Block],
    config: CleanConfig,
    model: Model,
    dom: Sequence[DomInfo] | None = None,
) -> PageAnalysis:
    """Every block's label. When the sapo under the headline was read as chrome, the page is
    decoded once more with the sapo fixed as body, so that the blocks between it and the rest
    of the article are fitted around it (captions, subheadings, inline links)."""
    scores = score_page(blocks, config, model, dom)
    page = decode_page(scores, config, model)
    lead = missed_lead(page)
    if lead is None:
        return page
    return decode_page(scores, config, model, {lead: (Label.BODY, "lead_after_title")})
