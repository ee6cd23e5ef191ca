"""The command line: ``vnnews-clean`` cleans one page, many files, directories or JSON Lines."""

from __future__ import annotations

import argparse
import collections
import contextlib
import dataclasses
import functools
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from .article import Article
from .batch import Outcome, Page, Rejected, pages_from_paths, read_jsonl, run_batch
from .config import CleanConfig
from .errors import CleanError
from .labels import Label
from .report import render_report
from .user_vocab import VocabularyOverlay

FORMATS = ("text", "json", "jsonl", "markdown")
# What render_article gives for one page: the payload and the dropped blocks by label.
Rendered = tuple[Any, dict[str, int]]
# The labels of the article's own text; the summary counts the blocks of every other label.
_KEPT = frozenset({Label.TITLE, Label.BODY, Label.HEADING, Label.CAPTION})
# Characters that make Markdown of a plain line, escaped in --format markdown.
_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|"})
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])(?=\s|$)")

_EPILOG = """\
Each input gives exactly one output record, in input order: the article's fields
(Article.to_dict() without "blocks" unless --blocks), its "id", the input record's
other fields, and "error": null -- or, when the page cannot be cleaned, "error" with a
reason code (invalid_json, missing_id, missing_content, invalid_base64, unreadable,
empty_page, not_a_page, too_large, timeout, crash, ...) and a "detail". Input fields
named like an output field are kept under "input".

--jsonl records have an "id" and one of "html" (HTML or a text dump), "html_base64"
(the page's raw bytes) or "text" (a text dump); a string "url" is passed to the cleaner.
Files ending .html/.htm are read as HTML, .txt as text dumps, and their "id" is their
path; directories are searched recursively for them (hidden entries skipped).

Output: one FILE gives the article as text (headline, date, text), several FILEs, a
directory or --jsonl give JSON Lines; --format overrides (json: an object for one FILE,
an array otherwise). Errors go to stderr when the format cannot hold them. A summary
(pages cleaned, errors by reason, dropped blocks by label) goes to stderr for batches,
after a progress bar when stderr is a terminal.

Exit status: 0 every page cleaned, 1 some pages gave an error, 2 bad usage."""


def main(argv: Sequence[str] | None = None) -> int:
    ap = _parser()
    a = ap.parse_args(argv)
    if a.jsonl and a.files:
        ap.error("give FILEs or --jsonl IN, not both")
    if not a.jsonl and not a.files:
        ap.error("give a FILE, a directory or --jsonl IN")
    if a.jobs is not None and a.jobs < 1:
        ap.error("--jobs must be at least 1")
    if a.time_limit is not None and a.time_limit < 0:
        ap.error("--time-limit must be positive, or 0 for no limit")
    single = not a.jsonl and len(a.files) == 1 and not os.path.isdir(a.files[0])
    if a.report and not single:
        ap.error("--report takes one page: give a single FILE, not several, a directory or --jsonl")
    fmt = "explain" if a.explain else "json" if a.json else a.format
    fmt = fmt or ("text" if single else "jsonl")
    config = CleanConfig()
    if a.time_limit is not None:
        config = dataclasses.replace(config, page_time_limit=a.time_limit or None)
    if a.vocabulary:
        try:
            config = dataclasses.replace(
                config, vocabulary=VocabularyOverlay.from_file(a.vocabulary)
            )
        except (CleanError, OSError) as exc:
            ap.error(f"--vocabulary: {exc}")
    with contextlib.ExitStack() as stack:
        try:
            source = _open_input(a.jsonl, stack) if a.jsonl else None
            out = _open_output(a.output, stack)
            report = _open_output(a.report, stack) if a.report else None
        except OSError as exc:
            ap.error(f"{exc.filename}: {exc.strerror}")
        items = read_jsonl(source) if source is not None else _file_pages(a.files)
        render = functools.partial(render_article, fmt=fmt, blocks=a.blocks)
        if report is not None:  # one page, cleaned in this process: the file can be shared
            render = functools.partial(_reporting, render=render, out=report, name=a.files[0])
        outcomes = stack.enter_context(
            contextlib.closing(
                run_batch(items, render, jobs=1 if single else a.jobs, config=config)
            )
        )
        total = None if a.jsonl or any(os.path.isdir(f) for f in a.files) else len(a.files)
        try:
            tally = _write_all(outcomes, fmt, out, single, total)
        except KeyboardInterrupt:
            print("vnnews-clean: interrupted", file=sys.stderr)
            return 130
        except BrokenPipeError:  # the reader went away (| head): stop quietly
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 1
    if not single:
        print(tally.summary(), file=sys.stderr)
    return 1 if tally.errors else 0


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="vnnews-clean",
        description="Extract the article from Vietnamese news pages: HTML files, text dumps, "
        "directories of them, or JSON Lines records.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="a page (.html, .htm, .txt; - for stdin) or a directory of pages",
    )
    ap.add_argument("--jsonl", metavar="IN", help="read JSON Lines records from IN (- for stdin)")
    ap.add_argument(
        "-o", "--output", metavar="OUT", default="-", help="write to OUT (default: - for stdout)"
    )
    out = ap.add_mutually_exclusive_group()
    out.add_argument(
        "--format",
        choices=FORMATS,
        help="text: headline, date and article text; json: one JSON document (an array for "
        "several pages); jsonl: one record per line; markdown",
    )
    out.add_argument("--json", action="store_true", help="short for --format json")
    out.add_argument(
        "--explain", action="store_true", help="print every block with its label and reason code"
    )
    ap.add_argument("--blocks", action="store_true", help="keep every block in JSON records")
    ap.add_argument(
        "--vocabulary",
        metavar="FILE",
        help="a vocabulary overlay (TOML or JSON) adding or removing entries, DOM tokens and "
        "per-site hints; see docs/usage.md",
    )
    ap.add_argument(
        "--report",
        metavar="HTML",
        help="also write a self-contained HTML report of the one FILE to HTML: its metadata "
        "and every block coloured by label, with its reason code; the usual output is unchanged",
    )
    ap.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes (default: one per core)",
    )
    ap.add_argument(
        "--time-limit",
        type=float,
        metavar="SECONDS",
        help=f"give up on a page after SECONDS, 0 for no limit "
        f"(default: {CleanConfig().page_time_limit:g}; POSIX only)",
    )
    return ap


