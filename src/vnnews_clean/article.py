"""The result: an article, and every input block with its label and the reason for it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .labels import Label

SCHEMA_VERSION = 2


@dataclasses.dataclass(frozen=True, slots=True)
class LabelledBlock:
    """One input block as decided: where it was, what it is, and why.

    ``line``/``end_line`` are input line numbers (text) or the element's source line (HTML);
    ``path`` names the HTML element, e.g. ``article.fck_detail>p`` (empty in text mode).
    """

    index: int
    text: str
    line: int
    end_line: int
    label: Label
    reason: str
    path: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "text": self.text,
            "line": self.line,
            "end_line": self.end_line,
            "label": self.label.value,
            "reason": self.reason,
            "path": self.path,
        }


@dataclasses.dataclass(frozen=True, slots=True)
class ImageRef:
    """An image of the article and its caption, if one was found."""

    src: str
    caption: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"src": self.src, "caption": self.caption}


@dataclasses.dataclass(frozen=True, slots=True)
class Article:
    """The article found in a page.

    ``paragraphs`` holds the lead, body paragraphs and in-article subheadings in page order;
    ``lead`` is its first item. ``published`` is in the page's own local time (+07:00 when the
    page names no zone). ``blocks`` has every input block, so nothing is dropped silently.

    ``is_article`` is False for pages that hold no article (listings, error pages, video-only
    pages); ``confidence`` in [0, 1] says how sure the cleaner is that ``paragraphs`` is one
    article's text, and ``warnings`` names the reasons in both cases. ``modified``,
    ``section``, ``tags`` and ``images`` come from HTML markup and stay empty in text mode.
    """

    title: str | None
    published: dt.datetime | None
    authors: tuple[str, ...]
    source: str | None
    url: str | None
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...]
    blocks: tuple[LabelledBlock, ...]
    warnings: tuple[str, ...] = ()
    modified: dt.datetime | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    images: tuple[ImageRef, ...] = ()
    is_article: bool = True
    confidence: float = 1.0

    @property
    def lead(self) -> str | None:
        """The sapo: the first paragraph, or None for an empty article."""
        return self.paragraphs[0] if self.paragraphs else None

    @property
    def text(self) -> str:
        """The paragraphs joined by one blank line."""
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with ISO dates and a ``schema_version``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "modified": self.modified.isoformat() if self.modified else None,
            "authors": list(self.authors),
            "source": self.source,
            "url": self.url,
            "section": self.section,
            "tags": list(self.tags),
            "lead": self.lead,
            "paragraphs": list(self.paragraphs),
            "captions": list(self.captions),
            "images": [i.to_dict() for i in self.images],
            "text": self.text,
            "is_article": self.is_article,
            "confidence": self.confidence,
            "warnings": list(self.warnings),
            "blocks": [b.to_dict() for b in self.blocks],
        }
