"""Throughput of vnnews_clean next to peer extractors and a bare lxml parse, as the markdown
tables of docs/benchmarks.md.

    python benchmarks/speed.py                  # HTML pages and text dumps; print the markdown
    python benchmarks/speed.py --mode text      # text dumps only (or --mode html)
    python benchmarks/speed.py --passes 9       # timed passes per system (default 5)
    python benchmarks/speed.py --write          # rewrite the speed region of docs/benchmarks.md

Run it from the project root with the project's venv; the corpus is html/*.html and dumps/*.txt
of ../shared/corpus (or --corpus). In one process, per system: gc.collect(), one warm-up pass
over all pages, the timed passes (perf_counter); the median pass is reported. Exceptions are
counted per page and system; the run goes on.

HTML mode: every system gets the page's bytes; trafilatura, readability and resiliparse take str,
as in ../shared/tools/score.py, so they decode the bytes as UTF-8 inside the timed call. Text
mode: clean_text gets the dump; the others get it as HTML, one escaped <p> per non-blank line
(score.py's _as_html), built before the timing. MB/s counts the UTF-8 bytes each system is given.
When the C accelerator is built, vnnews_clean is timed a second time with it switched off (the
speed of an install without a compiler). Progress goes to stderr; the exit code is 1 when a
peer is not installed or a page failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- speed:begin -->", "<!-- speed:end -->"
INPUTS = {"html": ("html/*.html", "HTML pages"), "text": ("dumps/*.txt", "Text dumps")}

sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))
sys.path.insert(0, str(ROOT / "src"))

import score  # type: ignore[import-not-found]  # noqa: E402

from docregion import git_revision, write_region  # noqa: E402
from quality import versions  # noqa: E402

Run = Callable[[Any], object]


def _decoding(fn: Run) -> Run:
    return lambda raw: fn(raw.decode("utf-8", "replace"))  # the decode is timed


def _trafilatura(precision: bool) -> Run:
    import trafilatura
    return lambda doc: trafilatura.extract(doc, favor_precision=precision)


def _readability() -> Run:
    from readability import Document
    return lambda doc: Document(doc).summary()


def _justext() -> Run:
    import justext
    stoplist = justext.get_stoplist("Vietnamese")  # read once, outside the timing
    return lambda doc: justext.justext(doc, stoplist)


def _resiliparse() -> Run:
    from resiliparse.extract.html2text import extract_plain_text
    return lambda doc: extract_plain_text(doc, main_content=True)


def _lxml() -> Run:
    import lxml.html
    parser = lxml.html.HTMLParser(encoding="utf-8")  # lxml's own sniffing misses late charsets
    return lambda doc: lxml.html.document_fromstring(doc, parser=parser)


# title, factory, takes str (so HTML mode decodes first), runs in text mode
PEERS: tuple[tuple[str, Callable[[], Run], bool, bool], ...] = (
    ("trafilatura (default)", lambda: _trafilatura(False), True, True),
    ("trafilatura (favor_precision)", lambda: _trafilatura(True), True, False),
    ("readability-lxml (`summary()`)", _readability, True, True),
    ("jusText (Vietnamese stoplist)", _justext, False, True),
    ("resiliparse (main content)", _resiliparse, True, True),
    ("lxml parse only (floor)", _lxml, False, True),
)


def _pure_python(fn: Run) -> Run:
    """fn with the C accelerator switched off: the speed of an install without a compiler."""
    from vnnews_clean import native

    def run(doc: Any) -> object:
        saved, native.core = native.core, None
        try:
            return fn(doc)
        finally:
            native.core = saved
    return run


def systems(mode: str) -> list[tuple[str, Run | str]]:
    """(title, function over one input) per system, or why the system cannot run."""
    import vnnews_clean
    from vnnews_clean import native

    name = "clean_html" if mode == "html" else "clean_text"
    fn = getattr(vnnews_clean, name, "not built")
    built = "" if native.core is not None else ", C accelerator NOT BUILT"
    out: list[tuple[str, Run | str]] = [(f"**vnnews_clean** (`{name}`{built})", fn)]
    if not isinstance(fn, str) and native.core is not None:
        out.append(("vnnews_clean, pure Python (no C accelerator)", _pure_python(fn)))
    for title, make, wants_str, in_text in PEERS:
        if mode == "html" or in_text:
            try:
                fn = make()
                out.append((title, _decoding(fn) if mode == "html" and wants_str else fn))
            except ImportError as e:
                out.append((title, f"NOT INSTALLED ({(e.name or '?').split('.')[0]})"))
    return out


@dataclass
class Timing:
    """One system's pass times on one mode; status is "ok" or why it did not run."""

    title: str
    nbytes: int
    status: str = "ok"
    passes: list[float] = field(default_factory=list)
    failed: set[int] = field(default_factory=set)
    error: str = ""


def time_system(t: Timing, fn: Run, inputs: list[Any], passes: int) -> Timing:
    for n in range(passes + 1):  # pass 0 is the warm-up
        start = time.perf_counter()
        for i, doc in enumerate(inputs):
            try:
                fn(doc)
            except Exception as e:  # counted, never fatal
                t.failed.add(i)
                t.error = t.error or f"{type(e).__name__}: {e}"[:120]
        if n:
            t.passes.append(time.perf_counter() - start)
    return t


def nbytes(inputs: list[Any]) -> int:
    return sum(len(x.encode("utf-8") if isinstance(x, str) else x) for x in inputs)


