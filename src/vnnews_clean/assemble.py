"""Building the Article from a labelled page: choose the metadata, gather the text."""

from __future__ import annotations

import datetime as dt

from . import patterns
from .article import Article, LabelledBlock
from .classify import PageAnalysis
from .dates import parse_date
from .features import is_long
from .labels import Label
from .metadata import authors_of, source_of
from .photo_captions import photo_captions

_TEXT_LABELS = (Label.BODY, Label.HEADING)
# How far from the title a date stamp may stand and still be the article's own date.
_DATE_WINDOW = 12
# How many blocks under the headline the sapo may stand (date, author, share bar, a repeated
# headline between); 4 missed a sapo under a five-block bar, 6 adds no false lead on the corpus.
_LEAD_WINDOW = 6
# How many blocks after the body a closing byline may stand (links and a photo between).
_BYLINE_WINDOW = 4
# Headlines of the corpus and seeds have 1 to 35 words.
_TITLE_MAX_WORDS = 40
# Headlines may end in "?", "!" or a quote, not in a full stop or a colon.
_NOT_A_HEADLINE_END = frozenset(".:;")


def assemble(page: PageAnalysis, warnings: tuple[str, ...] = ()) -> Article:
    """The article of an analysed page; relabels the blocks the metadata choice rules out."""
    labels = list(page.labels)
    reasons = list(page.reasons)
    front = _front_matter(page)
    title, title_at = _title(page, labels, reasons, front)
    published = _published(page, labels, reasons, title_at, front)
    if title_at < len(labels) and labels[title_at] is Label.TITLE:
        photo_captions(page.signals, title_at, labels, reasons)
    _trailing_headings(page, labels, reasons)
    _closing_byline(page, labels, reasons)
    authors: dict[str, None] = {}  # ordered and deduplicated in linear time
    source = None
    for i, label in enumerate(labels):
        s = page.signals[i]
        if label is Label.AUTHOR:
            for name in authors_of(page.blocks[i].text, s, reasons[i]):
                authors.setdefault(name)
            if reasons[i] == "byline_with_source" and source is None:
                source = source_of(s)
        elif label is Label.SOURCE and source is None:
            source = source_of(s)
    blocks = tuple(
        LabelledBlock(
            b.index, b.text, b.line, b.end_line, labels[b.index], reasons[b.index], b.path
        )
        for b in page.blocks
    )
    return Article(
        title=title,
        published=published,
        authors=tuple(authors),
        source=source,
        url=_url(page),
        paragraphs=tuple(b.text for b in blocks if b.label in _TEXT_LABELS),
        captions=tuple(b.text for b in blocks if b.label is Label.CAPTION),
        blocks=blocks,
        warnings=warnings,
    )


def _front_matter(page: PageAnalysis) -> dict[str, str]:
    fields: dict[str, str] = {}
    for b, reason in zip(page.blocks, page.reasons, strict=True):
        if reason != "front_matter":
            break
        m = patterns.FRONT_MATTER_FIELD.match(b.text)
        if m:
            fields[m.group(1).lower()] = m.group(2).strip()
    return fields


def _title(
    page: PageAnalysis, labels: list[Label], reasons: list[str], front: dict[str, str]
) -> tuple[str | None, int]:
    """The headline: the front matter's title, else the most title-like block among those the
    decoder called a title and the lines before the body that no rule claimed."""
    first_body = next((i for i, lb in enumerate(labels) if lb in _TEXT_LABELS), len(labels))
    if first_body < len(labels) and labels[first_body] is Label.HEADING:
        # An article does not open with a subheading: that line is its headline.
        labels[first_body], reasons[first_body] = Label.TITLE, "opening_heading_is_title"
    decoded = [i for i, label in enumerate(labels) if label is Label.TITLE]
    before = [
        i
        for i in range(first_body)
        if page.signals[i].words <= _TITLE_MAX_WORDS
        and reasons[i].startswith("model_")
        and page.signals[i].terminal not in _NOT_A_HEADLINE_END
    ]
    chosen = max(set(decoded) | set(before), key=lambda i: (page.title_scores[i], -i), default=-1)
    for i in decoded:
        if i == chosen:
            continue
        if page.signals[i].key == page.signals[chosen].key:
            labels[i], reasons[i] = Label.DUPLICATE, "repeated_title"
        else:
            labels[i], reasons[i] = Label.NAVIGATION, "weaker_title_candidate"
    if chosen >= 0 and labels[chosen] is not Label.TITLE:
        labels[chosen], reasons[chosen] = Label.TITLE, "best_title_before_body"
    if "title" in front:
        value = front["title"].strip().strip("\"'").strip()
        value = patterns.BRACKET_TAG.sub("", value).strip()
        return (value or None), max(chosen, 0)
    if chosen < 0:
        return None, first_body
    return page.blocks[chosen].text, chosen


