"""The HTML front end: decoding, parsing, metadata, the article verdict and the fallback."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

import vnnews_clean
from vnnews_clean import Label
from vnnews_clean.dates import VIETNAM

from conftest import CORPUS, LEAD, ROOT, SECOND, cp1258

PAGES = ROOT / "fixtures" / "pages"
HTML_PAGES = sorted((CORPUS / "html").glob("*.html")) if CORPUS.is_dir() else []


def page(head: str = "", body: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><nav><a>Trang chủ</a><a>Thời sự</a></nav>"
        f"<h1>Hà Nội mở thêm tuyến buýt điện</h1>{body or f'<p>{LEAD}</p><p>{SECOND}</p>'}"
        "<footer><p>© Báo Mẫu. Giấy phép số 123/GP-BTTTT.</p></footer></body></html>"
    )


def fixture(name: str) -> vnnews_clean.Article:
    return vnnews_clean.clean_html((PAGES / name).read_bytes())


@pytest.mark.skipif(not HTML_PAGES, reason="../shared/corpus is not beside the project")
@pytest.mark.parametrize("path", HTML_PAGES, ids=lambda p: p.stem)
def test_corpus_page_from_bytes_and_str(path: Path) -> None:
    raw = path.read_bytes()
    from_bytes = vnnews_clean.clean_html(raw)
    from_str = vnnews_clean.clean_html(raw.decode("utf-8"))
    assert from_bytes.paragraphs, path.stem
    assert from_bytes.paragraphs == from_str.paragraphs
    assert from_bytes.title == from_str.title
    assert vnnews_clean.clean(raw).paragraphs == from_bytes.paragraphs


def test_article_fixture_metadata() -> None:
    a = fixture("article.html")
    assert a.title == "Hà Nội mở thêm tuyến buýt điện nối khu đô thị phía tây"
    assert a.published == dt.datetime(2026, 3, 5, 8, 30, tzinfo=VIETNAM)
    assert a.modified == dt.datetime(2026, 3, 5, 10, 0, tzinfo=VIETNAM)
    assert a.authors == ("Minh Anh",)
    assert a.section == "Thời sự"
    assert a.tags == ("xe buýt điện", "giao thông công cộng", "Hà Nội")
    assert a.url == "https://baomau.vn/ha-noi-mo-them-tuyen-buyt-dien.html"
    assert [(i.src, i.caption) for i in a.images] == [
        ("/img/buyt-dien.jpg", "Xe buýt điện tại điểm đầu tuyến. Ảnh: Minh Anh")
    ]
    assert a.is_article and 0.5 < a.confidence <= 1
    assert a.lead is not None and a.lead.startswith("Sáng 5/3")
    assert not any("Tin liên quan" in p or "Chia sẻ" in p for p in a.paragraphs)
    assert all(b.path for b in a.blocks)


def test_blocks_carry_element_paths() -> None:
    a = fixture("article.html")
    caption = next(b for b in a.blocks if b.label is Label.CAPTION)
    assert caption.path.endswith("figcaption>p")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("listing.html", "not_article_listing"),
        ("not_found.html", "not_article_too_short"),
        ("video_only.html", "not_article_video_only"),
    ],
)
def test_pages_without_article_say_so(name: str, reason: str) -> None:
    a = fixture(name)
    assert not a.is_article
    assert reason in a.warnings
    assert a.confidence < 0.3


def test_page_in_another_language_falls_back_to_trafilatura() -> None:
    a = fixture("english.html")
    assert "fallback_not_vietnamese" in a.warnings
    assert len(a.paragraphs) == 3
    kept = [b for b in a.blocks if b.label is Label.BODY]
    assert all(b.reason == "fallback_trafilatura" for b in kept)
    assert "Home" not in a.paragraphs


def test_fallback_leaves_out_what_trafilatura_drops() -> None:
    # A Vietnamese article under a large English box: the page fails the language check.
    a = fixture("english_edition.html")
    assert a.warnings == ("fallback_not_vietnamese",) and a.is_article
    left_out = [(b.label, b.reason, b.text) for b in a.blocks if b.label is Label.BOILERPLATE]
    assert left_out == [
        (Label.BOILERPLATE, "fallback_not_kept", "Giá vé xe buýt giữ nguyên trong năm nay")
    ]
    assert a.paragraphs[0].startswith("Sáng 5/3")


def test_windows_1258_page_decodes_to_nfc() -> None:
    html = page('<meta charset="windows-1258">')
    raw = cp1258(html)
    a = vnnews_clean.clean_html(raw)
    assert a.title == "Hà Nội mở thêm tuyến buýt điện"
    assert a.paragraphs == (LEAD, SECOND)


def test_charset_declared_late_is_found() -> None:
    filler = "<script>var x = 1;</script>" * 100  # pushes the declaration past byte 1024
    raw = page(filler + '<meta charset="utf-8">').encode("utf-8")
    a = vnnews_clean.clean_html(raw)
    assert a.paragraphs == (LEAD, SECOND)
    assert "charset_declared_late" in a.warnings


def test_nfd_page_gives_nfc_text() -> None:
    a = vnnews_clean.clean_html(unicodedata.normalize("NFD", page()))
    assert a.paragraphs == (LEAD, SECOND)


def test_deep_nesting_keeps_the_text() -> None:
    depth = 100_000
    html = page(body="<div>" * depth + f"<p>{LEAD}</p>" + "</div>" * depth + f"<p>{SECOND}</p>")
    a = vnnews_clean.clean_html(html)
    assert "deep_nesting_flattened" in a.warnings
    texts = [b.text for b in a.blocks]
    assert LEAD in texts and SECOND in texts


def test_twenty_megabyte_page() -> None:
    payload = "<script>var data = '" + "x" * 20_000_000 + "';</script>"
    a = vnnews_clean.clean_html(page(body=payload + f"<p>{LEAD}</p><p>{SECOND}</p>").encode())
    assert a.paragraphs == (LEAD, SECOND)


def test_twelve_megabyte_text_node_is_kept() -> None:
    a = vnnews_clean.clean_html("<html><body><p>" + "chữ " * 3_000_000 + "</p></body></html>")
    assert len(a.blocks) == 1 and len(a.blocks[0].text) == 12_000_000 - 1


def test_external_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("NỘI DUNG BÍ MẬT", "utf-8")
    html = (
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f"<html><body><p>&xxe; {LEAD}</p></body></html>"
    )
    a = vnnews_clean.clean_html(html)
    assert all("BÍ MẬT" not in b.text for b in a.blocks)


def test_hidden_elements_are_not_blocks() -> None:
    hidden = (
        '<p style="display: none">Ẩn một</p><p hidden>Ẩn hai</p><p aria-hidden="true">Ẩn ba</p>'
        "<template><p>Ẩn bốn</p></template><!-- Ẩn năm -->"
    )
    a = vnnews_clean.clean_html(page(body=hidden + f"<p>{LEAD}</p>"))
    assert not any(b.text.startswith("Ẩn") for b in a.blocks)


def test_relative_date_needs_now() -> None:
    html = page(body=f"<span class='time'>2 giờ trước</span><p>{LEAD}</p><p>{SECOND}</p>")
    assert vnnews_clean.clean_html(html).published is None
    now = dt.datetime(2026, 3, 5, 10, 0, tzinfo=VIETNAM)
    assert vnnews_clean.clean_html(html, now=now).published == now - dt.timedelta(hours=2)


def test_title_suffix_is_removed_from_og_title() -> None:
    head = '<meta property="og:title" content="Giá vàng giảm mạnh - VnExpress">'
    html = f"<html><head>{head}</head><body><p>{LEAD}</p></body></html>"
    assert vnnews_clean.clean_html(html).title == "Giá vàng giảm mạnh"


@pytest.mark.parametrize("bad", [b"", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, b"   "])
def test_empty_and_binary_input_give_a_documented_result(bad: bytes) -> None:
    a = vnnews_clean.clean_html(bad)
    assert not a.is_article
    assert a.warnings


def test_wrong_type_is_a_clean_error() -> None:
    with pytest.raises(vnnews_clean.CleanError):
        vnnews_clean.clean_html(42)  # type: ignore[arg-type]


def test_clean_tells_html_from_text() -> None:
    text = f"Trang chủ\n\nHà Nội mở thêm tuyến buýt điện\n\n{LEAD}\n\n{SECOND}\n"
    assert vnnews_clean.clean(text).paragraphs == vnnews_clean.clean_text(text).paragraphs
    assert vnnews_clean.clean(page().encode()).paragraphs == (LEAD, SECOND)
    assert vnnews_clean.clean(text.encode("utf-8")).paragraphs == (LEAD, SECOND)


@pytest.mark.parametrize("attrs", ['class=" "', 'id="\t"', 'class="" id=""'])
def test_blank_class_and_id_are_no_crash(attrs: str) -> None:
    a = vnnews_clean.clean_html(page(body=f"<div {attrs}><p>{LEAD}</p></div><p>{SECOND}</p>"))
    assert a.paragraphs == (LEAD, SECOND)
