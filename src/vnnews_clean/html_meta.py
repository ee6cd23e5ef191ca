"""Metadata an HTML page states outside its visible text: JSON-LD, meta tags, <time>, links.

Read in order of reliability: a JSON-LD ``NewsArticle`` first, then Open Graph and article
meta tags, then microdata and ``<time>``. Dates keep the zone the page gives and are shown in
Vietnam's time (+07:00), the local time of the portals; a date without a zone is taken as
local time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import lxml.etree
import regex

from .dates import VIETNAM, parse_date
from .dom_tokens import BIT, token_bits
from .normalize import normalize_line
from .user_vocab import VocabularyOverlay

_ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenews",
        "blogposting",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "liveblogposting",
        "webpage",
    }
)
# JSON-LD blocks larger than this are not read (the largest in the corpus has 9 KB).
_MAX_JSON_CHARS = 200_000
# " - VnExpress", " | Báo Dân trí": a separator, then a short site name at the end.
_TITLE_SUFFIX = regex.compile(r"\s+[-|–—:]\s+[^-|–—:]{2,40}$")
# A date element holds a short stamp; longer text is a container of more than the date.
_MAX_DATE_CHARS = 120
_ISO_DATE = regex.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_ZONE = regex.compile(r"(Z|[+-]\d{2}:?\d{2})\s*$")
_RELATIVE = regex.compile(
    r"^\s*(\d{1,3})\s*(giây|phút|giờ|tiếng|ngày|tuần)\s*trước\s*$", regex.IGNORECASE
)
_VIDEO_HOSTS = (
    "youtube",
    "youtu.be",
    "vimeo",
    "dailymotion",
    "facebook.com/plugins/video",
    "tiktok",
    "player",
    "video",
)
# What lxml.html's text_content() computes, for the plain lxml.etree elements of html_parse.
_STRING = lxml.etree.XPath("string()", smart_strings=False)
_RELATIVE_UNITS = {
    "giây": dt.timedelta(seconds=1),
    "phút": dt.timedelta(minutes=1),
    "giờ": dt.timedelta(hours=1),
    "tiếng": dt.timedelta(hours=1),
    "ngày": dt.timedelta(days=1),
    "tuần": dt.timedelta(weeks=1),
}


@dataclasses.dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page's head and markup say about its article."""

    title: str | None = None
    published: dt.datetime | None = None
    modified: dt.datetime | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    site_name: str | None = None
    page_type: str | None = None
    language: str | None = None
    shown_date: dt.datetime | None = None


def _text_content(el: lxml.etree._Element) -> str:
    """The text of an element and everything inside it."""
    text: str = _STRING(el)
    return text


def parse_iso(value: str) -> dt.datetime | None:
    """An ISO 8601 stamp in Vietnam's time; a stamp without a zone is local already.

    >>> parse_iso("2023-11-02T12:20:00Z").isoformat()
    '2023-11-02T19:20:00+07:00'
    >>> parse_iso("2023-11-02").isoformat()
    '2023-11-02T00:00:00+07:00'
    """
    m = _ISO_DATE.match(value or "")
    if not m:
        return None
    year, month, day, hour, minute, second = (int(p) if p else 0 for p in m.groups())
    try:
        stamp = dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    zone = _ZONE.search(value[m.end() :][:40])
    if zone is None:
        return stamp.replace(tzinfo=VIETNAM)
    z = zone.group(1).replace(":", "")
    offset = dt.timedelta(0)
    if z != "Z":
        sign = -1 if z[0] == "-" else 1
        offset = sign * dt.timedelta(hours=int(z[1:3]), minutes=int(z[3:5]))
    return stamp.replace(tzinfo=dt.timezone(offset)).astimezone(VIETNAM)


def relative_date(text: str, now: dt.datetime) -> dt.datetime | None:
    """A relative stamp such as "2 giờ trước" resolved against ``now``.

    >>> now = dt.datetime(2026, 3, 5, 10, 0, tzinfo=VIETNAM)
    >>> relative_date("2 giờ trước", now).isoformat()
    '2026-03-05T08:00:00+07:00'
    """
    m = _RELATIVE.match(text)
    if not m:
        return None
    return now - int(m.group(1)) * _RELATIVE_UNITS[m.group(2).lower()]


def strip_site_suffix(title: str, site_name: str | None = None) -> str:
    """A page title without the portal's name after it.

    >>> strip_site_suffix("Giá vàng giảm mạnh - VnExpress")
    'Giá vàng giảm mạnh'
    """
    title = normalize_line(title)
    if site_name and title.endswith(site_name) and len(title) > len(site_name) + 3:
        return title[: -len(site_name)].rstrip(" -|–—:")
    stripped: str = _TITLE_SUFFIX.sub("", title)
    return stripped