def _open_input(name: str, stack: contextlib.ExitStack) -> Iterable[bytes]:
    if name == "-":
        return sys.stdin.buffer
    return stack.enter_context(open(name, "rb"))


def _open_output(name: str, stack: contextlib.ExitStack) -> TextIO:
    if name == "-":
        return sys.stdout
    return stack.enter_context(open(name, "w", encoding="utf-8", newline="\n"))


def _file_pages(names: Sequence[str]) -> Iterator[Page | Rejected]:
    for name in names:
        if name == "-":
            yield Page("-", sys.stdin.buffer.read())
        else:
            yield from pages_from_paths([name])


# --- Rendering, in the worker processes ---------------------------------------------------


def render_article(article: Article, *, fmt: str, blocks: bool) -> Rendered:
    """What one page becomes in format ``fmt``, and its dropped blocks counted by label."""
    dropped = collections.Counter(b.label.value for b in article.blocks if b.label not in _KEPT)
    payload: Any
    if fmt in ("json", "jsonl"):
        payload = (article if blocks else dataclasses.replace(article, blocks=())).to_dict()
        if not blocks:
            del payload["blocks"]
    elif fmt == "markdown":
        payload = markdown(article)
    elif fmt == "explain":
        payload = explain(article)
    else:
        payload = plain(article)
    return payload, dict(dropped)


def _reporting(
    article: Article, *, render: Callable[[Article], Rendered], out: TextIO, name: str
) -> Rendered:
    """``render(article)``, after writing the article's HTML report to ``out``."""
    out.write(render_report(article, source_name=name))
    return render(article)


def explain(article: Article) -> str:
    """Every block: line, label, reason code, text."""
    width = max((len(b.reason) for b in article.blocks), default=0)
    return "\n".join(
        f"{b.line:5d}  {b.label.value:10s}  {b.reason:{width}s}  {b.text}" for b in article.blocks
    )


def plain(article: Article) -> str:
    """The headline, the date and the text."""
    head = [article.title or ""]
    if article.published:
        head.append(article.published.isoformat())
    return "\n".join(head) + "\n\n" + article.text


def markdown(article: Article) -> str:
    """The article as Markdown: headline, a line of metadata, paragraphs with subheadings,
    captions in italics where they stand.

    >>> import vnnews_clean
    >>> print(markdown(vnnews_clean.clean_text("Hà Nội mở thêm tuyến buýt điện\\n\\n" + (
    ...     "Sáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm với "
    ...     "các khu đô thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày.\\n"))))
    # Hà Nội mở thêm tuyến buýt điện
    <BLANKLINE>
    Sáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm với các khu đô thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày.
    """  # noqa: E501
    parts = [f"# {_md(article.title)}"] if article.title else []
    meta = [article.published.isoformat()] if article.published else []
    meta += [", ".join(article.authors)] if article.authors else []
    meta += [article.source] if article.source else []
    if meta:
        parts.append("*" + _md(" · ".join(meta)) + "*")
    if article.url:
        parts.append(f"<{article.url}>")
    parts += _markdown_body(article)
    return "\n\n".join(parts)


