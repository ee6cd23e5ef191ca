"""The public entry points."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from .article import Article
from .assemble import assemble
from .blocks import segment_text
from .config import CleanConfig
from .diagnostics import text_warnings
from .encoding import decode_page
from .errors import CleanError
from .fallback import apply_fallback, trafilatura_lines
from .html_article import fallback_reason, finish
from .html_input import HtmlInput, read_html
from .html_meta import count_videos, read_meta
from .model import Model, default_model
from .page import label_page
from .stabilise import stabilise

_DEFAULT = CleanConfig()
# Tags that only markup starts with; a text dump may quote a "<" but not open a document.
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|div|p|article|section|table|title|span|a)[\s>/]",
    re.IGNORECASE,
)
# How far into the input to look for markup: the dumps' first lines are chrome text, and
# every corpus page opens a tag in its first 200 bytes.
_SNIFF_BYTES = 4096


def clean_text(text: str, *, config: CleanConfig | None = None) -> Article:
    """The article in a plain-text dump of a Vietnamese news page.

    Every non-blank line becomes one block with a label and a reason code
    (``Article.blocks``); the paragraphs and captions are input lines, normalised.

    >>> page = "Trang chủ Thời sự\\n\\nHà Nội mở thêm tuyến buýt điện\\n\\n" + (
    ...     "Sáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm với "
    ...     "các khu đô thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày.\\n\\n"
    ...     "Tin liên quan\\n\\nGiá vé xe buýt giữ nguyên trong năm nay\\n")
    >>> article = clean_text(page)
    >>> article.title
    'Hà Nội mở thêm tuyến buýt điện'
    >>> len(article.paragraphs)
    1
    """
    if not isinstance(text, str):
        raise CleanError(f"clean_text takes a str, not {type(text).__name__}")
    config = config or _DEFAULT
    blocks = segment_text(text, config)
    model = default_model()
    page = label_page(blocks, config, model)
    return stabilise(assemble(page, text_warnings(page, config)), config, model)


def clean_html(
    html: str | bytes,
    *,
    url: str | None = None,
    config: CleanConfig | None = None,
    now: dt.datetime | None = None,
) -> Article:
    """The article in a raw HTML page, given as bytes (decoded here) or as a str.

    Every visible line becomes one block with a label and a reason code. ``url`` is the
    page's address when the caller knows it; ``now`` (timezone-aware) resolves relative dates
    such as "2 giờ trước", which are ignored without it, and selects the ``sites`` sections
    of the config's vocabulary overlay (:meth:`CleanConfig.for_url`).

    >>> page = "<html><body><nav><a>Thời sự</a></nav><h1>Hà Nội mở thêm tuyến buýt điện</h1>" + (
    ...     "<p>Sáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm với "
    ...     "các khu đô thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày.</p></body></html>")
    >>> article = clean_html(page.encode())
    >>> article.title, len(article.paragraphs)
    ('Hà Nội mở thêm tuyến buýt điện', 1)
    """
    config = (config or _DEFAULT).for_url(url)
    read = read_html(html, config)
    return article_from_html(read, config, default_model("html"), url=url, now=now)


def article_from_html(
    read: HtmlInput,
    config: CleanConfig,
    model: Model,
    *,
    url: str | None = None,
    now: dt.datetime | None = None,
) -> Article:
    """The article of a read page with a given HTML model (benchmarks pass held-out ones)."""
    page = label_page(read.page.blocks, config, model, read.page.dom)
    article = assemble(page, read.warnings + text_warnings(page, config))
    article = stabilise(article, config, default_model())
    reason = fallback_reason(article, config)
    if reason:
        article = apply_fallback(article, trafilatura_lines(read.text), reason)
    meta = read_meta(read.root, config.vocabulary)
    return finish(article, meta, read.page, url, now, count_videos(read.root))


def looks_like_html(page: str | bytes) -> bool:
    """Whether a page is markup rather than a text dump: a document tag opens early on.

    >>> looks_like_html(b"<!DOCTYPE html><html>"), looks_like_html("Trang chủ\\nThời sự")
    (True, False)
    """
    head = page[:_SNIFF_BYTES]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    return bool(_HTML_START.search(head))


def clean(
    page: str | bytes,
    *,
    url: str | None = None,
    config: CleanConfig | None = None,
    now: dt.datetime | None = None,
) -> Article:
    """The article in a page given either as HTML or as a text dump, told apart by whether a
    document tag opens in its first 4 KB. Bytes that are not HTML are decoded as
    :func:`clean_html` decodes pages (BOM, then UTF-8 or windows-1258).

    >>> clean("<p>Sáng 5/3, thành phố khai trương tuyến buýt điện nối trung tâm với các khu "
    ...       "đô thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày.</p>").paragraphs[0][:9]
    'Sáng 5/3,'
    """
    if not isinstance(page, (str, bytes, bytearray, memoryview)):
        raise CleanError(f"clean takes str or bytes, not {type(page).__name__}")
    raw = page if isinstance(page, str) else bytes(page)
    if looks_like_html(raw):
        return clean_html(raw, url=url, config=config, now=now)
    return clean_dump(raw, (config or _DEFAULT).for_url(url))


def clean_dump(raw: str | bytes, config: CleanConfig) -> Article:
    """``clean_text`` of a text dump given as str or bytes; bytes are decoded as ``clean_html``
    decodes pages, and the decoding's warnings (replaced bytes, mojibake) join the article's."""
    if isinstance(raw, str):
        return clean_text(raw, config=config)
    decoded = decode_page(raw, config)
    article = clean_text(decoded.text, config=config)
    if not decoded.warnings:
        return article
    warnings = tuple(dict.fromkeys(decoded.warnings + article.warnings))
    return dataclasses.replace(article, warnings=warnings)
