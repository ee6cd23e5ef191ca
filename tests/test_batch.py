"""clean_many and the batch engine: order, one result per input, errors, time limit, crashes."""

from __future__ import annotations

import base64
import dataclasses
import itertools
import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

import vnnews_clean
from vnnews_clean import Article, CleanConfig, Label
from vnnews_clean.batch import (
    BatchResult,
    Page,
    Rejected,
    clean_many,
    pages_from_paths,
    read_jsonl,
    run_batch,
    sniff,
)

from conftest import CORPUS, LEAD, PNG, SECOND, SEEDS


def title(n: int) -> str:
    return f"Hà Nội mở thêm tuyến buýt điện số {n}"


def text_page(n: int) -> str:
    return f"Trang chủ\n\n{title(n)}\n\n{LEAD}\n\n{SECOND}\n\nTin liên quan\n\nGiá vé giữ nguyên\n"


def html_page(n: int) -> str:
    return (
        f"<html><body><nav><a>Trang chủ</a><a>Thời sự</a></nav><h1>{title(n)}</h1>"
        f"<p>{LEAD}</p><p>{SECOND}</p>"
        "<footer><p>© Báo Mẫu. Giấy phép số 123/GP-BTTTT.</p></footer></body></html>"
    )


def records() -> list[dict[str, object]]:
    """Generated pages of the three kinds, and the three broken records of the issue."""
    good: list[dict[str, object]] = []
    for n in range(6):
        if n % 3 == 0:
            good.append({"id": f"t{n}", "text": text_page(n), "source": "crawl-1"})
        elif n % 3 == 1:
            good.append({"id": f"h{n}", "html": html_page(n), "lang": "vi"})
        else:
            raw = base64.b64encode(html_page(n).encode()).decode()
            good.append({"id": f"b{n}", "html_base64": raw})
    broken: list[dict[str, object]] = [
        {"id": "bad-bytes", "html_base64": "<html>không phải base64"},
        {"id": "empty", "html": ""},
        {"id": "png", "html_base64": base64.b64encode(PNG).decode()},
    ]
    return good[:3] + broken[:1] + good[3:5] + broken[1:] + good[5:]


def lines(recs: list[dict[str, object]]) -> list[str]:
    return [json.dumps(r, ensure_ascii=False) for r in recs]


def test_one_result_per_record_in_order() -> None:
    recs = records()
    results = list(clean_many(read_jsonl(lines(recs)), jobs=2))
    assert [r.id for r in results] == [r["id"] for r in recs]
    errors = {r.id: r.error for r in results if not r.ok}
    assert errors == {"bad-bytes": "invalid_base64", "empty": "empty_page", "png": "not_a_page"}
    for r in results:
        if r.ok:
            assert r.article is not None
            n = int(str(r.id)[1:])
            assert r.article.title == title(n) and r.article.paragraphs == (LEAD, SECOND)


def test_clean_many_takes_plain_strings_and_bytes() -> None:
    pages = [text_page(0), html_page(1).encode(), PNG, "   \n", 42]
    results = list(clean_many(pages, jobs=1))  # type: ignore[list-item]
    assert [r.id for r in results] == [0, 1, 2, 3, 4]
    assert [r.error for r in results] == [None, None, "not_a_page", "empty_page", "invalid_content"]
    assert results[2].detail == "PNG image"


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('{"text": "Thời sự"}', "missing_id"),
        ('{"id": null, "text": "Thời sự"}', "missing_id"),
        ('{"id": 1}', "missing_content"),
        ('{"id": 1, "text": "a", "html": "b"}', "ambiguous_content"),
        ('{"id": 1, "text": 5}', "invalid_content"),
        ('{"id": 1, "html_base64": "@@@"}', "invalid_base64"),
        ('{"id": 1, "text": ', "invalid_json"),
        ("[1, 2]", "invalid_json"),
        (b'{"id": 1, "text": "\xff"}', "invalid_json"),
    ],
)
def test_broken_records_are_rejected_with_a_reason(line: str | bytes, error: str) -> None:
    (item,) = read_jsonl([line])
    assert isinstance(item, Rejected) and item.error == error and "line 1" in item.detail


def test_record_fields_pass_through_and_url_reaches_the_article() -> None:
    (page,) = read_jsonl(['{"id": 7, "text": "x", "url": "https://vnexpress.net/a", "k": [1]}'])
    assert isinstance(page, Page)
    assert page.fields == {"url": "https://vnexpress.net/a", "k": [1]}
    page = dataclasses.replace(page, content=text_page(7))
    (result,) = clean_many([page], jobs=1)
    assert result.article is not None and result.article.url == "https://vnexpress.net/a"
    assert result.fields == page.fields


def test_base64_with_line_breaks_is_decoded() -> None:
    raw = base64.encodebytes(html_page(3).encode()).decode()  # MIME style, a newline per 76
    (page,) = read_jsonl([json.dumps({"id": 1, "html_base64": raw})])
    assert isinstance(page, Page) and page.content == html_page(3).encode()


