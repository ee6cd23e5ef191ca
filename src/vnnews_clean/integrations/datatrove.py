"""datatrove pipeline blocks: Vietnamese news pages in, article bodies and metadata out.

:class:`VnNewsExtractor` takes documents whose ``text`` is a page's HTML (what datatrove's
WARC and JSON Lines readers give), :class:`VnNewsTextFilter` documents whose ``text`` is a
plain-text dump of a page. Both replace ``text`` with the article's body (the paragraphs
joined by one blank line, as :attr:`~vnnews_clean.Article.text`: no title, captions or
byline, which go to the metadata) and add to ``metadata``: ``title``, ``published`` (ISO 8601
or None), ``authors``, ``source``, ``section``, ``is_article``, ``confidence``,
``labels_dropped`` (chrome label -> blocks left out, e.g. ``{"navigation": 12}``) and
``warnings``.

No document is dropped silently: each dropped one adds 1 to the ``dropped`` stat and to
``dropped_<reason>``, so that ``total = forwarded + dropped`` in the stats of both blocks:

================================= ==========================================================
``dropped_not_article_no_body``   nothing of the page is article text
``dropped_not_article_<kind>``    judged not an article: ``listing``, ``link_list``,
                                  ``too_short``, ``video_only`` (see ``keep_non_articles``)
``dropped_timeout``               over the per-document time limit
``dropped_broken_process``        the extractor's sandbox process died (e.g. OOM-killed)
``dropped_<batch error>``         ``empty_page``, ``not_a_page``, ``too_large``,
                                  ``bad_encoding``, ``clean_error``, ``crash``: the error
                                  codes of :mod:`vnnews_clean.batch`
================================= ==========================================================

Needs ``pip install "vnnews-clean[datatrove]"``; ``import vnnews_clean`` never imports it.
"""

from __future__ import annotations

import collections
import dataclasses
from typing import Any, cast

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
    from datatrove.pipeline.filters.base_filter import BaseFilter
    from datatrove.utils.logging import logger
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # ExtractorSandbox is new in datatrove 0.5
    raise ImportError(
        "vnnews_clean.integrations.datatrove needs datatrove 0.5 or later: "
        'pip install "vnnews-clean[datatrove]"'
    ) from exc

from ..article import Article
from ..batch import PageKind, process
from ..config import CleanConfig

# (body text, metadata, drop reason or ""): what one page gives, small enough to cross the
# pipe from datatrove's sandbox process (the whole Article, with every block, is not sent).
Outcome = tuple[str, dict[str, Any], str]

# datatrove's sandbox needs a number of seconds; a week stands for "no limit" (its wait for
# the sandbox to start, a poll() in milliseconds, overflows past ~24 days).
_UNLIMITED = 7 * 24 * 3600.0


def article_metadata(article: Article) -> dict[str, Any]:
    """The metadata both blocks add to a document: JSON-ready, one key per field.

    >>> from vnnews_clean import clean_text
    >>> meta = article_metadata(clean_text("Trang chủ\\n\\nHà Nội mở thêm tuyến buýt điện\\n\\n"
    ...     "Sáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm với các "
    ...     "khu đô thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày.\\n"))
    >>> meta["title"], meta["labels_dropped"]
    ('Hà Nội mở thêm tuyến buýt điện', {'navigation': 1})
    """
    chrome = collections.Counter(b.label.value for b in article.blocks if b.label.is_chrome)
    return {
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "authors": list(article.authors),
        "source": article.source,
        "section": article.section,
        "is_article": article.is_article,
        "confidence": article.confidence,
        "labels_dropped": dict(sorted(chrome.items())),
        "warnings": list(article.warnings),
    }


def drop_reason(article: Article, *, keep_non_articles: bool = False) -> str:
    """Why a document with this article is dropped, or "" to keep it.

    A page without body text is always dropped; one the cleaner judged not an article
    (its ``not_article_*`` warning is the reason) only without ``keep_non_articles``.
    """
    if not article.paragraphs:
        return "not_article_no_body"
    if article.is_article or keep_non_articles:
        return ""
    return next((w for w in article.warnings if w.startswith("not_article")), "not_article")


def page_outcome(
    content: str, kind: PageKind, config: CleanConfig, *, keep_non_articles: bool = False
) -> Outcome:
    """Clean one page as :mod:`vnnews_clean.batch` does (every failure is an error code,
    never an exception) and say what goes into the document."""

    def render(article: Article) -> Outcome:
        reason = drop_reason(article, keep_non_articles=keep_non_articles)
        return article.text, article_metadata(article), reason

    outcome, error, _detail = process((content, kind, None), config, render)
    return ("", {}, error) if error is not None else cast(Outcome, outcome)


