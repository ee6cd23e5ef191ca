"""The label taxonomy: what each block of a page is."""

from __future__ import annotations

import enum


class Label(enum.Enum):
    """What a block is. The first seven are the article; the rest are kinds of chrome."""

    TITLE = "title"
    BODY = "body"
    HEADING = "heading"
    CAPTION = "caption"
    AUTHOR = "author"
    DATE = "date"
    SOURCE = "source"
    NAVIGATION = "navigation"
    RELATED = "related"
    WIDGET = "widget"
    PROMO = "promo"
    FOOTER = "footer"
    MARKUP = "markup"
    DUPLICATE = "duplicate"
    BOILERPLATE = "boilerplate"  # chrome of no finer kind: what a fallback extractor left out

    @property
    def is_chrome(self) -> bool:
        return self in CHROME

    @property
    def coarse(self) -> str:
        """The class the trained model predicts for this label."""
        return COARSE[self]


CHROME = frozenset(
    {
        Label.NAVIGATION,
        Label.RELATED,
        Label.WIDGET,
        Label.PROMO,
        Label.FOOTER,
        Label.MARKUP,
        Label.DUPLICATE,
        Label.BOILERPLATE,
    }
)

# The model learns five coarse classes; the finer chrome kinds come from the rules.
COARSE_CLASSES = ("title", "body", "caption", "meta", "chrome")

COARSE = {
    Label.TITLE: "title",
    Label.BODY: "body",
    Label.HEADING: "body",
    Label.CAPTION: "caption",
    Label.AUTHOR: "meta",
    Label.DATE: "meta",
    Label.SOURCE: "meta",
    **{label: "chrome" for label in CHROME},
}
