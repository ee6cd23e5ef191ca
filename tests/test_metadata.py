"""Dates, authors and sources in the forms Vietnamese portals write them."""

from __future__ import annotations

import pytest

import vnnews_clean
from vnnews_clean.dates import is_date_line, parse_date
from vnnews_clean.metadata import is_outlet

BODY = (
    "Sáng 5/3, Ủy ban nhân dân thành phố tổ chức hội nghị tổng kết công tác năm, đánh giá kết "
    "quả thực hiện các nhiệm vụ trọng tâm và đề ra phương hướng cho năm tới.\n\n"
    "Phát biểu tại hội nghị, lãnh đạo thành phố đề nghị các sở, ngành tiếp tục đẩy mạnh cải cách "
    "hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp.\n\n"
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("13:00 | 19/12/2023 GMT+7", "2023-12-19T13:00:00+07:00"),
        ("Thứ Sáu, 19/04/2024 12:44", "2024-04-19T12:44:00+07:00"),
        ("Thu, 29 Aug 2024 20:00:00 +0700", "2024-08-29T20:00:00+07:00"),
        ("Thứ bảy, 7/3/2026, 08:00 (GMT+7)", "2026-03-07T08:00:00+07:00"),
        ("06/03/2026 10:20", "2026-03-06T10:20:00+07:00"),
        ("Chủ Nhật,8/6/2025", "2025-06-08T00:00:00+07:00"),
        ("2024-08-29T20:00:00+09:00", "2024-08-29T20:00:00+09:00"),
        ("Thứ Ba, 25/12/2012 - 10:03", "2012-12-25T10:03:00+07:00"),
    ],
)
def test_date_forms(text: str, iso: str) -> None:
    assert is_date_line(text)
    found = parse_date(text)
    assert found is not None and found.isoformat() == iso


def test_sentences_with_dates_are_not_date_lines() -> None:
    assert not is_date_line("Hội nghị sẽ tiếp tục làm việc đến ngày 23/12/2023.")
    assert parse_date("ngày 31/2/2024") is None


def test_first_publication_date_not_the_update() -> None:
    text = "Cập nhật 9/3/2026, 10:00 (GMT+7)\nThứ bảy, 7/3/2026, 08:00 (GMT+7)\n\n" + (
        "Tiêu đề bài báo về giao thông\n\n" + BODY
    )
    article = vnnews_clean.clean_text(text)
    assert article.published is not None
    assert article.published.isoformat() == "2026-03-07T08:00:00+07:00"


def test_stamp_after_a_section_name() -> None:
    # "Section | Cập nhật <weekday>, ngày dd/mm/yy": an update stamp, the only one, so it is taken.
    stamp = "Xã hội | Cập nhật thứ hai, ngày 24/12/12 11:05 tối"
    assert is_date_line(stamp)
    assert not is_date_line("Một hai ba bốn năm | Thứ hai, ngày 24/12/12")  # not a section name
    article = vnnews_clean.clean_text(f"Tiêu đề bài báo về giao thông\n\n{stamp}\n\n{BODY}")
    assert article.published is not None
    assert article.published.isoformat() == "2012-12-24T23:05:00+07:00"  # "tối": evening


def test_no_date_is_invented() -> None:
    assert vnnews_clean.clean_text("Tiêu đề bài báo về giao thông\n\n" + BODY).published is None


@pytest.mark.parametrize(
    ("line", "authors", "source"),
    [
        ("Theo Báo điện tử Đảng Cộng sản", (), "Báo điện tử Đảng Cộng sản"),
        ("Theo TTXVN", (), "TTXVN"),
        (
            "Nguồn:https://baoquocte.vn/bai-viet-168807.html",
            (),
            "https://baoquocte.vn/bai-viet-168807.html",
        ),
        ("Tin, ảnh: Minh Anh", ("Minh Anh",), None),
        ("Phạm Lý", ("Phạm Lý",), None),
    ],
)
def test_attribution(line: str, authors: tuple[str, ...], source: str | None) -> None:
    article = vnnews_clean.clean_text("Tiêu đề bài báo về giao thông\n\n" + BODY + line + "\n")
    assert article.authors == authors
    assert article.source == source


def test_outlets_and_people() -> None:
    assert is_outlet("Báo Quốc tế") and is_outlet("vnexpress.net") and is_outlet("AFP")
    assert not is_outlet("Nguyễn Khánh") and not is_outlet("Q.Chung")