@pytest.mark.parametrize(
    ("data", "verdict"),
    [
        (PNG, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
        (b"\x1f\x8b\x08\x00" + os.urandom(64), "gzip data"),
        (bytes(200) + "<p>Thời sự</p>".encode(), "92% control bytes"),
        ("Tin tức Việt Nam".encode("utf-16"), None),
        (text_page(1).encode(), None),
        (text_page(1).encode("cp1258", "replace"), None),
        (text_page(1) + "\x00\x0b", None),
        (b"", None),
    ],
)
def test_sniff(data: str | bytes, verdict: str | None) -> None:
    assert sniff(data) == verdict


def test_undecodable_text_is_an_article_with_a_warning_not_an_error() -> None:
    raw = text_page(2).encode() + b"\n\n\xff\xfe\xfa ch\xe1\xbb\n"
    (result,) = clean_many([raw], jobs=1)
    assert result.ok and result.article is not None and result.article.title == title(2)
    assert "invalid_bytes_replaced" in result.article.warnings  # the decoding's doubt is kept


def test_invalid_bytes_with_no_article_left_are_bad_encoding() -> None:
    garbage = b"<p>" + bytes(range(0x80, 0x100)) * 8 + b"</p>"
    (result,) = clean_many([garbage], jobs=1)
    assert result.error == "bad_encoding" and result.article is None


def test_results_stream_from_an_endless_input() -> None:
    pulled = itertools.count()

    def endless() -> Iterator[str]:
        for n in itertools.count():
            next(pulled)
            yield text_page(n)

    results = clean_many(endless(), jobs=2)
    first = [r.article.title for r in itertools.islice(results, 5) if r.article]
    results.close()
    assert first == [title(n) for n in range(5)]
    assert next(pulled) <= 5 + 2 * 4 + 2  # the window: never more than jobs x 4 ahead


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_page_over_the_time_limit_gives_timeout(jobs: int) -> None:
    vnnews_clean.clean_text(text_page(0))  # load the model outside the limit
    config = dataclasses.replace(CleanConfig(), page_time_limit=0.5)
    slow = text_page(1) + f"{SECOND}\n" * 30_000  # several seconds of work
    results = list(clean_many([text_page(0), slow, text_page(2)], jobs=jobs, config=config))
    assert [r.error for r in results] == [None, "timeout", None]
    assert "0.5 s" in results[1].detail


def die_on_marker(article: Article) -> str | None:
    """A render that kills its worker process on one page, as a crash in C would."""
    if article.title and "số 3" in article.title:
        os._exit(3)
    if article.title and "số 4" in article.title:
        raise RuntimeError("a bug on this page")
    return article.title


def test_a_dying_worker_costs_only_its_page() -> None:
    pages = [Page(n, text_page(n)) for n in range(10)]
    results = list(run_batch(pages, die_on_marker, jobs=2))
    assert [r.id for r in results] == list(range(10))
    assert [r.error for r in results] == [None] * 3 + ["crash", "crash"] + [None] * 5
    assert "died" in results[3].detail and "RuntimeError" in results[4].detail
    assert results[9].value == title(9)


def pid_of_worker(article: Article) -> int:
    return os.getpid()


def test_workers_are_renewed_and_order_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("vnnews_clean.batch._PAGES_PER_WORKER", 3)
    pages = [Page(n, text_page(n)) for n in range(16)]
    results = list(run_batch(pages, pid_of_worker, jobs=2))
    assert [r.id for r in results] == list(range(16)) and not any(r.error for r in results)
    # 16 pages, 6 per pool of 2: three pools, each of new processes. How the pages spread over
    # a pool's two workers depends on the scheduler, so only one process per pool is certain.
    assert len({r.value for r in results}) >= 3


def test_files_and_directories(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "b" / "c" / "x.HTM").write_text(html_page(1), "utf-8")
    (tmp_path / "b" / "a.txt").write_text(text_page(2), "utf-8")
    (tmp_path / "b" / "notes.md").write_text("# không phải trang", "utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("ẩn", "utf-8")
    (tmp_path / "z.html").write_text(html_page(3), "utf-8")
    missing = str(tmp_path / "missing.txt")
    items = list(pages_from_paths([str(tmp_path), missing]))
    names = [Path(p.id).relative_to(tmp_path).as_posix() for p in items]
    assert names == ["b/a.txt", "b/c/x.HTM", "z.html", "missing.txt"]
    results = list(clean_many(items, jobs=2))
    assert [r.article.title if r.article else r.error for r in results] == [
        title(2),
        title(1),
        title(3),
        "unreadable",
    ]


def test_a_text_file_is_cleaned_as_text(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(html_page(1), "utf-8")  # markup in a .txt is a text dump's lines
    (result,) = clean_many([Page("p", path)], jobs=1)
    assert result.article is not None and result.article.blocks[0].path == ""


def test_article_and_config_pickle() -> None:
    article = vnnews_clean.clean_text((SEEDS / "000_24e14e7508fcd41e.txt").read_text("utf-8"))
    assert article.published is not None and article.published.tzinfo is not None
    assert any(b.label is Label.RELATED for b in article.blocks)
    copy = pickle.loads(pickle.dumps(article))
    assert copy == article and copy.blocks[0].label is article.blocks[0].label
    config = dataclasses.replace(CleanConfig(), page_time_limit=None, strict_decoding=True)
    assert pickle.loads(pickle.dumps(config)) == config
    result = BatchResult("x", article, fields={"k": 1})
    assert pickle.loads(pickle.dumps(result)) == result


def test_bad_jobs() -> None:
    with pytest.raises(ValueError, match="jobs"):
        clean_many([], jobs=0)


def test_corpus_pages_in_a_batch() -> None:
    paths = sorted((CORPUS / "html").glob("*.html"))[:3] if CORPUS.is_dir() else []
    if not paths:
        pytest.skip("../shared/corpus is not beside the project")
    recs = [{"id": p.stem, "html_base64": base64.b64encode(p.read_bytes()).decode()} for p in paths]
    results = list(clean_many(read_jsonl(lines(recs)), jobs=2))
    assert [r.id for r in results] == [p.stem for p in paths]
    for r, p in zip(results, paths, strict=True):
        assert r.article is not None, r.detail
        assert r.article.paragraphs == vnnews_clean.clean_html(p.read_bytes()).paragraphs