def _markdown_body(article: Article) -> list[str]:
    text = [b for b in article.blocks if b.label in (Label.BODY, Label.HEADING, Label.CAPTION)]
    if tuple(b.text for b in text if b.label is not Label.CAPTION) != article.paragraphs:
        # Blocks and paragraphs disagree (never on the corpus): paragraphs, then captions.
        return [_md(p) for p in article.paragraphs] + [f"*{_md(c)}*" for c in article.captions]
    out = []
    for b in text:
        if b.label is Label.HEADING:
            out.append(f"## {_md(b.text)}")
        elif b.label is Label.CAPTION:
            out.append(f"*{_md(b.text)}*")
        else:
            out.append(_md(b.text))
    return out


def _md(text: str) -> str:
    """A line escaped so that Markdown shows it as it is."""
    text = _ORDERED_ITEM.sub(r"\1\\\2", text.translate(_MARKDOWN_SPECIAL))
    return "\\" + text if text[:1] in ("#", "+", "-", "=") else text


# --- Output, in the parent ----------------------------------------------------------------


@dataclasses.dataclass
class _Tally:
    pages: int = 0
    errors: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    dropped: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)

    def add(self, o: Outcome[Rendered]) -> None:
        self.pages += 1
        if o.value is None:
            self.errors[o.error or "crash"] += 1
        else:
            self.dropped.update(o.value[1])

    def summary(self) -> str:
        errors = sum(self.errors.values())
        line = f"vnnews-clean: {self.pages} pages: {self.pages - errors} cleaned, {errors} errors"
        if errors:
            line += f" ({_counts(self.errors)})"
        return line + f"; blocks dropped: {_counts(self.dropped) or 'none'}"


def _counts(counter: collections.Counter[str]) -> str:
    return ", ".join(f"{key} {n}" for key, n in sorted(counter.items(), key=lambda kv: -kv[1]))


def _write_all(
    outcomes: Iterable[Outcome[Rendered]], fmt: str, out: TextIO, single: bool, total: int | None
) -> _Tally:
    tally = _Tally()
    note: Callable[[str], None] = functools.partial(print, file=sys.stderr)
    if sys.stderr.isatty() and not single:
        from tqdm import tqdm  # type: ignore[import-untyped,unused-ignore]

        tqdm.monitor_interval = 0  # no monitor thread: the pool may fork after the bar starts
        outcomes = tqdm(outcomes, total=total, unit=" pages", file=sys.stderr, dynamic_ncols=True)
        note = functools.partial(tqdm.write, file=sys.stderr)
    write = _writer(fmt, out, single, note)
    for o in outcomes:
        tally.add(o)
        write(o)
    write(None)
    return tally


def _writer(
    fmt: str, out: TextIO, single: bool, note: Callable[[str], None]
) -> Callable[[Outcome[Rendered] | None], None]:
    """A function that writes one outcome in ``fmt``, and ends the output when given None."""
    written = 0  # records written to ``out``

    def write(o: Outcome[Rendered] | None) -> None:
        nonlocal written
        if o is None:
            if fmt == "json" and not single:
                out.write("\n]\n" if written else "[]\n")
            out.flush()
            return
        if o.error and (single or fmt not in ("json", "jsonl")):
            note(f"vnnews-clean: {o.id}: {o.error}: {o.detail}")
        if fmt == "jsonl":
            text = json.dumps(record(o), ensure_ascii=False) + "\n"
        elif fmt == "json":
            text = json.dumps(record(o), ensure_ascii=False, indent=1)
            text = text + "\n" if single else ("[\n" if not written else ",\n") + text
        elif o.value is None:
            return  # the formats for people have no place for an error: it went to stderr
        elif single:
            text = o.value[0] + "\n"
        elif fmt == "markdown":
            name = str(o.id).replace("-->", "--&gt;")
            text = ("\n---\n\n" if written else "") + f"<!-- {name} -->\n\n{o.value[0]}\n"
        else:
            text = ("\n" if written else "") + f"==> {o.id} <==\n{o.value[0]}\n"
        out.write(text)
        written += 1

    return write


def record(o: Outcome[Rendered]) -> dict[str, Any]:
    """One output record: id, the input's other fields, error (and detail), the article.
    Input fields named like an output field go under ``input`` rather than being lost."""
    reserved = _output_keys()
    rec: dict[str, Any] = {"id": o.id}
    rec.update((k, v) for k, v in o.fields.items() if k not in reserved)
    rec["error"] = o.error
    if o.value is None:
        rec["detail"] = o.detail
    else:
        rec.update(o.value[0])
    clashes = {k: v for k, v in o.fields.items() if k in reserved}
    if clashes:
        rec["input"] = clashes
    return rec


@functools.cache
def _output_keys() -> frozenset[str]:
    empty = Article(None, None, (), None, None, (), (), ())
    return frozenset(empty.to_dict()) | {"id", "error", "detail", "input"}


if __name__ == "__main__":
    sys.exit(main())