def _published(
    page: PageAnalysis,
    labels: list[Label],
    reasons: list[str],
    title_at: int,
    front: dict[str, str],
) -> dt.datetime | None:
    """The first publication date: the front matter's, else the date stamp nearest the title
    (an "updated" stamp only when no other is near). Other stamps are other items' dates."""
    if "date" in front:
        found = parse_date(front["date"])
        if found:
            return found
    near = [
        i
        for i, s in enumerate(page.signals)
        if s.date_line
        and abs(i - title_at) <= _DATE_WINDOW
        and labels[i] in (Label.DATE, Label.NAVIGATION, Label.RELATED, Label.WIDGET)
    ]
    if not near:
        # Some pages stamp the date under the article, after the byline.
        last_body = max((i for i, lb in enumerate(labels) if lb in _TEXT_LABELS), default=-1)
        near = (
            [
                i
                for i in range(last_body + 1, min(len(labels), last_body + 1 + _BYLINE_WINDOW))
                if page.signals[i].date_line
            ]
            if last_body >= 0
            else []
        )
    plain = [i for i in near if not page.signals[i].updated_line]
    pool = plain or near
    if not pool:
        for i, label in enumerate(labels):
            if label is Label.DATE:
                labels[i], reasons[i] = Label.RELATED, "other_item_date"
        return None
    best = min(pool, key=lambda i: (abs(i - title_at), i))
    for i, label in enumerate(labels):
        if i == best:
            labels[i], reasons[i] = Label.DATE, "date_line"
        elif label is Label.DATE:
            labels[i], reasons[i] = Label.RELATED, "other_item_date"
    return parse_date(page.blocks[best].text)


def missed_lead(page: PageAnalysis) -> int | None:
    """The sapo the decoder missed: a long paragraph just under the headline, before the body
    it found (pages glue the sapo to links, which the model reads as chrome). The caller
    decodes the page again with that block fixed as body."""
    labels, reasons = list(page.labels), list(page.reasons)
    _, title_at = _title(page, labels, reasons, _front_matter(page))
    if not 0 <= title_at < len(labels) or labels[title_at] is not Label.TITLE:
        return None
    first_body = next((i for i, lb in enumerate(labels) if lb in _TEXT_LABELS), len(labels))
    for i in range(title_at + 1, min(first_body, title_at + 1 + _LEAD_WINDOW)):
        if is_long(page.signals[i]) and reasons[i].startswith("model_"):
            return i
    return None


def _trailing_headings(page: PageAnalysis, labels: list[Label], reasons: list[str]) -> None:
    """Short lines that end the body without ending a sentence are not subheadings (nothing
    follows them) but links or labels under the article."""
    for i in range(len(labels) - 1, -1, -1):
        if labels[i] is Label.BODY:
            return
        if labels[i] is Label.HEADING:
            labels[i], reasons[i] = Label.RELATED, "heading_after_body"


def _closing_byline(page: PageAnalysis, labels: list[Label], reasons: list[str]) -> None:
    """A name alone on a line just after the body is the author, when no byline was found:
    the model cannot tell such a name from a tag or menu item on its own."""
    if any(lb is Label.AUTHOR for lb in labels):
        return
    last_body = max((i for i, lb in enumerate(labels) if lb in _TEXT_LABELS), default=-1)
    if last_body < 0:
        return
    for i in range(last_body + 1, min(len(labels), last_body + 1 + _BYLINE_WINDOW)):
        s = page.signals[i]
        if s.related_header:
            return
        if (
            s.person
            and not s.navigation_line
            and labels[i].is_chrome
            and (reasons[i].startswith("model_") or reasons[i] == "menu_item")
        ):
            labels[i], reasons[i] = Label.AUTHOR, "byline_after_body"
            return


def _url(page: PageAnalysis) -> str | None:
    """The article's own URL: the markdown link that opens a front-matter post."""
    seen_front = False
    for b, reason in zip(page.blocks, page.reasons, strict=True):
        if reason == "front_matter":
            seen_front = True
            continue
        if seen_front:
            m = patterns.MD_LINK.match(b.text)
            return m.group(2) if m and m.group(2).startswith("http") else None
    return None
