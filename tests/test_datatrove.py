"""The datatrove blocks in real pipelines: outputs, metadata, and a stat for every drop."""

from __future__ import annotations

import gzip
import importlib
import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("datatrove", reason='needs pip install "vnnews-clean[datatrove]"')

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from vnnews_clean import CleanConfig, clean_html, clean_text
from vnnews_clean.integrations.datatrove import (
    VnNewsExtractor,
    VnNewsTextFilter,
    article_metadata,
)

from conftest import CORPUS, ROOT, SEEDS

LEAD = (
    "Sáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm với các khu đô "
    "thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày."
)
ARTICLE = (
    "<html><body><nav><a>Trang chủ</a><a>Thời sự</a></nav><h1>Hà Nội mở thêm tuyến buýt</h1>"
    f"<p>{LEAD}</p><p>{LEAD} Tuyến dài 28 km.</p></body></html>"
)
# A headline and one sentence: body text, but too short to be an article.
TOO_SHORT = (
    "<html><body><h1>Hà Nội mưa lớn</h1><p>Sáng nay Hà Nội mưa lớn kéo dài.</p></body></html>"
)
NO_BODY = "<html><body><nav><a href='/a'>Trang chủ</a><a href='/b'>Thời sự</a></nav></body></html>"
METADATA = (
    "title",
    "published",
    "authors",
    "source",
    "section",
    "is_article",
    "confidence",
    "labels_dropped",
    "warnings",
)


def write_jsonl(path: Path, rows: list[dict[str, str]]) -> None:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def read_outputs(folder: Path) -> dict[str, dict[str, Any]]:
    docs = {}
    for path in sorted(folder.glob("*.jsonl*")):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                docs[doc["id"]] = doc
    return docs


def block_stats(logs: Path, name: str) -> dict[str, int]:
    """The counters of the pipeline block called ``name``, summed over the tasks."""
    blocks = json.loads((logs / "stats.json").read_text("utf-8"))
    (block,) = [b for b in blocks if b["name"].endswith(name)]
    return {k: v if isinstance(v, int) else v["total"] for k, v in block["stats"].items()}


def run(pipeline: list[Any], tmp_path: Path, *, tasks: int = 1) -> None:
    executor = LocalPipelineExecutor(
        pipeline=pipeline, tasks=tasks, workers=tasks, logging_dir=str(tmp_path / "logs")
    )
    executor.run()


def test_pipeline_over_corpus_html(corpus_dir: Path, tmp_path: Path) -> None:
    pages = {p.name: p.read_bytes().decode("utf-8") for p in sorted(corpus_dir.glob("html/*"))}
    rows = [{"id": name, "text": html} for name, html in pages.items()]
    rows.append({"id": "no_body.html", "text": NO_BODY})
    # Two files, one gzipped, so that each of the two tasks reads one.
    write_jsonl(tmp_path / "in" / "a.jsonl.gz", rows[::2])
    write_jsonl(tmp_path / "in" / "b.jsonl", rows[1::2])
    reader = JsonlReader(str(tmp_path / "in"))
    writer = JsonlWriter(str(tmp_path / "out"))
    run([reader, VnNewsExtractor(), writer], tmp_path, tasks=2)

    out = read_outputs(tmp_path / "out")
    expected = {name: clean_html(html) for name, html in pages.items()}
    assert set(out) == {name for name, a in expected.items() if a.is_article and a.paragraphs}
    assert len(out) > len(pages) // 2  # not vacuous: the corpus is pages of articles
    for name, doc in out.items():
        assert doc["text"] == expected[name].text
        assert {k: doc["metadata"][k] for k in METADATA} == article_metadata(expected[name])
        assert doc["metadata"]["is_article"] is True
    stats = block_stats(tmp_path / "logs", "vnnews_clean")
    assert stats["total"] == len(rows)
    assert stats["forwarded"] == len(out)
    assert stats["dropped"] == stats["dropped_not_article_no_body"] == len(rows) - len(out)


def test_non_articles_dropped_with_their_reason(tmp_path: Path) -> None:
    rows = [
        {"id": "article", "text": ARTICLE},
        {"id": "too_short", "text": TOO_SHORT},
        {"id": "no_body", "text": NO_BODY},
        {"id": "blank", "text": "  \n "},
        {"id": "png", "text": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + "\x00" * 64},
    ]
    write_jsonl(tmp_path / "in" / "pages.jsonl", rows)
    steps = [JsonlReader(str(tmp_path / "in")), VnNewsExtractor()]
    run([*steps, JsonlWriter(str(tmp_path / "out"))], tmp_path)

    assert set(read_outputs(tmp_path / "out")) == {"article"}
    stats = block_stats(tmp_path / "logs", "vnnews_clean")
    assert stats["total"] == 5
    assert stats["forwarded"] == 1
    assert stats["dropped"] == 4
    for reason in ("not_article_too_short", "not_article_no_body", "empty_page", "not_a_page"):
        assert stats[f"dropped_{reason}"] == 1


