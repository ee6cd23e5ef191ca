"""Finishing an HTML page's article: markup metadata, images, and whether it is an article.

The labelled blocks decide the text; the page's markup (JSON-LD, meta tags, date elements)
fills in or confirms the metadata, because it states it more reliably than the visible text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import regex

from .article import Article, ImageRef
from .config import CleanConfig
from .errors import CleanError
from .html_blocks import HtmlPage
from .html_meta import PageMeta, relative_date
from .labels import Label
from .normalize import VIETNAMESE_LETTERS

_LETTER = regex.compile(r"\p{L}")
_VIETNAMESE = regex.compile("[" + "".join(sorted(VIETNAMESE_LETTERS)) + "]")
_VIETNAMESE_SET = frozenset(VIETNAMESE_LETTERS)
# Texts of up to this many distinct characters are counted character by character (str.count
# runs in C; a sample holds about a hundred); more, as in CJK text, by the regular expressions.
_MAX_DISTINCT = 256

# An article has at least this many words of body and caption text: the shortest article of
# the corpus (a reader's letter) has 49, photo stories 30 of body and 300 of captions; the
# error and video pages of fixtures/pages have under 20.
_MIN_ARTICLE_WORDS = 25
_ARTICLE_TEXT = (Label.BODY, Label.HEADING, Label.CAPTION)
# A block with this share of its characters in links is a link (headline, menu item).
_LINK_BLOCK_SHARE = 0.9
# A page without article markup that shows at least this many teasers (a linked headline over
# a paragraph), and at least as many as the body has blocks, is a listing.
_MIN_TEASERS = 4
_TEASER_HEADLINE_WORDS = (4, 30)
_TEASER_MIN_WORDS = 15
# Markup that declares an article (og:type article, a published date) raises confidence;
# og:type "website" on a page lowers it. Chosen by hand: the corpus has no non-article page.
_MARKUP_BONUS = 0.2
_LISTING_PENALTY = 0.5
# Body text this short gives the lowest confidence; this long or more, the highest.
_FULL_CONFIDENCE_WORDS = 250
# A page whose body is mostly link text is a listing of other articles (the corpus's articles
# have at most 12% of body characters inside links).
_MAX_BODY_LINK_SHARE = 0.5
# A caption stands at most this many blocks after its image.
_CAPTION_WINDOW = 2
_OG_LISTING_TYPES = frozenset({"website", "video.other", "video.movie", "profile"})


def vietnamese_share(texts: list[str]) -> float:
    """Share of letters that only Vietnamese writes.

    >>> round(vietnamese_share(["Hà Nội mở tuyến buýt"]), 2), vietnamese_share(["Hello"])
    (0.31, 0.0)
    """
    text = "\n".join(texts).lower()
    chars = set(text)
    if len(chars) > _MAX_DISTINCT:
        letters = len(_LETTER.findall(text))
        return len(_VIETNAMESE.findall(text)) / letters if letters else 0.0
    letters, vietnamese = len(text), 0
    for char in chars:
        if not _is_letter(char):
            letters -= text.count(char)
        elif char in _VIETNAMESE_SET:
            vietnamese += text.count(char)
    return vietnamese / letters if letters else 0.0


@functools.lru_cache(maxsize=4096)
def _is_letter(char: str) -> bool:
    return _LETTER.match(char) is not None


def fallback_reason(article: Article, config: CleanConfig) -> str:
    """Why the model's reading of a page is replaced by the fallback extractor's, or ''."""
    texts = [b.text for b in article.blocks[: config.language_sample_blocks]]
    if texts and vietnamese_share(texts) < config.min_vietnamese_share:
        return "fallback_not_vietnamese"
    if not article.paragraphs:
        return "fallback_no_article_found"
    return ""


def finish(
    article: Article,
    meta: PageMeta,
    page: HtmlPage,
    url: str | None,
    now: dt.datetime | None,
    videos: int = 0,
) -> Article:
    """The article with the markup's metadata, its images, and the article verdict.
    ``videos`` counts the page's video players (a page of one video is no article)."""
    published = meta.published or meta.shown_date or article.published
    if published is None and now is not None:
        published = _relative_published(article, now)
    warnings = list(article.warnings)
    is_article, confidence, reason = _verdict(article, meta, page, videos)
    if reason:
        warnings.append(reason)
    return dataclasses.replace(
        article,
        title=article.title or meta.title,
        published=published,
        modified=meta.modified,
        authors=article.authors or tuple(a for a in meta.authors if a != meta.site_name),
        url=url or meta.url or article.url,
        section=meta.section,
        tags=meta.tags,
        images=_images(article, page),
        is_article=is_article,
        confidence=confidence,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _relative_published(article: Article, now: dt.datetime) -> dt.datetime | None:
    if now.tzinfo is None:
        raise CleanError("now= must be timezone-aware")
    for b in article.blocks:
        if b.label in (Label.BODY, Label.HEADING):
            break
        stamp = relative_date(b.text, now)
        if stamp is not None:
            return stamp
    return None


def _images(article: Article, page: HtmlPage) -> tuple[ImageRef, ...]:
    """Images inside the article's span, each with the caption just under it, if any."""
    body = [b.index for b in article.blocks if b.label in (Label.BODY, Label.HEADING)]
    if not body:
        return ()
    first, last = body[0], body[-1]
    out = []
    for image in page.images:
        if not image.src or not first <= image.block_after <= last + 1:
            continue
        caption = None
        for b in article.blocks[image.block_after : image.block_after + _CAPTION_WINDOW]:
            if b.label is Label.CAPTION:
                caption = b.text
                break
            if b.label in (Label.BODY, Label.HEADING):
                break
        out.append(ImageRef(image.src, caption))
    return tuple(out)


def _verdict(
    article: Article, meta: PageMeta, page: HtmlPage, videos: int
) -> tuple[bool, float, str]:
    """Whether the page holds an article, how sure that is, and the reason code if not."""
    blocks = article.blocks
    body = [b.index for b in blocks if b.label in (Label.BODY, Label.HEADING)]
    if not body:
        return False, 0.0, "not_article_no_body"
    words = sum(len(b.text.split()) for b in blocks if b.label in _ARTICLE_TEXT)
    chars = sum(len(blocks[i].text) for i in body)
    link_share = sum(page.dom[i].link_share * len(blocks[i].text) for i in body) / chars
    marked = meta.page_type == "article" or meta.published is not None
    confidence = min(1.0, words / _FULL_CONFIDENCE_WORDS) * (1.0 - link_share)
    if marked:
        confidence = min(1.0, confidence + _MARKUP_BONUS)
    elif meta.page_type in _OG_LISTING_TYPES:
        confidence *= _LISTING_PENALTY
    confidence = round(confidence, 3)
    if videos and words < _MIN_ARTICLE_WORDS:
        return False, confidence, "not_article_video_only"
    if link_share > _MAX_BODY_LINK_SHARE:
        return False, confidence, "not_article_link_list"
    if not marked and _teasers(article, page) >= max(_MIN_TEASERS, len(body)):
        return False, confidence, "not_article_listing"
    if words < _MIN_ARTICLE_WORDS:
        return False, confidence, "not_article_too_short"
    return True, confidence, ""


def _teasers(article: Article, page: HtmlPage) -> int:
    """Teasers of other articles: a headline that is a link, then a paragraph that is not."""
    blocks, dom = article.blocks, page.dom
    return sum(
        1
        for i in range(len(blocks) - 1)
        if dom[i].link_share >= _LINK_BLOCK_SHARE
        and _TEASER_HEADLINE_WORDS[0] <= len(blocks[i].text.split()) <= _TEASER_HEADLINE_WORDS[1]
        and dom[i + 1].link_share < _MAX_BODY_LINK_SHARE
        and len(blocks[i + 1].text.split()) >= _TEASER_MIN_WORDS
    )
