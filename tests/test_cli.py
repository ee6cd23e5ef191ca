from __future__ import annotations

import json

import pytest

from vnnews_clean.cli import main

from conftest import SEEDS

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
