"""Body-extraction quality of vnnews_clean next to peer extractors, plus its leave-one-portal-out
score, as the markdown tables of docs/benchmarks.md.

    python benchmarks/quality.py                # text dumps; print the markdown to stdout
    python benchmarks/quality.py --write        # rewrite the generated region of docs/benchmarks.md
    python benchmarks/quality.py --mode html    # the HTML pages (vnnews_clean needs clean_html)
    python benchmarks/quality.py --no-lopo      # skip leave-one-portal-out (scikit-learn; slow)
    python benchmarks/quality.py --corpus DIR   # another corpus with the same layout

Run it from the project root with the project's venv. The systems, the metric (4-gram shingle
F1 of the body, true captions cut out first) and the page loop are those of
../shared/tools/score.py, imported, not copied; on text dumps the HTML extractors get each line
as a <p>, as score.py does. Leave-one-portal-out is benchmarks/lopo.py's run(). --write replaces
only the lines between the quality markers in docs/benchmarks.md; the rest is hand-written.

Progress goes to stderr. The exit code is 1 when an extractor is not installed, a page crashed
or timed out (as in score.py), or leave-one-portal-out could not run (not with --no-lopo); the
tables are still printed or written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.metadata
import os
import platform
import statistics
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED_TOOLS = ROOT.parent / "shared" / "tools"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DOC = ROOT / "docs" / "benchmarks.md"
# One generated region per mode.
MARKERS = {
    "text": ("<!-- quality:begin -->", "<!-- quality:end -->"),
    "html": ("<!-- quality-html:begin -->", "<!-- quality-html:end -->"),
}
BEGIN, END = MARKERS["text"]

sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(SHARED_TOOLS))
sys.path.insert(0, str(ROOT / "src"))

import score  # type: ignore[import-not-found]  # noqa: E402

from docregion import git_revision, write_region  # noqa: E402

System = Callable[[Any, str], str]
SYSTEMS: dict[str, System] = {"vnnews_clean": score.sys_vnnews, **score.PEERS}
MODULES: dict[str, str] = {"vnnews_clean": "vnnews_clean", **score.PEER_MODULES}
TITLES = {
    "trafilatura": "trafilatura (default)",
    "trafilatura_precision": "trafilatura (favor_precision)",
    "justext_vi": "jusText (Vietnamese stoplist)",
    "readability": "readability-lxml",
    "resiliparse": "resiliparse (main content)",
    "c4_lines": "C4-style line filter",
}
DISTRIBUTIONS = ("vnnews-clean", "trafilatura", "jusText", "readability-lxml", "Resiliparse",
                 "lxml")
INTRO = f"""# Benchmarks

Quality of the article-body extraction on the shared corpus of Vietnamese news pages with
hand-checked truth (`../shared/corpus`), next to common extractors run on the same pages: 4-gram
shingle precision, recall and F1 of the body against the truth, the metric of the public
article-extraction benchmark (text compared in NFC; precision and recall averaged over pages, F1
taken from the two averages), with the page's true captions cut out of the extracted text first
so that keeping or dropping a caption neither helps nor hurts. The tables between the markers
are generated: regenerate them with `python benchmarks/quality.py --write` from the project root.
Everything outside the markers is written by hand and kept as is.

{BEGIN}
{END}
"""
LOPO_NOTE = (
    "For each portal, the learned weights are trained on every other portal (corpus dumps and "
    "seed pages, each seed a portal of its own) and scored on this one; the rules and "
    "vocabularies have seen every page (`benchmarks/lopo.py`)."
)


@dataclass
class Result:
    """One system's scores on one mode; status is "ok" or why there are no scores."""

    system: str
    status: str = "ok"
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    pages: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    metas: list[tuple[float, float, bool, bool, bool]] = field(default_factory=list)


