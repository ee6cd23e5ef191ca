"""How the time of vnnews_clean grows with the size of its input, as the scaling tables of
docs/benchmarks.md.

    python benchmarks/scaling.py                    # text mode, every shape; print the markdown
    python benchmarks/scaling.py --write            # rewrite the scaling region of the doc
    python benchmarks/scaling.py --max-mb 1         # only the sizes up to 1 MB (a smoke run)
    python benchmarks/scaling.py --shapes page,long_line
    python benchmarks/scaling.py --mode html        # clean_html on the same shapes

Shapes: a realistic page (the five seed pages of seeds/*.txt joined) repeated 1x to ~20 MB, and
adversarial ones: a million one-character lines (and fractions of it), one long line, lines
and single lines full of "Ảnh:" tokens or "|" separators, one paragraph repeated thousands of
times, thousands of bylines naming distinct authors. In HTML mode each non-blank line of those
becomes one escaped <p> of a minimal page, as in ../shared/tools/score.py, and shapes only
markup has follow: the body of fixtures/pages/article.html repeated 1x to ~20 MB, nesting 1k
to 64k levels deep (empty, and with a line of text at every level), many sibling <p>, one huge
text node, elements with many classes and attributes, one class attribute of many tokens, and
many <img alt>.

Each measurement runs in a fresh process (this script with --one SHAPE INDEX): the input is
built, the library warmed up on an unrelated page, gc.collect(), then the call is timed, cold
(the memos of lines' signals, class tokens and words emptied before each call); below two CPU
seconds the best of three cold calls is kept. Reported: wall and CPU seconds, CPU microseconds
per input byte (UTF-8; CPU time, so that other load on the machine does not count), the
process's peak resident memory, and per shape the µs/byte of the largest size over that of the
smallest: a linear path keeps it near 1 or below (fixed costs weigh on small inputs); the
target is at most 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import html
import importlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ARTICLE = ROOT / "fixtures" / "pages" / "article.html"
DOM = ROOT / "src" / "vnnews_clean" / "data" / "dom"
DOC = ROOT / "docs" / "benchmarks.md"
MARKERS = {
    "text": ("<!-- scaling:begin -->", "<!-- scaling:end -->"),
    "html": ("<!-- scaling-html:begin -->", "<!-- scaling-html:end -->"),
}
TARGET = 2.0
MB = 1_000_000

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from docregion import git_revision, write_region  # noqa: E402


def _page() -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))


def _paragraph() -> str:
    """A body paragraph of the seeds of about 400 characters."""
    lines = [line for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text("utf-8").split("\n")]
    return min((line for line in lines if len(line) >= 400), key=len)


_SENTENCE = "Người dân Hà Nội đổ về trung tâm, xem bắn pháo hoa đêm giao thừa."


def _sentence_line(size: int) -> str:
    sentence = _SENTENCE + " "
    return sentence * (size // len(sentence.encode()) + 1)


def _numbered(unit: str, count: int) -> Callable[[int], str]:
    """`count(i)` lines of `unit` repeated, each opened by its number (so no two are equal)."""
    return lambda n: "".join(f"{i} {unit * count}\n" for i in range(n))


def _html(body: str) -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>\n{body}</body></html>"


def _article_parts() -> tuple[str, str, str]:
    """fixtures/pages/article.html cut into its head, its body's content, and its end."""
    page = ARTICLE.read_text("utf-8")
    head, rest = page.split("<body>", 1)
    body, end = rest.rsplit("</body>", 1)
    return head + "<body>", body, "</body>" + end


def _article_page(copies: int) -> str:
    head, body, end = _article_parts()
    return head + body * copies + end


def _dom_fragments() -> list[str]:
    return sorted(
        {
            entry
            for path in DOM.glob("*.txt")
            for line in path.read_text("utf-8").splitlines()
            if (entry := line.split("#", 1)[0].strip())
        }
    )


def _many_classes(n: int) -> str:
    """`n` paragraphs, each with 20 class tokens made of the DOM vocabularies (distinct per
    element, so no memo helps) and 10 other attributes."""
    frags = _dom_fragments()
    rows = []
    for i in range(n):
        classes = " ".join(f"{frags[(i + k) % len(frags)]}-{i}" for k in range(20))
        attrs = " ".join(f'data-k{k}="{i}"' for k in range(10))
        rows.append(f'<p class="{classes}" id="p{i}" {attrs}>{i} {_SENTENCE}</p>\n')
    return _html("".join(rows))


