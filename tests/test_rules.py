"""One example per named rule, asserting the reason code, not just the label."""

from __future__ import annotations

import pytest

import vnnews_clean
from vnnews_clean import Label

PARA = (
    "Sáng 5/3, Ủy ban nhân dân thành phố tổ chức hội nghị tổng kết công tác năm, đánh giá "
    "kết quả thực hiện các nhiệm vụ trọng tâm và đề ra phương hướng cho năm tới với nhiều "
    "giải pháp cụ thể."
)
PARA2 = (
    "Phát biểu tại hội nghị, lãnh đạo thành phố đề nghị các sở, ngành tiếp tục đẩy mạnh cải "
    "cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp trong thời gian tới."
)


def _page(*middle: str, trailer: tuple[str, ...] = ()) -> str:
    parts = ["Hội nghị tổng kết công tác năm của thành phố", PARA, *middle, PARA2, *trailer]
    return "\n\n".join(parts) + "\n"


def _block(article: vnnews_clean.Article, text: str) -> vnnews_clean.LabelledBlock:
    return next(b for b in article.blocks if b.text == text)


@pytest.mark.parametrize(
    ("line", "label", "reason"),
    [
        ("Tin bài liên quan", Label.RELATED, "related_section_header"),
        ("Đọc nhiều", Label.RELATED, "related_section_header"),
        ("infographics viet nam tai dac cu chu tich uy ban", Label.RELATED, "unaccented_slug"),
        ("[Video] Người truyền cảm hứng về tình yêu nước", Label.RELATED, "media_rail_item"),
        ("Xin chờ trong giây lát...", Label.WIDGET, "widget_string"),
        ("Đăng nhập", Label.WIDGET, "widget_string"),
        ("• Đang truy cập: 12", Label.WIDGET, "visitor_counter"),
        ("fb yt zl tw", Label.WIDGET, "social_tokens"),
        ("Phiên bản di động", Label.FOOTER, "footer_phrase"),
        ("ipv6 ready Chung nhan Tin Nhiem Mang", Label.FOOTER, "footer_phrase"),
        ("Nguồn:", Label.FOOTER, "empty_source_label"),
        ("https://example.vn/bai-viet-123.html", Label.MARKUP, "bare_url"),
        ("[Một bài khác](https://example.vn/a.html)", Label.MARKUP, "markdown_link"),
    ],
)
def test_trailer_rules(line: str, label: Label, reason: str) -> None:
    article = vnnews_clean.clean_text(_page(trailer=(line,)))
    block = _block(article, line)
    assert (block.label, block.reason) == (label, reason)
    assert line not in article.paragraphs


def test_breadcrumb() -> None:
    text = "Trang chủ Chính trị - Xã hội\n\n" + _page()
    block = _block(vnnews_clean.clean_text(text), "Trang chủ Chính trị - Xã hội")
    assert (block.label, block.reason) == (Label.NAVIGATION, "breadcrumb")


def test_slogan_banner() -> None:
    banner = (
        "Chào mừng kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - "
        "03/02/2024) - CHÀO MỪNG ĐẠI HỘI CÔNG ĐOÀN TỈNH LẦN THỨ XI"
    )
    block = _block(vnnews_clean.clean_text(banner + "\n" + _page()), banner)
    assert (block.label, block.reason) == (Label.PROMO, "slogan_banner")


def test_doubled_link_text() -> None:
    link = "Ra mắt cuốn sách về công tác đối ngoại"
    article = vnnews_clean.clean_text(_page(trailer=(f"{link} {link}",)))
    assert _block(article, f"{link} {link}").reason == "doubled_link_text"


def test_inline_related_links_glued_to_a_paragraph() -> None:
    text = _page().replace(PARA + "\n\n", PARA + "\nHai tuyến buýt mới nối trung tâm\n\n")
    block = _block(vnnews_clean.clean_text(text), "Hai tuyến buýt mới nối trung tâm")
    assert (block.label, block.reason) == (Label.RELATED, "inline_related_link")


def test_repeated_line_is_a_duplicate_and_the_first_copy_stays() -> None:
    caption = "Toàn cảnh hội nghị tổng kết. Ảnh: Minh Anh"
    article = vnnews_clean.clean_text(_page(caption, caption))
    first, second = [b for b in article.blocks if b.text == caption]
    assert (first.label, first.reason) == (Label.CAPTION, "caption_credit")
    assert (second.label, second.reason) == (Label.DUPLICATE, "repeated_line")
    assert article.captions == (caption,)


def test_cut_off_teaser_is_a_duplicate_of_the_full_paragraph() -> None:
    teaser = PARA2[:80].rsplit(" ", 1)[0] + " ..."
    article = vnnews_clean.clean_text(_page(teaser))
    assert _block(article, teaser).reason == "cut_off_teaser"
    assert PARA2 in article.paragraphs


def test_image_alt_text_before_its_caption() -> None:
    text = _page().replace(
        PARA + "\n\n",
        PARA + "\n\nHội nghị tổng kết năm\nLãnh đạo thành phố phát biểu. Ảnh: Minh Anh\n\n",
    )
    article = vnnews_clean.clean_text(text)
    assert _block(article, "Hội nghị tổng kết năm").reason == "image_alt_text"


def test_front_matter_and_markdown() -> None:
    text = (
        '---\nlayout: post\ntitle: " [Chuyên mục] Tiêu đề của bài viết"\n'
        "date: Thu, 29 Aug 2024 20:00:00 +0700\n---\n"
        "[Tiêu đề của bài viết](https://example.vn/tieu-de.html)\n\n" + PARA + "\n\n" + PARA2
    )
    article = vnnews_clean.clean_text(text)
    assert article.title == "Tiêu đề của bài viết"
    assert article.url == "https://example.vn/tieu-de.html"
    assert article.published is not None
    assert article.published.isoformat() == "2024-08-29T20:00:00+07:00"
    assert all(b.reason == "front_matter" for b in article.blocks[:5])
    assert article.paragraphs == (PARA, PARA2)


def test_every_block_has_a_reason() -> None:
    article = vnnews_clean.clean_text(_page("Tin liên quan", "Một tin khác trên trang"))
    assert all(b.reason for b in article.blocks)