# How a mode is named in a heading.
MODE_NAMES = {"text": "text", "html": "HTML"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def missing_module(system: str) -> str | None:
    """The name of the module that stops the system from importing, or None."""
    module = MODULES.get(system)
    if module is None:
        return None
    try:
        importlib.import_module(module)
    except ImportError as e:
        return (e.name or module).split(".")[0]
    return None


def score_system(system: str, pages: list[dict], mode: str, timeout: int) -> Result:
    missing = missing_module(system)
    if missing:
        return Result(system, status=f"NOT INSTALLED ({missing})")
    try:
        res = score.run(SYSTEMS[system], pages, mode, timeout)
    except ModuleNotFoundError as e:
        return Result(system, status=f"NOT INSTALLED ({(e.name or '?').split('.')[0]})")
    if res is None:
        why = "no clean_html yet" if system == "vnnews_clean" else f"not for {mode} input"
        return Result(system, status=f"skipped: {why}")
    (p, r, f1), rows, secs, n, metas, failed = res
    errors = [f"{page}: {err}" for page, _, err in rows if err]
    return Result(system, "ok", p, r, f1, n, failed, secs, errors, metas)


def title_of(system: str, mode: str) -> str:
    if system == "vnnews_clean":
        return f"**vnnews_clean** (`{'clean_html' if mode == 'html' else 'clean_text'}`)"
    return TITLES.get(system, system)


def results_table(results: list[Result], mode: str) -> list[str]:
    lines = [
        "| System | Precision | Recall | F1 | Pages | Failed | Seconds |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    scored = sorted((r for r in results if r.status == "ok"), key=lambda r: -r.f1)
    for r in scored:
        lines.append(f"| {title_of(r.system, mode)} | {r.precision:.3f} | {r.recall:.3f} | "
                     f"{r.f1:.3f} | {r.pages} | {r.failed} | {r.seconds:.2f} |")
    for r in results:
        if r.status != "ok":
            lines.append(f"| {title_of(r.system, mode)} | {r.status} | | | | | |")
    return lines


def metadata_line(result: Result | None) -> str:
    if result is None or not result.metas:
        return "vnnews_clean metadata: not measured in this mode."
    metas = result.metas

    def mean(i: int) -> float:
        return statistics.mean(float(m[i]) for m in metas)

    dated = sum(m[4] for m in metas)
    return (f"vnnews_clean metadata on the same {len(metas)} pages: captions precision "
            f"{mean(0):.3f}, recall {mean(1):.3f} (bag of words); title exact {mean(2):.3f}; "
            f"date {mean(3):.3f} (same local day; {dated} of {len(metas)} pages show a date, "
            "a date found on a page without one counts as wrong).")


def failures(results: list[Result]) -> list[str]:
    lines = [f"- {r.system} — {err}" for r in results for err in r.errors]
    return ["Failed pages (scored as empty):\n\n" + "\n".join(lines)] if lines else []


def run_lopo(mode: str = "text") -> dict[str, Any] | str:
    """lopo.run(CleanConfig(), mode=mode), or why it did not run (traceback to stderr)."""
    try:
        from vnnews_clean.config import CleanConfig

        import lopo  # type: ignore[import-not-found]

        return dict(lopo.run(CleanConfig(), mode=mode))
    except ModuleNotFoundError as e:
        root = (e.name or "").split(".")[0]
        if root in ("sklearn", "numpy", "scipy"):
            return f"NOT INSTALLED ({root}; `pip install -e '.[train]'`)"
        traceback.print_exc()
        return f"FAILED ({type(e).__name__}: {e})"
    except Exception as e:  # a crash in the library or the training: report, keep the tables
        traceback.print_exc()
        return f"FAILED ({type(e).__name__}: {e})"


def lopo_table(res: dict[str, Any]) -> list[str]:
    from corpus import portal_of  # scripts/corpus.py, on sys.path once lopo is imported

    sizes = Counter(portal_of(name) for name, _ in res["pages"])
    lines = ["| Held-out portal | Pages | F1 |", "|---|---:|---:|"]
    for portal, f1 in sorted(res["portals"].items(), key=lambda x: x[1]):
        lines.append(f"| {portal} | {sizes[portal]} | {f1:.3f} |")
    lines += [
        f"| **mean over portals** | {len(res['portals'])} portals | **{res['lopo_mean']:.3f}** |",
        f"| worst: {res['worst_portal']} | {sizes[res['worst_portal']]} | {res['worst_f1']:.3f} |",
        f"| in-sample (trained on all) | {sum(sizes.values())} | {res['in_sample_f1']:.3f} |",
    ]
    return lines


def versions() -> str:
    parts = [f"python {platform.python_version()}"]
    for dist in DISTRIBUTIONS:
        try:
            parts.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist} NOT INSTALLED")
    return ", ".join(parts)


def machine() -> str:
    return f"{platform.platform()} ({platform.machine()}), {os.cpu_count()} CPUs"


def command(args: argparse.Namespace) -> str:
    parts = ["python benchmarks/quality.py"]
    if args.mode != "text":
        parts.append(f"--mode {args.mode}")
    if args.corpus.resolve() != DEFAULT_CORPUS.resolve():
        parts.append(f"--corpus {args.corpus}")
    if args.no_lopo:
        parts.append("--no-lopo")
    return " ".join([*parts, "--write"])


def render(args: argparse.Namespace, results: list[Result], lopo: dict[str, Any] | str | None,
           wall: float) -> str:
    """The generated region, markers included: paragraphs and tables joined by blank lines."""
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    vc = next((r for r in results if r.system == "vnnews_clean" and r.status == "ok"), None)
    corpus = ("`../shared/corpus`" if args.corpus.resolve() == DEFAULT_CORPUS.resolve()
              else f"`{args.corpus}`")
    kind = "HTML pages" if args.mode == "html" else "text dumps"
    begin, end = MARKERS[args.mode]
    blocks = [
        f"{begin}\n<!-- Generated by benchmarks/quality.py: edit outside the markers only. -->",
        f"## Body extraction on the {kind}",
        f"Regenerate from the project root: `{command(args)}`",
        "\n".join([
            f"- Run: {when}, {wall:.0f} s in all; vnnews_clean at git {git_revision()}",
            f"- Corpus: {corpus}, {kind} (`--mode {args.mode}`)",
            f"- Versions: {versions()}",
            f"- Machine: {machine()}",
        ]),
        (f"Sorted by F1. Seconds: extraction time summed over the pages. A failed page (crash "
         f"or {args.timeout} s timeout) is scored as an empty extraction."),
        "\n".join(results_table(results, args.mode)),
        metadata_line(vc),
        *failures(results),
    ]
    if lopo is not None:
        blocks += [
            f"## Leave-one-portal-out (vnnews_clean, {MODE_NAMES[args.mode]} mode)",
            LOPO_NOTE,
            f"Not run: {lopo}" if isinstance(lopo, str) else "\n".join(lopo_table(lopo)),
        ]
    return "\n\n".join([*blocks, end]) + "\n"


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["text", "html"], default="text")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--no-lopo", action="store_true", help="skip leave-one-portal-out")
    ap.add_argument("--timeout", type=int, default=60, help="seconds per page (default 60)")
    ap.add_argument("--write", action="store_true", help=f"rewrite the region of {DOC.name}")
    return ap.parse_args()