def ratio(x: float) -> str:
    return f"{x:.{0 if x >= 10 else 1 if x >= 1 else 2}f}×" if x >= 0.1 else f"{x:.2g}×"


def table(timings: list[Timing], pages: int) -> str:
    lines = [("| System | Median s/pass | Min–max s | ms/page | Pages/s | MB/s | vnnews_clean × "
              "| Failed |\n|---|---:|---:|---:|---:|---:|---:|---:|")]
    vc = timings[0]
    vc_rate = pages / statistics.median(vc.passes) if vc.status == "ok" else None
    for t in timings:
        if t.status != "ok":
            lines.append(f"| {t.title} | {t.status} | | | | | | |")
            continue
        med = statistics.median(t.passes)
        mult = ratio(vc_rate * med / pages) if vc_rate else "—"
        lines.append(f"| {t.title} | {med:.3f} | {min(t.passes):.3f}–{max(t.passes):.3f} | "
                     f"{1000 * med / pages:.1f} | {pages / med:.1f} | "
                     f"{t.nbytes / 1e6 / med:.2f} | {mult} | {len(t.failed)} |")
    return "\n".join(lines)


def run_mode(mode: str, corpus: Path, passes: int) -> tuple[list[str], bool]:
    """The section of one mode, and whether a peer was missing or a page failed."""
    paths = sorted(corpus.glob(INPUTS[mode][0]))
    if mode == "html":
        raw = peer_in = [p.read_bytes() for p in paths]
    else:
        raw = [p.read_text(encoding="utf-8") for p in paths]
        peer_in = [score._as_html(d) for d in raw]  # built once, not timed
    timings = []
    for title, fn in systems(mode):
        inputs = raw if "vnnews_clean" in title else peer_in  # ours read the dump itself
        t = Timing(title, nbytes(inputs), status=fn if isinstance(fn, str) else "ok")
        if not isinstance(fn, str):
            gc.collect()
            time_system(t, fn, inputs, passes)
            log(f"{mode}: {title.replace('**', '')}: median {statistics.median(t.passes):.3f} "
                f"s/pass, failed {len(t.failed)}")
        timings.append(t)
    note = (f"{len(raw)} pages, {nbytes(raw) / 1e6:.2f} MB"
            + ("." if mode == "html" else f"; {nbytes(peer_in) / 1e6:.2f} MB as HTML for the "
               "others (one escaped `<p>` per non-blank line, built before the timing).")
            + " vnnews_clean ×: its pages/s over the system's (above 1, vnnews_clean is faster).")
    errors = [f"- {t.title}: {len(t.failed)} pages failed, first: {t.error}"
              for t in timings if t.failed]
    bad = any(t.failed or t.status.startswith("NOT INSTALLED") for t in timings)
    return [f"### {INPUTS[mode][1]}", note, table(timings, len(raw)), *errors], bad


def cpu_model() -> str:
    info = Path("/proc/cpuinfo")
    lines = info.read_text().splitlines() if info.exists() else []
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return names[0] if names else platform.processor() or "unknown CPU"


def render(args: argparse.Namespace, sections: list[str], wall: float) -> str:
    """The generated region, markers included."""
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    opts = [f"--mode {args.mode}" if args.mode != "both" else "",
            f"--passes {args.passes}" if args.passes != 5 else "",
            f"--corpus {args.corpus}" if args.corpus.resolve() != DEFAULT_CORPUS.resolve() else ""]
    cmd = " ".join(["python benchmarks/speed.py", *filter(None, opts), "--write"])
    head = [
        f"{BEGIN}\n<!-- Generated by benchmarks/speed.py: edit outside the markers only. -->",
        f"Regenerate from the project root: `{cmd}`",
        "\n".join([
            f"- Run: {when}, {wall:.0f} s in all; vnnews_clean at git {git_revision()}",
            (f"- Protocol: per system, one warm-up pass over all pages, then {args.passes} "
             "timed passes, in one process; the median pass is reported"),
            f"- Versions: {versions()}",
            (f"- Machine: {platform.platform()}, {cpu_model()}, {os.cpu_count()} cores, "
             f"{platform.python_implementation()} {platform.python_version()}"),
        ]),
    ]
    return "\n\n".join([*head, *sections, END]) + "\n"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["html", "text", "both"], default="both")
    ap.add_argument("--passes", type=int, default=5, help="timed passes (default 5)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--write", action="store_true", help=f"rewrite the region of {DOC.name}")
    args = ap.parse_args()
    if args.passes < 1:
        ap.error("--passes must be at least 1")
    modes = ["html", "text"] if args.mode == "both" else [args.mode]
    missing = [INPUTS[m][0] for m in modes if not any(args.corpus.glob(INPUTS[m][0]))]
    if missing:
        log(f"no corpus at {args.corpus}: no {' and no '.join(missing)} there (pass --corpus "
            "PATH; the default is ../shared/corpus beside the project root)")
        return 2
    t0 = time.perf_counter()
    sections, bad = [], False
    for mode in modes:
        lines, mode_bad = run_mode(mode, args.corpus, args.passes)
        sections, bad = sections + lines, bad or mode_bad
    region = render(args, sections, time.perf_counter() - t0)
    if args.write:
        write_region(DOC, region, BEGIN, END, heading="## Speed")
        log(f"wrote {DOC}")
    else:
        sys.stdout.write(region)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
