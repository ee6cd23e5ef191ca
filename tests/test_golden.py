"""The five seeds against their checked golden files, exactly."""

from __future__ import annotations

import json

import pytest

import vnnews_clean

from conftest import GOLDEN, SEEDS, seed_names


@pytest.mark.parametrize("name", seed_names())
def test_seed_matches_golden(name: str) -> None:
    golden = json.loads((GOLDEN / f"{name}.json").read_text("utf-8"))
    article = vnnews_clean.clean_text((SEEDS / f"{name}.txt").read_text("utf-8"))
    got = article.to_dict()
    for field in ("title", "published", "authors", "source", "url", "paragraphs", "captions"):
        assert got[field] == golden[field], field
    assert [(b.line, b.label.value) for b in article.blocks] == [
        (b["line"], b["label"]) for b in golden["blocks"]
    ]


def test_every_seed_has_a_golden_file() -> None:
    assert seed_names() == sorted(p.stem for p in GOLDEN.glob("*.json"))
    assert len(seed_names()) == 5


# Chrome the seeds carry that must never reach the body.
CHROME_IN_SEEDS = (
    "Trang chủ",
    "aa",
    "Đăng nhập",
    "Thống kê truy cập",
    "Đang truy cập",
    "Thông tin mới nhất",
    "Tin bài liên quan",
    "Các tin bài khác",
    "Đọc nhiều",
    "Có thể bạn quan tâm",
    "Tin cùng chuyên mục",
    "6 điều hơn",
    "infographics",
    "[Video]",
    "Xin chờ trong giây lát",
    "Phiên bản di động",
    "fb yt zl tw",
    "ipv6 ready",
    "Chào mừng kỷ niệm",
    "layout: post",
    "](http",
    "Nguồn:",
    "Theo Báo điện tử",
)


@pytest.mark.parametrize("name", seed_names())
def test_seed_body_has_no_chrome(name: str) -> None:
    article = vnnews_clean.clean_text((SEEDS / f"{name}.txt").read_text("utf-8"))
    for paragraph in article.paragraphs:
        for chrome in CHROME_IN_SEEDS:
            assert not paragraph.startswith(chrome), (chrome, paragraph)
    assert len(set(article.paragraphs)) == len(article.paragraphs), "a paragraph is repeated"