def main() -> int:
    args = parse_args()
    if not (args.corpus / "truth").is_dir():
        log(f"no corpus at {args.corpus} (expected truth/, dumps/, html/)")
        return 2
    t0 = time.perf_counter()
    pages = score.load_corpus(args.corpus)
    results = []
    for system in SYSTEMS:
        log(f"{args.mode}: {system} ...")
        results.append(score_system(system, pages, args.mode, args.timeout))
        r = results[-1]
        log(f"  {r.status}" if r.status != "ok" else
            f"  P={r.precision:.3f} R={r.recall:.3f} F1={r.f1:.3f} pages={r.pages} "
            f"failed={r.failed} {r.seconds:.2f}s")
    lopo = None
    if not args.no_lopo:
        log("leave-one-portal-out ...")
        lopo = run_lopo(args.mode)
    region = render(args, results, lopo, time.perf_counter() - t0)
    if args.write:
        write_region(DOC, region, *MARKERS[args.mode], new_doc=INTRO)
        log(f"wrote {DOC}")
    else:
        sys.stdout.write(region)
    bad = [r.system for r in results if r.status.startswith("NOT INSTALLED") or r.failed]
    if isinstance(lopo, str):
        bad.append("leave-one-portal-out")
    if bad:
        log(f"exit 1: not installed, failed pages or not run: {', '.join(bad)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
