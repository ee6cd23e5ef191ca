from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from vnnews_clean.cli import main

from conftest import LEAD, PNG, SEEDS

SEED = str(SEEDS / "000_24e14e7508fcd41e.txt")


def test_prints_the_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([SEED]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Tổng Bí thư: Ngoại giao là điểm sáng")
    assert "Tin bài liên quan" not in out


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", SEED]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == 2
    assert data["published"] == "2023-12-19T13:00:00+07:00"


def test_explain_shows_every_block(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--explain", SEED]) == 0
    out = capsys.readouterr().out
    assert "related_section_header" in out and "Tin bài liên quan" in out


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["/nonexistent/page.txt"]) == 1
    assert "nonexistent" in capsys.readouterr().err


def text_page(n: int) -> str:
    return f"Trang chủ\n\nHà Nội mở thêm tuyến buýt điện số {n}\n\n{LEAD}\n\nTin liên quan\n"


def html_page(n: int) -> str:
    return (
        f"<html><body><nav><a>Thời sự</a></nav><h1>Tuyến buýt điện số {n}</h1><p>{LEAD}</p>"
        "<footer><p>© Báo Mẫu. Giấy phép số 123/GP-BTTTT.</p></footer></body></html>"
    )


def write_jsonl(path: Path, recs: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
    return path


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


BROKEN = [
    {"id": "bad-bytes", "html_base64": "%%% không phải base64"},
    {
        "id": "invalid-bytes",
        "html_base64": base64.b64encode(bytes(range(0x80, 0x100)) * 8).decode(),
    },
    {"id": "empty", "html": ""},
    {"id": "png", "html_base64": base64.b64encode(PNG).decode()},
]


def test_jsonl_batch_one_record_per_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recs: list[dict[str, object]] = []
    for n in range(8):
        if n % 2:
            recs.append({"id": n, "html": html_page(n), "site": "mau.vn", "tags": [n]})
        else:
            recs.append({"id": n, "text": text_page(n), "site": "mau.vn"})
    recs[2:2] = BROKEN
    source = write_jsonl(tmp_path / "in.jsonl", recs)
    with source.open("a", encoding="utf-8") as f:
        f.write("\n{not json\n")  # a blank line is no record; a bad line is one
    out = tmp_path / "out.jsonl"
    assert main(["--jsonl", str(source), "--output", str(out), "--jobs", "2"]) == 1
    got = read_jsonl(out)
    assert [r["id"] for r in got] == [r["id"] for r in recs] + [None]
    errors = {r["id"]: r["error"] for r in got if r["error"]}
    assert errors == {
        "bad-bytes": "invalid_base64",
        "invalid-bytes": "bad_encoding",
        "empty": "empty_page",
        "png": "not_a_page",
        None: "invalid_json",
    }
    good = [r for r in got if not r["error"]]
    assert len(good) == 8 and all(r["site"] == "mau.vn" and r["paragraphs"] for r in good)
    assert got[1]["input"] == {"tags": [1]} and "blocks" not in got[0]  # tags is an output field
    assert got[0]["title"] == "Hà Nội mở thêm tuyến buýt điện số 0"
    err = capsys.readouterr().err
    assert "13 pages: 8 cleaned, 5 errors" in err and "blocks dropped:" in err


def test_all_good_is_exit_0_and_jsonl_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": text_page(1)}])
    assert main(["--jsonl", str(source), "--blocks"]) == 0
    (rec,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rec["id"] == "a" and rec["error"] is None and rec["blocks"][0]["label"] == "navigation"


def test_input_fields_named_like_output_fields_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rec = {"id": 1, "text": text_page(1), "title": "tiêu đề của crawler", "error": "x"}
    assert main(["--jsonl", str(write_jsonl(tmp_path / "in.jsonl", [rec]))]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["title"] == "Hà Nội mở thêm tuyến buýt điện số 1" and out["error"] is None
    assert out["input"] == {"title": "tiêu đề của crawler", "error": "x"}


def test_directory_gives_jsonl_in_name_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(html_page(2), "utf-8")
    (tmp_path / "a.txt").write_text(text_page(1), "utf-8")
    (tmp_path / "c.htm").write_bytes(PNG)
    (tmp_path / "readme.md").write_text("không phải trang", "utf-8")
    assert main([str(tmp_path), "-j", "2"]) == 1
    got = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(r["id"]).name for r in got] == ["a.txt", "c.htm", "b.html"]
    assert [r["error"] for r in got] == [None, "not_a_page", None]
    assert got[2]["title"] == "Tuyến buýt điện số 2"


def test_several_files_default_to_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "p.txt"
    other.write_text(text_page(3), "utf-8")
    assert main([SEED, str(other), "-j", "1"]) == 0
    got = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in got] == [SEED, str(other)]


def test_format_json_is_one_array_for_several(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "p.txt"
    other.write_text(text_page(3), "utf-8")
    assert main(["--format", "json", SEED, str(other), str(tmp_path / "no.txt")]) == 1
    got = json.loads(capsys.readouterr().out)
    assert [r["error"] for r in got] == [None, None, "unreadable"]


def test_format_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--format", "markdown", SEED]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Tổng Bí thư: Ngoại giao là điểm sáng")
    assert "*2023-12-19T13:00:00+07:00 · Phạm Lý*" in out
    assert "\n*Tổng Bí thư Nguyễn Phú Trọng phát biểu tại hội nghị. Ảnh: Thủy Nguyên*\n" in out
    assert "Tin bài liên quan" not in out


def test_markdown_of_several_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n in (1, 2):
        (tmp_path / f"{n}.txt").write_text(text_page(n), "utf-8")
    assert main(["--format", "markdown", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n---\n") == 1 and out.count("# Hà Nội mở thêm tuyến buýt điện số") == 2


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text_page(4).encode())))
    assert main(["-"]) == 0
    assert capsys.readouterr().out.startswith("Hà Nội mở thêm tuyến buýt điện số 4\n")


@pytest.mark.parametrize(
    "argv",
    [[], ["--jsonl", "in.jsonl", "page.txt"], ["--jobs", "0", "x.txt"], ["--json", "--explain"]],
)
def test_bad_usage_is_exit_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2


def test_unreadable_jsonl_is_exit_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--jsonl", str(tmp_path / "missing.jsonl")])
    assert exit_.value.code == 2


def test_time_limit_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    slow = text_page(1) + f"{LEAD}\n" * 30_000
    recs = [{"id": 1, "text": text_page(1)}, {"id": 2, "text": slow}]
    source = write_jsonl(tmp_path / "in.jsonl", recs)
    assert main(["--jsonl", str(source), "--time-limit", "0.5", "-j", "2"]) == 1
    got = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["error"] for r in got] == [None, "timeout"]


def test_vocabulary_file_applies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = "Hội nghị tổng kết công tác năm của thành phố"
    para = (
        "Sáng 5/3, Ủy ban nhân dân thành phố tổ chức hội nghị tổng kết công tác năm, đánh giá "
        "kết quả thực hiện các nhiệm vụ trọng tâm và đề ra phương hướng cho năm tới."
    )
    page = tmp_path / "page.txt"
    page.write_text(f"{title}\n\n{para}\n\nGóc nhìn của chúng tôi\n\n{para[:60]} khác\n", "utf-8")
    overlay = tmp_path / "mine.toml"
    overlay.write_text('[related_headers]\nadd = ["Góc nhìn của chúng tôi"]\n', "utf-8")
    assert main(["--explain", "--vocabulary", str(overlay), str(page)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Góc nhìn của" in x)
    assert "related_section_header" in line


def test_bad_vocabulary_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overlay = tmp_path / "bad.toml"
    overlay.write_text('[no_such_concept]\nadd = ["x"]\n', "utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["--vocabulary", str(overlay), SEED])
    assert exit_info.value.code == 2
    assert "no_such_concept" in capsys.readouterr().err
