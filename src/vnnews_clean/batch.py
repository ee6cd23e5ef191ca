"""Cleaning many pages: in input order, in worker processes, exactly one result per page.

A batch is a stream. At most ``jobs x 4`` pages are in flight at any time and the worker
processes are renewed every 10,000 pages each, so memory does not grow with the number of
pages; the results come back in input order. Every input gives
one result: either an :class:`~vnnews_clean.Article` or an error reason code with a detail.

The error codes, and what counts as an error rather than an article with warnings:

==================== =========================================================================
``invalid_json``     a JSON Lines line that is not JSON, or not a JSON object
``missing_id``       a record without an ``id`` (or with ``"id": null``)
``missing_content``  a record with none of ``html``, ``html_base64``, ``text``
``ambiguous_content`` a record with more than one of them
``invalid_content``  the content is not a string (JSON), or not str/bytes (Python)
``invalid_base64``   ``html_base64`` that does not decode
``unreadable``       a file or directory that cannot be read
``empty_page``       nothing but whitespace: there is no page to clean
``not_a_page``       binary data (see :func:`sniff`): an image, archive, PDF or executable
``too_large``        over ``CleanConfig.max_input_chars``
``bad_encoding``     undecodable bytes: with ``CleanConfig.strict_decoding`` on, any; else
                     bytes whose replacement left no article text at all
``clean_error``      any other :class:`~vnnews_clean.CleanError` (e.g. broken weights)
``timeout``          over ``CleanConfig.page_time_limit``
``crash``            an unexpected exception, or the worker process died
==================== =========================================================================

A page that is text but holds no article (an error page, a listing, a few words, invalid
UTF-8 that decodes with replacements) is not an error: it gives an Article with
``is_article`` False or with ``warnings``, as :func:`~vnnews_clean.clean` does.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import dataclasses
import itertools
import os
import signal
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Generic, TypeVar

from .article import Article
from .batch_input import (
    PAGE_SUFFIXES,
    Page,
    PageKind,
    Rejected,
    is_blank,
    page_from_record,
    pages_from_paths,
    read_jsonl,
    sniff,
)
from .config import CleanConfig
from .errors import CleanError, EncodingError, InputTooLargeError
from .pipeline import clean, clean_dump, clean_html

__all__ = [  # the inputs are re-exported: a batch's callers build and read them here
    "BatchResult",
    "Outcome",
    "Page",
    "PageKind",
    "PageTimeout",
    "Rejected",
    "clean_many",
    "page_from_record",
    "pages_from_paths",
    "process",
    "read_jsonl",
    "run_batch",
    "sniff",
    "time_limit",
]

T = TypeVar("T")

# Pages in flight per worker: enough to keep every worker busy while the parent reads the
# input and writes the results; memory is bounded by this many pages per worker.
_WINDOW_PER_JOB = 4
# Pages a worker process cleans before the pool is replaced by fresh ones. On 200k distinct
# pages (benchmarks/batch_memory.py, 2 jobs) a worker's peak RSS grew 48 -> 64 MB without
# renewal: the library's LRU caches fill (65,536 canonical words) and the heap fragments as
# they churn, while the Python objects stay flat. Renewed every 10,000 pages, the workers
# peaked at 47.7, 49.4, 49.6 MB after 10k, 50k, 100k pages, for a pause of one page plus a
# fork (~0.2 s) per 10,000 pages per worker.
_PAGES_PER_WORKER = 10_000


@dataclasses.dataclass(frozen=True, slots=True)
class BatchResult:
    """The result for one page of :func:`clean_many`: ``article``, or ``error`` (a reason
    code from this module's table) with ``detail`` for a person. ``id`` is the page's id
    (its position in the input for a plain ``str`` or ``bytes``); ``fields`` are the
    page's ``Page.fields``."""

    id: Any
    article: Article | None
    error: str | None = None
    detail: str = ""
    fields: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclasses.dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What :func:`run_batch` gives for one input: ``render(article)``, or an error."""

    id: Any
    value: T | None
    error: str | None
    detail: str
    fields: Mapping[str, Any]


class PageTimeout(BaseException):
    """Raised by the alarm inside a page over the time limit. A BaseException, so that no
    ``except Exception`` in the cleaner swallows it."""


class _Unusable(Exception):
    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code, self.detail = code, detail


def clean_many(
    pages: Iterable[str | bytes | Page | Rejected],
    *,
    jobs: int | None = None,
    config: CleanConfig | None = None,
) -> Iterator[BatchResult]:
    """Clean pages in ``jobs`` worker processes (default: one per core), yielding one
    :class:`BatchResult` per page, in input order. ``pages`` is read lazily and at most
    ``jobs x 4`` pages are in flight, so a stream of any length runs in bounded memory.

    A ``str`` or ``bytes`` page goes to :func:`~vnnews_clean.clean` with its position as id;
    a :class:`Page` carries an id, a kind, a URL or a file path (:func:`read_jsonl` and
    :func:`pages_from_paths` make them; a :class:`Rejected` input passes through as an error
    in its place). Nothing raises for a bad page: it gives a result with ``error``
    (``not_a_page``, ``empty_page``, ``timeout``…).
    ``config.page_time_limit`` bounds each page; with ``jobs=1`` the pages are cleaned in
    this process, bounded the same way when called from the main thread (see
    :func:`time_limit`). ``Page`` and ``BatchResult`` live in ``vnnews_clean.batch``.

    The workers start by the platform's default method: fork on Linux (before Python 3.14),
    spawn on macOS and Windows, where the calling script needs the usual
    ``if __name__ == "__main__":`` guard. A worker that dies (killed, or a crash in C)
    costs only the page it was cleaning, which gets ``crash``.

    >>> page = "Hà Nội mở thêm tuyến buýt điện\\n\\n" + (
    ...     "Sáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm với "
    ...     "các khu đô thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày.\\n")
    >>> for r in clean_many([page, b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "  "], jobs=1):
    ...     print(r.id, r.article.title if r.ok else r.error)
    0 Hà Nội mở thêm tuyến buýt điện
    1 not_a_page
    2 empty_page
    """
    items = (p if isinstance(p, (Page, Rejected)) else Page(i, p) for i, p in enumerate(pages))
    return _results(run_batch(items, _article, jobs=jobs, config=config))


def _results(outcomes: Generator[Outcome[Article], None, None]) -> Iterator[BatchResult]:
    with contextlib.closing(outcomes):  # closing the results stops the workers
        for o in outcomes:
            yield BatchResult(o.id, o.value, o.error, o.detail, o.fields)


def _article(article: Article) -> Article:
    return article


def run_batch(
    items: Iterable[Page | Rejected],
    render: Callable[[Article], T],
    *,
    jobs: int | None = None,
    config: CleanConfig | None = None,
) -> Generator[Outcome[T], None, None]:
    """The engine under :func:`clean_many`: ``render`` runs in the worker on each article
    (so only its result crosses back; it must be picklable, i.e. defined at module level).
    A single page is cleaned in this process, whatever ``jobs`` says."""
    config = config or CleanConfig()
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    return _run(iter(items), render, jobs, config)


def _run(
    items: Iterator[Page | Rejected], render: Callable[[Article], T], jobs: int, config: CleanConfig
) -> Generator[Outcome[T], None, None]:
    head = list(itertools.islice(items, 2))
    if jobs == 1 or len(head) < 2:
        for item in itertools.chain(head, items):
            yield _outcome(item, _result(item, config, render))
        return
    pool = _Pool(jobs, config, render)
    window: collections.deque[_Slot] = collections.deque()
    try:
        for item in itertools.chain(head, items):
            if pool.worn_out():  # drain first: no fork while the old pool's threads run
                while window:
                    yield pool.settle(window)
                pool.renew()
            window.append(pool.submit(item))
            if len(window) >= jobs * _WINDOW_PER_JOB:
                yield pool.settle(window)
        while window:
            yield pool.settle(window)
    finally:
        pool.close()


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# What a worker returns for a page: the rendered article, or an error code and detail.
_Result = tuple[Any, str | None, str]
_Job = tuple[str | bytes | Path, PageKind, str | None]
_Slot = tuple[Page | Rejected, concurrent.futures.Future[_Result]]


def _outcome(item: Page | Rejected, result: _Result) -> Outcome[Any]:
    value, error, detail = result
    return Outcome(item.id, value, error, detail, item.fields)


def _result(
    item: Page | Rejected, config: CleanConfig, render: Callable[[Article], Any]
) -> _Result:
    if isinstance(item, Rejected):
        return None, item.error, item.detail
    return process(_job(item), config, render)


def _job(page: Page) -> _Job:
    return page.content, page.kind, page.url


def process(job: _Job, config: CleanConfig, render: Callable[[Article], Any]) -> _Result:
    """Clean one page under the time limit; every failure becomes an error code."""
    try:
        with time_limit(config.page_time_limit):
            return render(clean_page(*job, config=config)), None, ""
    except PageTimeout:
        return None, "timeout", f"over CleanConfig.page_time_limit ({config.page_time_limit:g} s)"
    except _Unusable as exc:
        return None, exc.code, exc.detail
    except InputTooLargeError as exc:
        return None, "too_large", str(exc)
    except EncodingError as exc:
        return None, "bad_encoding", str(exc)
    except CleanError as exc:
        return None, "clean_error", f"{type(exc).__name__}: {exc}"
    except Exception as exc:  # nothing is lost: a bug on one page is that page's error
        return None, "crash", f"{type(exc).__name__}: {exc}"


def clean_page(
    content: str | bytes | Path, kind: PageKind, url: str | None, *, config: CleanConfig
) -> Article:
    """The article of one batch input; raises _Unusable for what is not a page."""
    if isinstance(content, Path):
        if kind == "auto":
            kind = PAGE_SUFFIXES.get(content.suffix.lower(), "auto")
        content = _read_file(content, config)
    if not isinstance(content, (str, bytes)):
        raise _Unusable("invalid_content", f"a page is str or bytes, not {type(content).__name__}")
    why = sniff(content)
    if why:
        raise _Unusable("not_a_page", why)
    if is_blank(content):
        raise _Unusable("empty_page", "the page has no text")
    if kind == "html":
        return clean_html(content, url=url, config=config)
    if kind == "text":
        article = clean_dump(content, config.for_url(url))  # the url's site sections
    else:
        article = clean(content, url=url, config=config)
    if not article.paragraphs and "invalid_bytes_replaced" in article.warnings:
        # Bytes that are not text in any encoding read here: a few bad bytes in a page leave
        # its article (a warning); invalid bytes with nothing readable around them are an error.
        raise _Unusable("bad_encoding", "invalid bytes were replaced and no article text is left")
    # The caller's URL wins over the page's, as in clean_html (clean_text takes none).
    return dataclasses.replace(article, url=url) if url else article


def _read_file(path: Path, config: CleanConfig) -> bytes:
    try:
        size = path.stat().st_size
        if size > config.max_input_chars:  # refused before it is read into memory
            raise InputTooLargeError(
                f"{size:,} bytes; CleanConfig.max_input_chars is {config.max_input_chars:,}"
            )
        return path.read_bytes()
    except OSError as exc:
        raise _Unusable("unreadable", exc.strerror or str(exc)) from exc


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the block after ``seconds`` (None or 0: no limit).

    Uses ``SIGALRM`` (``setitimer``), so the limit holds on POSIX in the main thread of a
    process without a timer of its own: always in the batch's worker processes, and with
    ``jobs=1`` when called from the main thread. Elsewhere (Windows, other threads) pages
    run unbounded. The alarm interrupts Python code; one long call into C (an lxml parse, a
    regex match) finishes before it is noticed.
    """
    if not seconds or not _can_alarm():
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)


