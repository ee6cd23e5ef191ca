"""Problems noticed in the input, reported as reason codes in Article.warnings."""

from __future__ import annotations

from .classify import PageAnalysis
from .config import CleanConfig
from .encoding import MOJIBAKE


def text_warnings(page: PageAnalysis, config: CleanConfig) -> tuple[str, ...]:
    """Reason codes for what looks wrong in the page as a whole."""
    out = []
    hits = 0
    for block in page.blocks:
        if MOJIBAKE.search(block.text[:2000]):
            hits += 1
            if hits >= config.mojibake_min_hits:
                out.append("mojibake_legacy_encoding")
                break
    if page.blocks and not any(lb.value in ("body", "heading") for lb in page.labels):
        out.append("no_article_found")
    return tuple(out)
