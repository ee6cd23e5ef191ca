"""Where the time of one page goes, stage by stage, next to the time budget a speed target
leaves (trafilatura's median ms/page on the same pages over the target ratio).

    python benchmarks/stages.py                 # both modes; print the markdown
    python benchmarks/stages.py --mode text     # or --mode html
    python benchmarks/stages.py --pure-python   # with the C accelerator switched off
    python benchmarks/stages.py --cold          # every page's lines read as new (no memo)
    python benchmarks/stages.py --write         # rewrite the stages region of docs/benchmarks.md

Run from the project root with the project's venv; pages are ../shared/corpus (html/*.html,
dumps/*.txt). Protocol as in speed.py: one warm-up pass, then the median of --passes timed
passes (the time of each page's call summed, so that --cold empties the memos untimed). Each
stage is timed by wrapping the function at the place the pipeline calls it, once per page or
per pass over a page (never per block, so the wrappers cost microseconds a page).
The labelling stages run on every labelling pass: the page's, a second decode around a missed
sapo, and the re-clean of the article's own text (stabilise.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DOC = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- stages:begin -->", "<!-- stages:end -->"
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))

import vnnews_clean  # noqa: E402
from docregion import git_revision, write_region  # noqa: E402
from vnnews_clean import (  # noqa: E402
    classify,
    dom_tokens,
    html_input,
    model,
    native,
    normalize,
    page,
    pipeline,
    signals,
)

# The issues' targets: pages per second over trafilatura's, on the same pages.
TARGETS = {"html": 5.0, "text": 20.0}

# (module, attribute, stage): the page-level steps of clean_text / clean_html.
OUTER = {
    "text": (
        (pipeline, "segment_text", "segment the dump into blocks"),
        (pipeline, "label_page", "label the blocks"),
        (pipeline, "assemble", "assemble the article"),
        (pipeline, "stabilise", "re-clean the article's text (stabilise)"),
    ),
    "html": (
        (html_input, "decode_page", "decode the bytes"),
        (html_input, "parse_html", "parse with lxml"),
        (html_input, "segment_html", "segment the tree into blocks"),
        (pipeline, "label_page", "label the blocks"),
        (pipeline, "assemble", "assemble the article"),
        (pipeline, "stabilise", "re-clean the article's text (stabilise)"),
        (pipeline, "fallback_reason", "decide on the fallback"),
        (pipeline, "read_meta", "read the metadata"),
        (pipeline, "finish", "finish the article"),
    ),
}
# The steps of every labelling pass (classify.score_page and classify.decode_page).
INNER = (
    (classify, "page_features", "features"),
    (classify, "dom_rows", "DOM features (HTML)"),
    (classify, "apply_rules", "rules"),
    (classify, "apply_dom_rules", "DOM rules (HTML)"),
    (model.Model, "page_posteriors", "model posteriors"),
    (classify, "best_path", "emissions and Viterbi"),
    (page, "score_page", "scoring in all (signals, features, rules, model)"),
    (page, "decode_page", "decoding in all (Viterbi and the fine labels)"),
)


def wrap(spent: dict[str, float], owner: Any, name: str, stage: str) -> None:
    fn = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - start

    setattr(owner, name, timed)


def trafilatura_ms(docs: list[Any], passes: int) -> float:
    import score  # type: ignore[import-not-found]
    import trafilatura

    inputs = [
        d.decode("utf-8", "replace") if isinstance(d, bytes) else score._as_html(d) for d in docs
    ]
    return 1000 * median_pass(lambda d: trafilatura.extract(d), inputs, passes) / len(docs)


def median_pass(fn: Callable[[Any], object], docs: list[Any], passes: int) -> float:
    times = []
    for n in range(passes + 1):
        start = time.perf_counter()
        for d in docs:
            fn(d)
        if n:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


# The memos keyed by a line's or a class attribute's text (signals, DOM tokens, words).
_MEMOS = ((signals, "_memoised"), (dom_tokens, "token_bits"), (normalize, "_canon_word"))


def forget() -> None:
    """Empty the memos, so that no line of an earlier page is known."""
    for owner, name in _MEMOS:
        getattr(owner, name).cache_clear()


def run(mode: str, passes: int, cold: bool = False) -> list[str]:
    paths = sorted(CORPUS.glob("html/*.html" if mode == "html" else "dumps/*.txt"))
    docs: list[Any] = [p.read_bytes() if mode == "html" else p.read_text("utf-8") for p in paths]
    clean = vnnews_clean.clean_html if mode == "html" else vnnews_clean.clean_text
    budget = trafilatura_ms(docs, passes) / TARGETS[mode]
    spent: dict[str, float] = {}
    for owner, name, stage in OUTER[mode] + INNER:
        wrap(spent, owner, name, stage)
    totals, per_stage = [], []
    for n in range(passes + 1):
        spent.clear()
        elapsed = 0.0
        for d in docs:
            if cold:
                forget()  # outside the timing
            start = time.perf_counter()
            clean(d)
            elapsed += time.perf_counter() - start
        if n:
            totals.append(elapsed)
            per_stage.append(dict(spent))
    k = len(docs)
    total = 1000 * statistics.median(totals) / k

    def ms(stage: str) -> float:
        return 1000 * statistics.median(p.get(stage, 0.0) for p in per_stage) / k

    outer = [s for _, _, s in OUTER[mode]]
    lines = [
        f"### {'HTML pages' if mode == 'html' else 'Text dumps'} ({k} pages)",
        "",
        (
            f"vnnews_clean {total:.2f} ms/page; the target of {TARGETS[mode]:g}× trafilatura "
            f"leaves {budget:.2f} ms/page."
        ),
        "",
        "| Stage | ms/page | share |",
        "|---|---:|---:|",
    ]
    for stage in outer:
        lines.append(f"| {stage} | {ms(stage):.2f} | {ms(stage) / total:.0%} |")
    rest = total - sum(ms(s) for s in outer)
    lines.append(f"| everything else | {rest:.2f} | {rest / total:.0%} |")
    lines += [
        "",
        "Inside labelling, over every labelling pass:",
        "",
        "| Step | ms/page |",
        "|---|---:|",
    ]
    for _, _, stage in INNER:
        if stage in per_stage[0]:
            lines.append(f"| {stage} | {ms(stage):.2f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mode", choices=("text", "html", "both"), default="both")
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--pure-python", action="store_true", help="switch the C accelerator off")
    ap.add_argument("--cold", action="store_true", help="empty the memos before every page")
    ap.add_argument("--write", action="store_true", help=f"rewrite the region of {DOC.name}")
    args = ap.parse_args(argv)
    if args.pure_python:
        native.core = None
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        "<!-- Generated by benchmarks/stages.py: edit outside the markers only. -->",
        "",
        "Regenerate from the project root: `python benchmarks/stages.py --write`",
        "",
        (
            f"- Run: {when}; vnnews_clean at git {git_revision()}; C accelerator "
            f"{'on' if native.core is not None else 'off'}; median of {args.passes} passes"
            f"{'; memos emptied before every page' if args.cold else ''}"
        ),
        f"- Machine: {platform.platform()}, CPython {platform.python_version()}",
        "",
    ]
    for mode in ("text", "html") if args.mode == "both" else (args.mode,):
        body += [*run(mode, args.passes, args.cold), ""]
    region = "\n".join([BEGIN, *body, END]) + "\n"
    print(region)
    if args.write:
        write_region(DOC, region, BEGIN, END, heading="## Where the time goes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