# datatrove ships no type information: its classes are Any to mypy.
class VnNewsExtractor(BaseExtractor):  # type: ignore[misc]
    """Replace each HTML document's text with its article's body; drop non-articles.

    Args:
        config: the cleaner's thresholds (default ``CleanConfig()``).
        timeout: seconds one document may take (default: ``config.page_time_limit``, 60 s;
            None there too: a week, as no limit). Each document is cleaned in datatrove's sandbox
            process, which is killed when the time is up and started anew for the next
            document; the late document is dropped as ``timeout``. The sandbox replaces
            ``page_time_limit``'s alarm, and also stops a long call into C, which the alarm
            cannot.
        keep_non_articles: also keep pages with body text that the cleaner judged not an
            article (listings, link lists, too short); their ``is_article`` is False.

    Unlike :class:`~datatrove.pipeline.extractors.Trafilatura`, ``run`` is this block's own:
    BaseExtractor's sends only the text back from the sandbox, and counts a timed-out
    document as ``timeout`` but not as ``dropped``. ``extract`` alone gives the body text,
    or "" for a dropped page.
    """

    name = "📰 vnnews_clean"

    def __init__(
        self,
        config: CleanConfig | None = None,
        timeout: float | None = None,
        *,
        keep_non_articles: bool = False,
    ) -> None:
        config = config or CleanConfig()
        if timeout is None:
            timeout = config.page_time_limit or _UNLIMITED
        super().__init__(timeout=timeout)
        # The sandbox bounds each page, so the cleaner's own alarm is switched off.
        self.config = dataclasses.replace(config, page_time_limit=None)
        self.keep_non_articles = keep_non_articles

    def extract(self, text: str) -> str:
        return self.outcome(text)[0]

    def outcome(self, text: str) -> Outcome:
        """What one HTML page gives; runs in the sandbox process."""
        return page_outcome(text, "html", self.config, keep_non_articles=self.keep_non_articles)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        with ExtractorSandbox(self.timeout) as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    reason = self._apply(doc, sandbox)
                if reason:
                    self.stat_update(StatHints.dropped, f"dropped_{reason}")
                    continue
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc

    def _apply(self, doc: Document, sandbox: ExtractorSandbox) -> str:
        """Clean one document in the sandbox, in place; the drop reason, or ""."""
        try:
            text, metadata, reason = sandbox.process_document(doc.text, self.outcome)
        except TimeoutError:  # before OSError, of which it is a subclass
            logger.warning(f"⏰ {doc.id}: over {self.timeout:g} s, dropped as timeout")
            return "timeout"
        except (EOFError, OSError):
            logger.warning(f"💥 {doc.id}: the sandbox process died, dropped as broken_process")
            return "broken_process"
        if not reason:
            doc.text = text
            doc.metadata.update(metadata)
        return str(reason)


class VnNewsTextFilter(BaseFilter):  # type: ignore[misc]
    """Replace each text dump's text with its article's body; drop non-articles.

    A filter, since it drops documents with a reason (``dropped_<reason>`` in the stats,
    ``filter_reason`` in what ``exclusion_writer`` writes, with the text left as it came);
    a kept document's text is replaced, as a formatter would.

    Args:
        config: the cleaner's thresholds (default ``CleanConfig()``). Its
            ``page_time_limit`` bounds each document in this process (by ``SIGALRM``: on
            POSIX, in the main thread, as :func:`vnnews_clean.batch.time_limit` says); the
            text mode runs in linear time, ~5 µs per character.
        keep_non_articles: as for :class:`VnNewsExtractor`.
        exclusion_writer: a datatrove writer for the dropped documents.

    >>> doc = Document(id="1", text="Trang chủ\\n\\nHà Nội mở thêm tuyến buýt điện\\n\\n"
    ...     "Sáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm với các "
    ...     "khu đô thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày.\\n")
    >>> VnNewsTextFilter().filter(doc), doc.metadata["title"], doc.text[:9]
    (True, 'Hà Nội mở thêm tuyến buýt điện', 'Sáng 5/3,')
    >>> VnNewsTextFilter().filter(Document(id="2", text="Trang chủ\\nThời sự\\n"))
    (False, 'not_article_no_body')
    """

    name = "📰 vnnews_clean (text)"

    def __init__(
        self,
        config: CleanConfig | None = None,
        *,
        keep_non_articles: bool = False,
        exclusion_writer: Any = None,
    ) -> None:
        super().__init__(exclusion_writer)
        self.config = config or CleanConfig()
        self.keep_non_articles = keep_non_articles

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        text, metadata, reason = page_outcome(
            doc.text, "text", self.config, keep_non_articles=self.keep_non_articles
        )
        if reason:
            return False, reason
        doc.text = text
        doc.metadata.update(metadata)
        return True
