"""The fallback for pages the model cannot read: trafilatura's extraction, block by block.

Used for pages that are not in Vietnamese (the model knows Vietnamese portals only) and pages
where the decoder found no article. The blocks whose text trafilatura keeps become the body,
under the reason ``fallback_trafilatura``; the blocks it leaves out that were body become
``boilerplate``. Every block keeps a label and paragraphs still come from the page's blocks.
"""

from __future__ import annotations

import dataclasses

from .article import Article
from .labels import Label
from .normalize import normalize_line

_TEXT = (Label.BODY, Label.HEADING)
# A block found inside one of trafilatura's lines (it joins inline runs) must be this long to
# count, so that a menu word found in a sentence does not become body.
_MIN_INSIDE_CHARS = 30
# A caption the model found is kept as one when it is a sentence; a longer block trafilatura
# keeps is text (95% of the corpus's captions have at most 30 words).
_MAX_CAPTION_WORDS = 30


def trafilatura_lines(html: str) -> list[str]:
    """The lines trafilatura extracts from a page, normalised; none when it finds nothing."""
    import trafilatura  # imported here: a heavy import most pages never need

    extracted = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    return [line for line in (normalize_line(x) for x in extracted.splitlines()) if line]


def apply_fallback(article: Article, lines: list[str], reason: str) -> Article:
    """The article rebuilt from the blocks trafilatura keeps; ``reason`` goes to warnings."""
    kept = set(lines)
    joined = "\n".join(lines)
    blocks = []
    for b in article.blocks:
        found = b.text in kept or (len(b.text) >= _MIN_INSIDE_CHARS and b.text in joined)
        if found and b.label is Label.CAPTION and len(b.text.split()) <= _MAX_CAPTION_WORDS:
            pass  # trafilatura keeps captions in its text; a short one stays a caption
        elif found and b.label is not Label.TITLE:
            b = dataclasses.replace(b, label=Label.BODY, reason="fallback_trafilatura")
        elif b.label in _TEXT:
            b = dataclasses.replace(b, label=Label.BOILERPLATE, reason="fallback_not_kept")
        blocks.append(b)
    paragraphs = tuple(b.text for b in blocks if b.label is Label.BODY)
    warnings = [*article.warnings, reason]
    if not paragraphs:
        warnings.append("fallback_found_nothing")
    return dataclasses.replace(
        article,
        blocks=tuple(blocks),
        paragraphs=paragraphs,
        captions=tuple(b.text for b in blocks if b.label is Label.CAPTION),
        warnings=tuple(dict.fromkeys(warnings)),
    )