def _json_ld(root: lxml.etree._Element) -> Iterator[dict[str, Any]]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > _MAX_JSON_CHARS:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item[:50]))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _names(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    out = []
    for v in values[:20]:
        if isinstance(v, dict):
            if "organization" in _types(v):
                continue
            v = v.get("name")
        if isinstance(v, str) and normalize_line(v):
            out.append(normalize_line(v))
    return out


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("name")
    return normalize_line(value) or None if isinstance(value, str) else None


def _meta_tags(root: lxml.etree._Element) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        content = el.get("content")
        if key and content:
            tags.setdefault(key.strip().lower(), []).append(content.strip())
    return tags


def _breadcrumb(root: lxml.etree._Element, ld: list[dict[str, Any]]) -> str | None:
    for item in ld:
        if "breadcrumblist" in _types(item):
            names = [
                _text(e.get("name") or e.get("item"))
                for e in item.get("itemListElement") or []
                if isinstance(e, dict)
            ]
            names = [n for n in names if n]
            if names:
                return names[-1] if len(names) == 1 else names[min(1, len(names) - 1)]
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        cls, ident = el.get("class"), el.get("id")
        if (cls and "breadcrumb" in cls.lower()) or (ident and "breadcrumb" in ident.lower()):
            crumbs = [normalize_line(_text_content(a)) for a in el.iter("a")]
            crumbs = [c for c in crumbs if c and c.lower() not in ("trang chủ", "home")]
            if crumbs:
                return crumbs[0]
    return None


def read_meta(root: lxml.etree._Element, overlay: VocabularyOverlay | None = None) -> PageMeta:
    """The metadata of a parsed page; ``overlay`` is the config's vocabulary (its
    ``dom.date`` tokens mark date elements)."""
    ld = list(_json_ld(root))
    article = next((i for i in ld if _types(i) & _ARTICLE_TYPES - {"webpage"}), None)
    article = article or next((i for i in ld if "webpage" in _types(i)), None) or {}
    tags = _meta_tags(root)

    def first(*keys: str) -> str | None:
        for key in keys:
            for value in tags.get(key, ()):
                if normalize_line(value):
                    return normalize_line(value)
        return None

    site = first("og:site_name", "application-name")
    title = _text(article.get("headline")) or first("og:title", "twitter:title")
    if title is None:
        head_title = root.find(".//title")
        title = normalize_line(_text_content(head_title)) if head_title is not None else None
    published = _first_date(
        article.get("datePublished"),
        first("article:published_time", "datepublished", "pubdate", "publishdate"),
        first("dc.date.issued", "dc.date", "date", "og:published_time"),
        _time_element(root),
    )
    modified = _first_date(
        article.get("dateModified"),
        first("article:modified_time", "datemodified", "og:updated_time", "lastmod"),
    )
    authors = _names(article.get("author"))
    keywords = tags.get("article:tag", []) or (first("news_keywords", "keywords") or "").split(",")
    links = root.iter("link")
    canonical = next(
        (el.get("href") for el in links if (el.get("rel") or "").lower() == "canonical"), None
    )
    return PageMeta(
        title=strip_site_suffix(title, site) if title else None,
        published=published,
        modified=modified,
        authors=tuple(dict.fromkeys(authors)),
        url=(canonical or first("og:url") or _text(article.get("mainEntityOfPage"))),
        section=_text(article.get("articleSection"))
        or first("article:section")
        or _breadcrumb(root, ld),
        tags=tuple(dict.fromkeys(k for k in (normalize_line(x) for x in keywords) if k))[:50],
        site_name=site,
        page_type=(first("og:type") or "").lower() or None,
        language=(root.get("lang") or "").lower() or None,
        # The date elements are searched only when the markup states no date.
        shown_date=_date_element(root, overlay) if published is None else None,
    )


def _first_date(*values: Any) -> dt.datetime | None:
    for value in values:
        if isinstance(value, str) and value.strip():
            stamp = parse_iso(value) or parse_date(normalize_line(value)[:80])
            if stamp is not None:
                return stamp
    return None


def _date_element(
    root: lxml.etree._Element, overlay: VocabularyOverlay | None
) -> dt.datetime | None:
    """The date shown in an element marked as a date ("post-time", "timestamp"): the first
    one after the headline, else the first one (a header clock stands before the headline)."""
    body = root.find("body")
    if body is None:
        return None
    before = None
    seen_h1 = False
    date = BIT["date"]
    for el in body.iter():
        tag = el.tag
        if tag == "h1":
            seen_h1 = True
            continue
        cls = el.get("class") if isinstance(tag, str) else None
        if not cls or not token_bits(cls, overlay) & date:
            continue
        text = normalize_line(_text_content(el)[:_MAX_DATE_CHARS])
        stamp = parse_date(text) if text and len(text) < _MAX_DATE_CHARS else None
        if stamp is not None:
            if seen_h1:
                return stamp
            before = before or stamp
    return before


def _time_element(root: lxml.etree._Element) -> str | None:
    for el in root.iter("time"):
        value = el.get("datetime") or el.get("pubdate")
        if value:
            return str(value)
    return None


def count_videos(root: lxml.etree._Element) -> int:
    """Video players in the page: <video> elements and embedded players."""
    players = 0
    for el in root.iter("video", "iframe"):
        src = (el.get("src") or el.get("data-src") or "").lower()
        players += el.tag == "video" or any(host in src for host in _VIDEO_HOSTS)
    return players
