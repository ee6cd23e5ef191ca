"""Building the Article from a labelled page: choose the metadata, gather the text."""

from __future__ import annotations

import datetime as dt

from . import patterns
from .article import Article, LabelledBlock
from .classify import PageAnalysis
from .dates import parse_date
from .labels import Label
from .metadata import authors_of, source_of

_TEXT_LABELS = (Label.BODY, Label.HEADING)
# How far from the title a date stamp may stand and still be the article's own date.
_DATE_WINDOW = 12


def assemble(page: PageAnalysis, warnings: tuple[str, ...] = ()) -> Article:
    """The article of an analysed page; relabels the blocks the metadata choice rules out."""
    labels = list(page.labels)
    reasons = list(page.reasons)
    front = _front_matter(page)
    title, title_at = _title(page, labels, reasons, front)
    published = _published(page, labels, reasons, title_at, front)
    authors: list[str] = []
    source = None
    for i, label in enumerate(labels):
        s = page.signals[i]
        if label is Label.AUTHOR:
            for name in authors_of(page.blocks[i].text, s, reasons[i]):
                if name not in authors:
                    authors.append(name)
        elif label is Label.SOURCE and source is None:
            source = source_of(s)
    blocks = tuple(
        LabelledBlock(b.index, b.text, b.line, b.end_line, labels[b.index], reasons[b.index])
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
    """The headline: the front matter's title, else the first block decoded as title, else
    the most title-like block before the body. Later title blocks become duplicates."""
    chosen = -1
    for i, label in enumerate(labels):
        if label is Label.TITLE:
            if chosen < 0:
                chosen = i
            else:
                labels[i], reasons[i] = Label.DUPLICATE, "repeated_title"
    if "title" in front:
        value = front["title"].strip().strip("\"'").strip()
        value = patterns.BRACKET_TAG.sub("", value).strip()
        return (value or None), (chosen if chosen >= 0 else 0)
    if chosen >= 0:
        return page.blocks[chosen].text, chosen
    first_body = next((i for i, lb in enumerate(labels) if lb in _TEXT_LABELS), len(labels))
    candidates = [
        i for i in range(first_body)
        if 3 <= page.signals[i].words <= 40 and not labels[i].is_chrome
    ]
    if not candidates:
        return None, first_body
    best = max(candidates, key=lambda i: page.title_scores[i])
    labels[best], reasons[best] = Label.TITLE, "best_title_before_body"
    return page.blocks[best].text, best


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
        i for i, s in enumerate(page.signals)
        if s.date_line and abs(i - title_at) <= _DATE_WINDOW
        and labels[i] in (Label.DATE, Label.NAVIGATION, Label.RELATED, Label.WIDGET)
    ]
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
