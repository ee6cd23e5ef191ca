"""The result: an article, and every input block with its label and the reason for it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .labels import Label

SCHEMA_VERSION = 1


@dataclasses.dataclass(frozen=True, slots=True)
class LabelledBlock:
    """One input block as decided: where it was, what it is, and why."""

    index: int
    text: str
    line: int
    end_line: int
    label: Label
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "text": self.text,
            "line": self.line,
            "end_line": self.end_line,
            "label": self.label.value,
            "reason": self.reason,
        }


@dataclasses.dataclass(frozen=True, slots=True)
class Article:
    """The article found in a page.

    ``paragraphs`` holds the lead, body paragraphs and in-article subheadings in page order;
    ``lead`` is its first item. ``published`` is in the page's own local time (+07:00 when the
    page names no zone). ``blocks`` has every input block, so nothing is dropped silently.
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
            "authors": list(self.authors),
            "source": self.source,
            "url": self.url,
            "lead": self.lead,
            "paragraphs": list(self.paragraphs),
            "captions": list(self.captions),
            "text": self.text,
            "warnings": list(self.warnings),
            "blocks": [b.to_dict() for b in self.blocks],
        }