def _can_alarm() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


# --- Worker processes ---------------------------------------------------------------------

_WORKER: tuple[CleanConfig, Callable[[Article], Any]] | None = None


def _init_worker(config: CleanConfig, render: Callable[[Article], Any]) -> None:
    global _WORKER
    _WORKER = (config, render)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    with contextlib.suppress(Exception):  # load the models now, not inside a page's limit
        clean_dump("Thời sự", config)
        clean_html("<p>Thời sự</p>", config=config)


def _ready() -> None:
    """A task that tells the pool is up."""


def _work(job: _Job) -> _Result:
    assert _WORKER is not None, "_init_worker has not run"
    return process(job, *_WORKER)


class _Pool:
    """A process pool that survives its workers dying: the pages in flight when one died are
    rerun alone, so only the page that kills a worker gets ``crash``."""

    def __init__(self, jobs: int, config: CleanConfig, render: Callable[[Article], Any]) -> None:
        self._init = (config, render)
        self._jobs = jobs
        self._executor = self._start(jobs)
        self._pages = 0  # submitted to this executor

    def worn_out(self) -> bool:
        return self._pages >= self._jobs * _PAGES_PER_WORKER

    def renew(self) -> None:
        """Replace the workers by fresh ones (call with no page in flight)."""
        self._executor.shutdown(wait=True)
        self._executor = self._start(self._jobs)
        self._pages = 0

    def _start(self, jobs: int) -> concurrent.futures.ProcessPoolExecutor:
        """A pool of the platform's default start method, checked to be alive: a pool that
        cannot start is an exception, not a crash of every page."""
        executor = concurrent.futures.ProcessPoolExecutor(
            jobs, initializer=_init_worker, initargs=self._init
        )
        try:
            executor.submit(_ready).result()
        except BrokenProcessPool as exc:
            executor.shutdown(wait=True)
            raise RuntimeError("the worker processes died on start") from exc
        return executor

    def submit(self, item: Page | Rejected) -> _Slot:
        if isinstance(item, Rejected):
            return item, _done((None, item.error, item.detail))
        self._pages += 1
        return item, self._executor.submit(_work, _job(item))

    def settle(self, window: collections.deque[_Slot]) -> Outcome[Any]:
        """Wait for the oldest page in flight and take it out of the window."""
        try:
            result = window[0][1].result()
        except BrokenProcessPool:
            self._recover(window)
            result = window[0][1].result()
        return _outcome(window.popleft()[0], result)

    def _recover(self, window: collections.deque[_Slot]) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        solo = None
        for i, (item, future) in enumerate(window):
            if future.done() and not future.cancelled() and future.exception() is None:
                continue  # finished before the pool broke
            assert isinstance(item, Page)
            solo = solo or self._start(1)
            try:
                result = solo.submit(_work, _job(item)).result()
            except BrokenProcessPool:
                solo.shutdown(wait=True)
                solo = None
                result = (None, "crash", "the worker process died (killed, or a crash in C)")
            window[i] = (item, _done(result))
        if solo is not None:
            solo.shutdown(wait=True)
        self._executor = self._start(self._jobs)
        self._pages = 0

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _done(result: _Result) -> concurrent.futures.Future[_Result]:
    future: concurrent.futures.Future[_Result] = concurrent.futures.Future()
    future.set_result(result)
    return future