def _huge_class(tokens: int) -> str:
    frags = _dom_fragments()
    classes = " ".join(f"{frags[i % len(frags)]}-{i}" for i in range(tokens))
    return _html(f'<div class="{classes}"><p>{html.escape(_paragraph())}</p></div>')


def _many_images(n: int) -> str:
    images = "".join(
        f'<img src="/anh/{i}.jpg" alt="Ảnh minh họa {i}: người dân xem pháo hoa">\n'
        for i in range(n)
    )
    paragraph = f"<p>{html.escape(_paragraph())}</p>"
    return _html(f"{paragraph}\n{images}{paragraph}")


@dataclass(frozen=True)
class Shape:
    name: str
    what: str
    unit: str  # what a size counts
    sizes: tuple[int, ...]
    build: Callable[[int], str]
    markup: bool = False  # build gives a whole HTML page: measured in HTML mode only


# Copies of the seed pages that make ~20 MB of UTF-8.
PAGE_COPIES_20MB = -(-20 * MB // len(_page().encode()))
SHAPES = [
    Shape("page", "the five seed pages joined (59 KB), repeated", "copies",
          (1, 4, 16, 64, PAGE_COPIES_20MB), lambda n: _page() * n),
    Shape("one_char_lines", "one-character lines (a, Đ, 7, ., |)", "lines",
          (15_625, 62_500, 250_000, 1_000_000),
          lambda n: "\n".join("aĐ7.|"[i % 5] for i in range(n))),
    Shape("long_line", "one line of one sentence repeated", "bytes",
          (300_000, 1_200_000, 5_000_000), _sentence_line),
    Shape("anh_lines", 'lines of 30 "Ảnh:" tokens', "lines",
          (1_000, 4_000, 16_000, 64_000), _numbered("Ảnh: ", 30)),
    Shape("anh_one_line", 'one line of "Ảnh:" tokens (under max_line_chars)', "tokens",
          (2_500, 10_000, 39_000), lambda n: "Tin " + "Ảnh: " * n),
    Shape("pipe_lines", 'lines of 20 "Thời sự |" menu items', "lines",
          (1_000, 4_000, 16_000, 64_000), _numbered("Thời sự | ", 20)),
    Shape("pipe_one_line", 'one line of "|" separators (under max_line_chars)', "tokens",
          (6_000, 24_000, 96_000), lambda n: "Trang chủ " + "| " * n),
    Shape("repeated_line", "one body paragraph repeated", "lines",
          (500, 2_000, 8_000, 32_000), lambda n: (_paragraph() + "\n\n") * n),
    Shape("byline_lines", 'bylines "Tin, ảnh: X" naming distinct authors', "lines",
          (1_000, 4_000, 16_000, 64_000),
          lambda n: "".join(f"Tin, ảnh: Nguyễn Văn {i}\n\n" for i in range(n))),
]
# Copies of article.html's body that make ~20 MB.
ARTICLE_COPIES_20MB = -(-20 * MB // len(_article_parts()[1].encode()))
HTML_SHAPES = [
    Shape("article_html", "the body of fixtures/pages/article.html, repeated", "copies",
          (1, 4, 16, 64, ARTICLE_COPIES_20MB), _article_page, markup=True),
    Shape("deep_nesting", "`<div>` nested, one paragraph at the bottom", "levels",
          (1_000, 4_000, 16_000, 64_000),
          lambda n: _html("<div>" * n + f"<p>{html.escape(_paragraph())}</p>" + "</div>" * n),
          markup=True),
    Shape("deep_text", "`<div>` nested, a line of text at every level", "levels",
          (1_000, 4_000, 16_000, 64_000),
          lambda n: _html("".join(f"<div>{i} {_SENTENCE}" for i in range(n)) + "</div>" * n),
          markup=True),
    Shape("sibling_blocks", "sibling `<p>` of distinct sentences", "blocks",
          (1_000, 4_000, 16_000, 64_000),
          lambda n: _html("".join(f"<p>{i} {_SENTENCE}</p>\n" for i in range(n))), markup=True),
    Shape("huge_text_node", "one `<p>` of one sentence repeated", "bytes",
          (300_000, 1_200_000, 5_000_000, 20_000_000),
          lambda n: _html(f"<p>{_sentence_line(n)}</p>"), markup=True),
    Shape("many_classes", "`<p>` with 20 class tokens and 10 other attributes", "elements",
          (500, 2_000, 8_000, 32_000), _many_classes, markup=True),
    Shape("huge_class", "one class attribute of many tokens", "tokens",
          (10_000, 40_000, 160_000, 640_000), _huge_class, markup=True),
    Shape("many_images", "`<img alt>` between two paragraphs", "images",
          (1_000, 4_000, 16_000, 64_000), _many_images, markup=True),
]
BY_NAME = {s.name: s for s in SHAPES + HTML_SHAPES}


def shapes_of(mode: str) -> list[Shape]:
    return SHAPES + HTML_SHAPES if mode == "html" else SHAPES


def page_of(shape: Shape, size: int, mode: str) -> str:
    """The input of one measurement: the text, or in HTML mode a page."""
    built = shape.build(size)
    return as_html(built) if mode == "html" and not shape.markup else built


def as_html(text: str) -> str:
    """A minimal page with one escaped <p> per non-blank line (../shared/tools/score.py)."""
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>\n{body}</body></html>"


def cleaner(mode: str) -> Callable[[str], object]:
    import vnnews_clean

    if mode == "text":
        return vnnews_clean.clean_text
    if not hasattr(vnnews_clean, "clean_html"):
        raise SystemExit("this vnnews_clean has no clean_html: --mode html cannot run")
    return vnnews_clean.clean_html


# The memos keyed by what an input holds. Left warm, the best of three calls finds an input's
# lines, class attributes and words already read, below each memo's size only: a small input
# then looks cheaper than a large one (2,000 classed elements ran in half the time warm).
_MEMOS = (("signals", "_memoised"), ("dom_tokens", "token_bits"), ("normalize", "_canon_word"))


def _forget() -> None:
    """Empty the memos of earlier inputs, so that every call is cold."""
    for module, name in _MEMOS:
        memo = getattr(importlib.import_module(f"vnnews_clean.{module}"), name, None)
        if memo is not None and hasattr(memo, "cache_clear"):
            memo.cache_clear()


def measure_one(shape: Shape, index: int, mode: str) -> dict[str, object]:
    """Run in the child process: build the input, warm up, time the cold call."""
    data = page_of(shape, shape.sizes[index], mode)
    clean = cleaner(mode)
    warm = "Trang chủ\n\nXin chào\n\n" + "Một câu văn bình thường của một bài báo. " * 20
    clean(as_html(warm) if mode == "html" else warm)
    best, wall, blocks, error = float("inf"), float("inf"), 0, None
    for _ in range(3):
        _forget()
        gc.collect()
        cpu_started, started = time.process_time(), time.perf_counter()
        try:
            article = clean(data)
        except Exception as exc:  # reported in the table, the run goes on
            error = f"{type(exc).__name__}: {exc}"
            break
        cpu, elapsed = time.process_time() - cpu_started, time.perf_counter() - started
        if cpu < best:
            best, wall = cpu, elapsed
        blocks = len(getattr(article, "blocks", ()))
        del article
        if best >= 2.0:
            break
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    return {"bytes": len(data.encode("utf-8", "surrogatepass")), "blocks": blocks,
            "cpu": None if error else best, "wall": None if error else wall,
            "peak": peak, "error": error}


@dataclass
class Row:
    shape: Shape
    size: int
    bytes: int = 0
    blocks: int = 0
    cpu: float | None = None
    wall: float | None = None
    peak: int = 0
    error: str | None = None

    @property
    def us_per_byte(self) -> float | None:
        return None if self.cpu is None else self.cpu / self.bytes * 1e6


def run(shape: Shape, index: int, mode: str, timeout: float) -> Row:
    row = Row(shape, shape.sizes[index])
    cmd = [sys.executable, __file__, "--one", shape.name, str(index), "--mode", mode]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        row.error = f"timeout after {timeout:.0f} s"
        return row
    if done.returncode != 0:
        row.error = (done.stderr.strip().splitlines() or ["crashed"])[-1]
        return row
    got = json.loads(done.stdout.strip().splitlines()[-1])
    row.bytes, row.blocks, row.cpu, row.wall, row.peak, row.error = (
        got["bytes"], got["blocks"], got["cpu"], got["wall"], got["peak"], got["error"])
    return row


def ratio(rows: list[Row]) -> float | None:
    """µs/byte of the largest measured size over that of the smallest."""
    per = [r.us_per_byte for r in rows if r.us_per_byte is not None]
    return per[-1] / per[0] if len(per) >= 2 else None


def tables(rows: list[Row]) -> list[str]:
    out = ["| Shape | Size | MB | Blocks | Wall s | CPU s | CPU µs/byte | Peak RSS MB |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        if r.cpu is None or r.wall is None:
            times = f"**{r.error}** | – | –"
        else:
            times = f"{r.wall:.3f} | {r.cpu:.3f} | {r.cpu / r.bytes * 1e6:.3f}"
        out.append(f"| {r.shape.name} | {r.size:,} {r.shape.unit} | {r.bytes / MB:.2f} | "
                   f"{r.blocks:,} | {times} | {r.peak / MB:,.0f} |")
    out += ["", "| Shape | What | CPU µs/byte, largest ÷ smallest | Within 2× |",
            "|---|---|---:|---|"]
    for shape in dict.fromkeys(r.shape for r in rows):
        k = ratio([r for r in rows if r.shape is shape])
        verdict = "–" if k is None else ("yes" if k <= TARGET else "**no**")
        shown = "–" if k is None else f"{k:.2f}"
        what = shape.what.replace("|", "\\|")
        out.append(f"| {shape.name} | {what} | {shown} | {verdict} |")
    return out


def render(args: argparse.Namespace, rows: list[Row], wall: float) -> str:
    begin, end = MARKERS[args.mode]
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    opts = [f"--mode {args.mode}" if args.mode != "text" else "",
            f"--max-mb {args.max_mb:g}" if args.max_mb else "",
            f"--shapes {args.shapes}" if args.shapes else ""]
    cmd = " ".join(["python benchmarks/scaling.py", *filter(None, opts), "--write"])
    call = "clean_html" if args.mode == "html" else "clean_text"
    head = [
        f"{begin}\n<!-- Generated by benchmarks/scaling.py: edit outside the markers only. -->",
        f"### Time against input size ({call})",
        f"Regenerate from the project root: `{cmd}`",
        "\n".join([
            f"- Run: {when}, {wall:.0f} s in all; vnnews_clean at git {git_revision()}",
            ("- Protocol: one fresh process per row, warmed up on another page, cold memos "
             "(signals, class tokens, words); below 2 CPU seconds the best of three calls; "
             "µs/byte from CPU time"),
            (f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs, "
             f"{platform.python_implementation()} {platform.python_version()}"),
        ]),
    ]
    return "\n\n".join([*head, "\n".join(tables(rows)), end]) + "\n"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=list(MARKERS), default="text")
    ap.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    ap.add_argument("--max-mb", type=float, default=0.0, help="skip inputs larger than this")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per measurement")
    ap.add_argument("--write", action="store_true", help=f"rewrite the region of {DOC.name}")
    ap.add_argument("--one", nargs=2, metavar=("SHAPE", "INDEX"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        result = measure_one(BY_NAME[args.one[0]], int(args.one[1]), args.mode)
        print(json.dumps(result))
        return 0
    cleaner(args.mode)  # fail early when the mode cannot run
    known = {s.name: s for s in shapes_of(args.mode)}
    names = [n for n in args.shapes.split(",") if n] or list(known)
    unknown = [n for n in names if n not in known]
    if unknown:
        ap.error(f"unknown shape {', '.join(unknown)} in {args.mode} mode; "
                 f"known: {', '.join(known)}")
    t0, rows = time.perf_counter(), []
    for name in names:
        shape = BY_NAME[name]
        for index, size in enumerate(shape.sizes):
            if args.max_mb and len(page_of(shape, size, args.mode).encode()) > args.max_mb * MB:
                continue
            row = run(shape, index, args.mode, args.timeout)
            rows.append(row)
            log(f"{name} {size:,} {shape.unit}: "
                + (f"{row.wall:.3f} s wall, {row.cpu:.3f} s CPU, {row.us_per_byte:.3f} µs/byte, "
                   f"{row.peak / MB:,.0f} MB" if row.cpu is not None and row.wall is not None
                   else str(row.error)))
    region = render(args, rows, time.perf_counter() - t0)
    if args.write:
        write_region(DOC, region, *MARKERS[args.mode], heading="## Scaling")
        log(f"wrote {DOC}")
    else:
        sys.stdout.write(region)
    failed = any(r.error for r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
