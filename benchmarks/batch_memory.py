"""Memory of the batch path over a long stream of small pages: it must not grow with their number.

    python benchmarks/batch_memory.py                      # 100,000 records, one job per core
    python benchmarks/batch_memory.py --records 20000 --jobs 2

Writes N small Vietnamese text pages to a temporary JSON Lines file, one at a time (the
stream is never held in memory), runs ``python -m vnnews_clean --jsonl IN --output OUT`` on
it, and watches the command while it runs. At 10k, 50k, 100k, N/10, N/2 and N records
written it reports the peak resident memory so far of the parent and of the largest worker
(``VmHWM``) and of the whole process tree (the largest sum of ``VmRSS`` sampled every 0.2 s,
and of ``Pss``, which counts the pages the forked workers share once). Flat columns mean
bounded memory. (The "worker" column is the largest peak of any worker, including the ones
retired when the pool renews its workers every 10,000 pages each.)
At the end it adds the kernel's own peak for the run (``getrusage(RUSAGE_CHILDREN)``'s
``ru_maxrss``: the largest process of the tree, what ``/usr/bin/time -v`` prints). The
per-checkpoint figures need Linux's ``/proc``; elsewhere only the final one is given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SECTIONS = ("Thời sự", "Kinh doanh", "Thể thao", "Giáo dục", "Sức khỏe", "Du lịch")
PLACES = ("Hà Nội", "TP HCM", "Đà Nẵng", "Cần Thơ", "Hải Phòng", "Huế", "Nha Trang")
SUBJECTS = (
    "tuyến buýt điện",
    "dự án nhà ở xã hội",
    "lễ hội hoa xuân",
    "kỳ thi tốt nghiệp",
    "chương trình tiêm chủng",
    "cây cầu mới",
)
SENTENCES = (
    "Sáng {d}/{m}, {p} đưa vào sử dụng {s}, phục vụ hàng nghìn người dân mỗi ngày.",
    "Theo sở ngành, {s} được chuẩn bị nhiều tháng với kinh phí khoảng {n} tỷ đồng.",
    "Người dân {p} cho biết họ mong chờ {s} từ lâu và hy vọng chất lượng sẽ được duy trì.",
    "Trong giai đoạn tiếp theo, thành phố dự kiến mở rộng {s} tới các quận, huyện ngoại thành.",
    "Các chuyên gia đánh giá {s} là bước đi cần thiết, song cần theo dõi hiệu quả thực tế.",
)


def page(i: int, rng: random.Random) -> str:
    """One small news page as a text dump: menu, headline, date, body, byline, related links."""
    p, s = rng.choice(PLACES), rng.choice(SUBJECTS)
    d, m, n = rng.randint(1, 28), rng.randint(1, 12), rng.randint(10, 900)
    said = [t.format(d=d, m=m, p=p, s=s, n=n) for t in rng.sample(SENTENCES, len(SENTENCES))]
    body = [" ".join(said[k : k + 2]) for k in range(0, rng.randint(3, 5), 2)]  # 2 sentences each
    related = [
        f"{rng.choice(PLACES)} công bố kế hoạch {rng.choice(SUBJECTS)} năm {2020 + k}"
        for k in range(3)
    ]
    lines = [
        "Trang chủ",
        rng.choice(SECTIONS),
        f"{p} khởi động {s} (bài {i})",
        f"{d:02d}/{m:02d}/2024 08:{i % 60:02d}",
        *body,
        rng.choice(("Minh Anh", "Thu Hà", "Quốc Huy")),
        "Tin liên quan",
        *related,
    ]
    return "\n\n".join(lines) + "\n"


def write_records(path: Path, count: int) -> None:
    rng = random.Random(20240229)
    with path.open("w", encoding="utf-8") as f:
        for i in range(count):
            record = {"id": i, "text": page(i, rng), "source": "benchmark"}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (kB) of a process, and its Pss from smaps_rollup where there is one."""
    out: dict[str, int] = {}
    for name in ("status", "smaps_rollup"):
        try:
            text = Path(f"/proc/{pid}/{name}").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "Pss"):
                out[key] = int(value.split()[0])
    return out


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _mb(kb: float) -> str:
    return f"{kb / 1024:8.1f}"


def _lines_in(path: Path, start: int, counted: int) -> tuple[int, int]:
    """Newlines appended to ``path`` since byte ``start``: (new offset, running count)."""
    with path.open("rb") as f:
        f.seek(start)
        data = f.read()
    return start + len(data), counted + data.count(b"\n")


def run(records: int, jobs: int) -> None:
    fixed = {c for c in (10_000, 50_000, 100_000) if c <= records}
    checkpoints = sorted(fixed | {max(1, records // 10), max(1, records // 2), records})
    proc_fs = Path("/proc/self/status").exists()
    with tempfile.TemporaryDirectory(prefix="vnnews-batch-") as tmp:
        source, out, err = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl", Path(tmp) / "err"
        started = time.perf_counter()
        write_records(source, records)
        size = source.stat().st_size
        print(
            f"{records:,} records, {size / 1e6:.1f} MB of JSON Lines, written in "
            f"{time.perf_counter() - started:.1f} s; --jobs {jobs}"
        )
        out.touch()
        command = [sys.executable, "-m", "vnnews_clean", "--jsonl", str(source)]
        command += ["--output", str(out), "--jobs", str(jobs)]
        started = time.perf_counter()
        with err.open("w") as stderr:
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        print(
            f"{'records':>9} {'seconds':>8} {'pages/s':>8} {'parent':>8} {'worker':>8} "
            f"{'tree RSS':>8} {'tree PSS':>8}   (MB, peaks so far)"
        )
        offset = done = 0
        hwm: dict[int, int] = {}
        tree = {"VmRSS": 0, "Pss": 0}  # the largest sums seen
        next_at = 0
        while True:
            finished = proc.poll() is not None
            offset, done = _lines_in(out, offset, done)
            if proc_fs and not finished:
                pids = _descendants(proc.pid)
                stats = {pid: _status(pid) for pid in pids}
                for pid, s in stats.items():
                    hwm[pid] = max(hwm.get(pid, 0), s.get("VmHWM", 0))
                for key in tree:
                    tree[key] = max(tree[key], sum(s.get(key, 0) for s in stats.values()))
            while next_at < len(checkpoints) and done >= checkpoints[next_at]:
                elapsed = time.perf_counter() - started
                row = f"{checkpoints[next_at]:>9,} {elapsed:8.1f} {done / elapsed:8.0f}"
                if hwm:
                    workers = [hwm[p] for p in hwm if p != proc.pid]
                    row += f" {_mb(hwm.get(proc.pid, 0))} {_mb(max(workers, default=0))}"
                    row += f" {_mb(tree['VmRSS'])} {_mb(tree['Pss'])}"
                print(row, flush=True)
                next_at += 1
            if finished:
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kB; bytes on macOS
        peak_mb = peak / 1024 / (1024 if sys.platform == "darwin" else 1)
        print(
            f"exit {proc.returncode}; {done:,} records out in {elapsed:.1f} s "
            f"({done / elapsed:.0f} pages/s); kernel peak of the largest process: "
            f"{peak_mb:.1f} MB"
        )
        print(err.read_text().strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=100_000, help="how many records to stream")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    a = ap.parse_args()
    run(a.records, a.jobs)


if __name__ == "__main__":
    main()
