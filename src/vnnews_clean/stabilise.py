"""Making the result a fixed point: cleaning the article's own text keeps all of it.

Pipelines clean text more than once. A paragraph whose place in the page made it body (a
short line between a paragraph and a duplicate, a caption-like sentence) may not read as body
on its own; such a paragraph is relabelled here with what the re-cleaning calls it, under
the reason ``unstable_on_reclean``, so that ``clean_text(article.text)`` loses nothing.
"""

from __future__ import annotations

import dataclasses

from .article import Article
from .assemble import assemble
from .blocks import segment_text
from .config import CleanConfig
from .labels import Label
from .model import Model
from .page import label_page

_TEXT = (Label.BODY, Label.HEADING)


def stabilise(article: Article, config: CleanConfig, model: Model) -> Article:
    """The article with every paragraph that re-cleaning would drop relabelled."""
    for _ in range(config.stabilise_passes):
        if not article.paragraphs:
            return article
        again = assemble(label_page(segment_text(article.text, config), config, model))
        kept = set(again.paragraphs) | {again.title}
        if all(p in kept for p in article.paragraphs):
            return article
        verdict = {b.text: b.label for b in again.blocks}
        blocks = []
        for b in article.blocks:
            if b.label in _TEXT and b.text not in kept:
                label = Label.CAPTION if verdict.get(b.text) is Label.CAPTION else Label.RELATED
                b = dataclasses.replace(b, label=label, reason="unstable_on_reclean")
            blocks.append(b)
        article = dataclasses.replace(
            article,
            blocks=tuple(blocks),
            paragraphs=tuple(b.text for b in blocks if b.label in _TEXT),
            captions=tuple(b.text for b in blocks if b.label is Label.CAPTION),
        )
    return article
