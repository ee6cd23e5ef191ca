"""Problems noticed in the input, reported as reason codes in Article.warnings."""

from __future__ import annotations

from .classify import PageAnalysis
from .config import CleanConfig
from .encoding import MOJIBAKE, MOJIBAKE_CHARS


def text_warnings(page: PageAnalysis, config: CleanConfig) -> tuple[str, ...]:
    """Reason codes for what looks wrong in the page as a whole."""
    out = []
    hits = 0
    # Pages repeat lines: each distinct text is searched once (the search costs ~0.2 µs a
    # character, a third of the time on a page of repeated paragraphs).
    found: dict[str, bool] = {}
    for block in page.blocks:
        text = block.text[:2000]
        if text not in found:
            found[text] = bool(MOJIBAKE_CHARS.search(text)) and MOJIBAKE.search(text) is not None
        if found[text]:
            hits += 1
            if hits >= config.mojibake_min_hits:
                out.append("mojibake_legacy_encoding")
                break
    if page.blocks and not any(lb.value in ("body", "heading") for lb in page.labels):
        out.append("no_article_found")
    return tuple(out)
