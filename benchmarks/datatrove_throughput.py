"""Throughput of VnNewsExtractor in a real datatrove pipeline, JSON Lines in and out, as the
markdown table of docs/scale.md.

    python benchmarks/datatrove_throughput.py              # 2,000 docs, tasks 1 and 2
    python benchmarks/datatrove_throughput.py --docs 500 --tasks 1 2 4
    python benchmarks/datatrove_throughput.py --write      # rewrite the region in docs/scale.md

Run it from the project root with the project's venv and the datatrove extra. The input is the
corpus's HTML pages (../shared/corpus/html, or --corpus) repeated to --docs documents, in 8
uncompressed JSON Lines files (so that up to 8 tasks each get a share); the pipeline is
JsonlReader -> VnNewsExtractor() -> JsonlWriter (gzip, datatrove's default) on a
LocalPipelineExecutor with workers = tasks. Each configuration runs --passes times, each in a
fresh Python process, timed from the executor's start to its end (process start-up, the
forkserver pool and the sandbox processes included); the fastest pass is reported (on a
shared machine it is the least disturbed one), with the peak resident memory of the largest
process of that pass (the task or its sandbox). The first row is the baseline: clean_html over
the same pages in a loop, in one process, nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DOC = ROOT / "docs" / "scale.md"
BEGIN, END = "<!-- datatrove-throughput:begin -->", "<!-- datatrove-throughput:end -->"
FILES = 8

sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from docregion import git_revision, write_region  # noqa: E402


def write_input(corpus: Path, docs: int, folder: Path) -> int:
    """The pages repeated to ``docs`` documents in FILES files; the input's size in bytes."""
    pages = [(p.name, p.read_bytes().decode("utf-8")) for p in sorted(corpus.glob("html/*.html"))]
    if not pages:
        raise SystemExit(f"no pages in {corpus / 'html'}")
    folder.mkdir(parents=True, exist_ok=True)
    files = [(folder / f"{i:02d}.jsonl").open("w", encoding="utf-8") for i in range(FILES)]
    size = 0
    for i in range(docs):
        name, html = pages[i % len(pages)]
        line = json.dumps({"id": f"{i:05d}-{name}", "text": html}, ensure_ascii=False) + "\n"
        files[i % FILES].write(line)
        size += len(html.encode("utf-8"))
    for f in files:
        f.close()
    return size


def cpu_seconds() -> float:
    """CPU time of this process and of every descendant that has been waited for."""
    me, children = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def measure(folder: Path, tasks: int) -> dict[str, float]:
    """One pass, in this process: tasks = 0 is the clean_html loop, else the pipeline. The
    imports are done before the clock starts; the workers' own start-up is timed."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from vnnews_clean import clean_html
    from vnnews_clean.integrations.datatrove import VnNewsExtractor

    cpu_started, started = cpu_seconds(), time.perf_counter()
    if tasks == 0:
        for path in sorted(folder.glob("in/*.jsonl")):
            with path.open(encoding="utf-8") as f:
                for line in f:
                    clean_html(json.loads(line)["text"])
    else:
        out = folder / f"out-{tasks}-{time.time_ns()}"
        LocalPipelineExecutor(
            pipeline=[
                JsonlReader(str(folder / "in")),
                VnNewsExtractor(),
                JsonlWriter(str(out / "docs")),
            ],
            tasks=tasks,
            workers=tasks,
            logging_dir=str(out / "logs"),
            # Fork: the workers are then this process's children, reaped when the pool
            # closes, so that their CPU time (and their sandboxes') is counted. The default,
            # forkserver, only adds each worker's imports (~1 s) to the start-up.
            start_method="fork",
        ).run()
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    mb = peak_kb / 1024 / (1024 if sys.platform == "darwin" else 1)
    return {"wall": wall, "cpu": cpu, "peak_mb": mb}


def run_pass(folder: Path, tasks: int) -> dict[str, float]:
    """One pass in a fresh process, so that no cache or memory peak carries over."""
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(tasks), "--folder", str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def render(
    rows: list[tuple[str, dict[str, float]]], docs: int, size: int, passes: int, load: str
) -> str:
    from importlib.metadata import version

    runs = f"the fastest of {passes} passes, each" if passes > 1 else "one pass,"
    lines = [
        BEGIN,
        "| configuration | docs/s | MB/s of HTML | CPU ms per doc | wall (s) | peak RSS (MB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {docs / r['wall']:,.0f} | {size / r['wall'] / 1e6:.2f} "
            f"| {r['cpu'] / docs * 1e3:.1f} | {r['wall']:.1f} | {r['peak_mb']:,.0f} |"
        )
    lines += [
        "",
        (
            f"- {docs:,} documents ({size / 1e6:.0f} MB of HTML): the corpus's pages repeated; "
            f"{runs} in a fresh process. CPU: user + system time of all the pass's "
            "processes; peak RSS: its largest process."
        ),
        (
            f"- Machine: {cpu_model()}, {os.cpu_count()} CPUs, "
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{platform.system()}; datatrove {version('datatrove')}. Load average (1 min) "
            f"at the start and end of the run: {load}."
        ),
        (
            f"- vnnews_clean at {git_revision()}; regenerate with "
            "`python benchmarks/datatrove_throughput.py --write`."
        ),
        END,
        "",
    ]
    return "\n".join(lines)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--tasks", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--write", action="store_true", help=f"rewrite the region in {DOC}")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # one pass, internal
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:
        print(json.dumps(measure(args.folder, args.measure)))
        return 0

    load = f"{os.getloadavg()[0]:.1f}"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = write_input(args.corpus, args.docs, folder / "in")
        rows = []
        for tasks in [0, *args.tasks]:
            name = "clean_html loop, 1 process" if tasks == 0 else f"pipeline, tasks={tasks}"
            passes = []
            for i in range(args.passes):
                passes.append(run_pass(folder, tasks))
                wall, cpu = passes[-1]["wall"], passes[-1]["cpu"]
                log(f"{name} pass {i + 1}: {args.docs / wall:,.0f} docs/s, {cpu:.1f} s CPU")
            rows.append((name, min(passes, key=lambda r: r["wall"])))
    load += f" and {os.getloadavg()[0]:.1f}"
    table = render(rows, args.docs, size, args.passes, load)
    print(table)
    if args.write:
        write_region(DOC, table, BEGIN, END, heading="## Throughput")
    return 0


if __name__ == "__main__":
    sys.exit(main())
