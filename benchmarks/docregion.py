"""What the benchmark scripts share: the generated regions of docs/benchmarks.md, and the
commit the numbers were measured at."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def git_revision() -> str:
    """The project's commit, and whether src/ has uncommitted changes (numbers depend on it)."""
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} + uncommitted changes in src/" if dirty else head


def write_region(doc: Path, region: str, begin: str, end: str, *, heading: str = "",
                 new_doc: str = "# Benchmarks\n") -> None:
    """Replace the lines from ``begin`` to ``end`` in doc with region (markers included in
    region). Without the markers, region is appended, under ``heading`` unless the doc already
    has that heading; a missing doc starts as ``new_doc``."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else new_doc
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.strip() == begin]
    ends = [i for i, line in enumerate(lines) if line.strip() == end]
    if not starts and not ends:
        title = f"\n\n{heading}" if heading and f"\n{heading}\n" not in text else ""
        new = text.rstrip("\n") + title + "\n\n" + region if text.strip() else region
    elif len(starts) == 1 and len(ends) == 1 and starts[0] < ends[0]:
        new = "".join([*lines[: starts[0]], region, *lines[ends[0] + 1 :]])
    else:
        raise SystemExit(f"{doc}: expected one {begin} line, then one {end} line")
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(new, encoding="utf-8")