def test_keep_non_articles_keeps_body_text_only() -> None:
    docs = [Document(text=TOO_SHORT, id="short"), Document(text=NO_BODY, id="no_body")]
    extractor = VnNewsExtractor(keep_non_articles=True)
    (kept,) = extractor.run(iter(docs))
    assert kept.id == "short"
    assert kept.text == "Sáng nay Hà Nội mưa lớn kéo dài."
    assert kept.metadata["is_article"] is False
    assert "not_article_too_short" in kept.metadata["warnings"]
    assert extractor.stats["dropped_not_article_no_body"].total == 1


def test_no_time_limit() -> None:
    extractor = VnNewsExtractor(CleanConfig(page_time_limit=None))
    (doc,) = extractor.run(iter([Document(text=ARTICLE, id="1")]))
    assert doc.text.startswith("Sáng 5/3")


def test_timeout_and_dead_sandbox_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = VnNewsExtractor.outcome

    def slow_or_dying(self: VnNewsExtractor, text: str) -> Any:
        if "SLOW" in text:
            time.sleep(60)
        if "DIE" in text:
            os._exit(3)  # as if the kernel's OOM killer took the sandbox process
        return outcome(self, text)

    # The sandbox process is forked from this one (workers=1 runs the task here), so it
    # runs the patched method.
    monkeypatch.setattr(VnNewsExtractor, "outcome", slow_or_dying)
    rows = [
        {"id": "before", "text": ARTICLE},
        {"id": "slow", "text": ARTICLE.replace("</body>", "<!-- SLOW --></body>")},
        {"id": "between", "text": ARTICLE},
        {"id": "dies", "text": ARTICLE.replace("</body>", "<!-- DIE --></body>")},
        {"id": "after", "text": ARTICLE},
    ]
    write_jsonl(tmp_path / "in" / "pages.jsonl", rows)
    steps = [JsonlReader(str(tmp_path / "in")), VnNewsExtractor(timeout=1)]
    started = time.monotonic()
    run([*steps, JsonlWriter(str(tmp_path / "out"))], tmp_path)

    assert time.monotonic() - started < 30  # the slow page was cut off, not waited for
    assert set(read_outputs(tmp_path / "out")) == {"before", "between", "after"}
    stats = block_stats(tmp_path / "logs", "vnnews_clean")
    assert stats["dropped_timeout"] == 1
    assert stats["dropped_broken_process"] == 1
    assert stats["dropped"] == 2
    assert stats["forwarded"] == 3


def test_text_filter_over_dumps(tmp_path: Path) -> None:
    dumps = {p.name: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    # The corpus's dumps too when ../shared is there; the seeds alone otherwise.
    dumps.update({p.name: p.read_text("utf-8") for p in sorted(CORPUS.glob("dumps/*.txt"))})
    rows = [{"id": name, "text": text} for name, text in dumps.items()]
    rows.append({"id": "menu.txt", "text": "Trang chủ\nThời sự\nThể thao\n"})
    write_jsonl(tmp_path / "in" / "dumps.jsonl.gz", rows)
    excluded = JsonlWriter(str(tmp_path / "excluded"))
    steps = [JsonlReader(str(tmp_path / "in")), VnNewsTextFilter(exclusion_writer=excluded)]
    run([*steps, JsonlWriter(str(tmp_path / "out"))], tmp_path)

    out = read_outputs(tmp_path / "out")
    expected = {name: clean_text(text) for name, text in dumps.items()}
    assert set(out) == {name for name, a in expected.items() if a.paragraphs}
    for name, doc in out.items():
        assert doc["text"] == expected[name].text
        assert {k: doc["metadata"][k] for k in METADATA} == article_metadata(expected[name])
    dropped = read_outputs(tmp_path / "excluded")
    assert dropped["menu.txt"]["text"] == rows[-1]["text"]  # left as it came
    assert dropped["menu.txt"]["metadata"]["filter_reason"] == "not_article_no_body"
    stats = block_stats(tmp_path / "logs", "vnnews_clean (text)")
    assert stats["total"] == len(rows)
    assert stats["forwarded"] == len(out)
    assert stats["dropped"] == stats["dropped_not_article_no_body"] == len(rows) - len(out)


def test_extractor_pickles_with_its_config() -> None:
    config = CleanConfig(short_line_words=10, page_time_limit=5)
    extractor = pickle.loads(pickle.dumps(VnNewsExtractor(config)))
    assert extractor.timeout == 5
    assert extractor.config.short_line_words == 10
    assert extractor.config.page_time_limit is None  # the sandbox bounds the time instead
    assert extractor.extract(ARTICLE).startswith("Sáng 5/3")


def test_vnnews_clean_does_not_import_datatrove() -> None:
    code = "import sys, vnnews_clean; print('datatrove' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "False"


def test_missing_datatrove_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes an import fail, as if datatrove were not installed.
    for name in [n for n in sys.modules if n.partition(".")[0] == "datatrove"]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "datatrove", None)
    monkeypatch.delitem(sys.modules, "vnnews_clean.integrations.datatrove")
    with pytest.raises(ImportError, match=r'pip install "vnnews-clean\[datatrove\]"'):
        importlib.import_module("vnnews_clean.integrations.datatrove")
