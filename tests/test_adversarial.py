"""Hostile and malformed text: every case gives an article that keeps the invariants of
invariants.py, or raises a documented CleanError subclass with a clear message. All inputs
are generated here; none is stored. benchmarks/scaling.py measures the time of these shapes
against their size."""

from __future__ import annotations

import json
import struct
import time
import unicodedata
import zlib

import pytest

import vnnews_clean
from invariants import check_article
from vnnews_clean import CleanConfig, InputTooLargeError, patterns
from vnnews_clean.normalize import normalize_line

from conftest import SEEDS

PAGES = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
PARAGRAPHS = [line for page in PAGES for line in page.splitlines() if len(line) >= 400]
MB = 1_000_000


def clean(text: str, config: CleanConfig | None = None) -> vnnews_clean.Article:
    article = vnnews_clean.clean_text(text, config=config)
    check_article(text, article)
    return article


def test_twenty_megabyte_page() -> None:
    """The five seed pages, then their body paragraphs repeated to 20 MB of UTF-8. (The seed
    pages repeated whole, 81,500 short and long lines, take about three times as long: see
    the scaling table in docs/benchmarks.md.)"""
    head = "\n".join(PAGES)
    size = len(head.encode())
    body = []
    while size < 20 * MB:
        for line in PARAGRAPHS:
            body.append(line + "\n")
            size += len(line.encode()) + 1
    text = head + "\n" + "".join(body)
    article = clean(text)
    # Every repeat of a paragraph is a duplicate of its first occurrence.
    assert len(set(article.paragraphs)) == len(article.paragraphs)
    assert sum(b.reason == "repeated_line" for b in article.blocks) > len(body) - len(PARAGRAPHS)


def test_a_million_one_character_lines_and_one_more() -> None:
    """CleanConfig.max_blocks is 1,000,000: one line more is refused as soon as it is seen.
    (A million one-character lines, the most allowed, give an article in about 50 s of CPU
    and 4 GB of memory: benchmarks/scaling.py measures it.)"""
    with pytest.raises(InputTooLargeError, match=r"more than 1,000,000 non-blank lines"):
        vnnews_clean.clean_text("a\n" * 1_000_000 + "b")


def test_many_one_character_lines() -> None:
    """One-character lines of every kind: letters, digits, punctuation, a lone tone mark."""
    chars = "aĐ7.|:…-\u0301\u00a0"
    text = "\n".join(chars[i % len(chars)] for i in range(10_000))
    article = clean(text)
    assert not article.paragraphs and "no_article_found" in article.warnings


def test_a_single_five_megabyte_line() -> None:
    line = "Người dân Hà Nội đổ về trung tâm, xem bắn pháo hoa đêm giao thừa. " * 70_000
    assert len(line.encode()) > 5 * MB
    article = clean(line)
    assert [b.text for b in article.blocks] == [line.strip()]


@pytest.mark.parametrize(
    "token", ["Ảnh: ", "Theo ", ":", "|", ". ", "](", "a.", "(Nguồn: ", "1/1/", "Tin, ảnh: X "]
)
def test_a_long_line_under_the_pattern_limit(token: str) -> None:
    """Lines just under CleanConfig.max_line_chars go through every pattern."""
    line = "[" + token * (190_000 // len(token))
    assert len(line) < CleanConfig().max_line_chars
    article = clean(line)
    assert len(article.blocks) == 1


def test_nul_bytes_and_control_characters() -> None:
    controls = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]
    lines = [f"Hà{c}Nội{c}{c} mở thêm tuyến buýt điện" for c in controls]
    lines += ["".join(controls) * 10, "\x00" * 10_000, "Giá\x00xăng\x1bgiảm\x7f mạnh."]
    text = "\n\n".join(lines)
    article = clean(text)
    assert all(unicodedata.category(ch) != "Cc" for b in article.blocks for ch in b.text), (
        "a control character survived normalisation"
    )
    assert article.blocks[0].text == "Hà Nội mở thêm tuyến buýt điện"


def test_lone_surrogates() -> None:
    text = "\n".join(
        [
            "Trang chủ\ud800 Thời sự",
            "Tổng Bí thư\udfff phát biểu tại hội nghị ngoại giao lần thứ 32.",
            "\udc00\ud800",
            "\ud83d" * 1000,
            PAGES[0],
        ]
    )
    article = clean(text)
    assert not any("\ud800" <= ch <= "\udfff" for b in article.blocks for ch in b.text)
    assert article.title and article.paragraphs


def test_nfd_text_gives_an_nfc_article_equal_to_the_nfc_one() -> None:
    page = PAGES[0]
    nfd = unicodedata.normalize("NFD", page)
    assert nfd != page
    article = clean(nfd)
    assert article.to_dict() == vnnews_clean.clean_text(page).to_dict()
    assert all(unicodedata.is_normalized("NFC", p) for p in article.paragraphs)


# TCVN3 (ABC) Vietnamese read as Latin-1: "Tổng Bí thư đánh giá cao kết quả công tác đối
# ngoại năm qua", "Đảng Cộng sản Việt Nam", "ngày 2 tháng 9 năm 1945 tại Hà Nội"...
TCVN3 = [
    "Tæng BÝ th­ ®¸nh gi¸ cao kÕt qu¶ c«ng t¸c ®èi ngo¹i n¨m qua.",
    "§¶ng Céng s¶n ViÖt Nam",
    "ngµy 2 th¸ng 9 n¨m 1945 t¹i Hµ Néi",
    "Thñ t­íng ChÝnh phñ chñ tr× cuéc häp",
    "Tr­êng §¹i häc Quèc gia",
]


def test_tcvn3_mojibake_is_flagged() -> None:
    article = clean("\n\n".join(TCVN3 * 3))
    assert "mojibake_legacy_encoding" in article.warnings


def test_a_few_mojibake_lines_in_a_clean_page_are_flagged_too() -> None:
    article = clean(PAGES[1] + "\n\n" + "\n\n".join(TCVN3))
    assert "mojibake_legacy_encoding" in article.warnings
    assert "mojibake_legacy_encoding" not in vnnews_clean.clean_text(PAGES[1]).warnings


BAIT = ["Ảnh:", "Theo", ":", "|", " ", ".", "Ảnh: Theo | Nguồn: ...", "[](", "(Ảnh: X)", "-"]


@pytest.mark.parametrize("token", BAIT)
def test_backtracking_bait_on_one_line(token: str) -> None:
    """Tens of thousands of the tokens the patterns look for, on one line."""
    text = "Tin" + (token + " ") * 30_000 + "cuối"
    started = time.perf_counter()
    article = clean(text)
    assert len(article.blocks) == 1
    assert time.perf_counter() - started < 5, "super-linear pattern on one long line"


@pytest.mark.parametrize("token", BAIT)
def test_backtracking_bait_across_lines(token: str) -> None:
    """The same tokens, twenty to a line, across 1,000 lines."""
    text = "\n".join(f"{i} " + (token + " ") * 20 for i in range(1_000))
    article = clean(text)
    assert len(article.blocks) == 1_000


def test_text_that_is_json() -> None:
    data = {
        "title": "Hà Nội mở thêm tuyến buýt điện",
        "body": [line for line in PAGES[2].splitlines() if line],
        "meta": {"views": 12345, "tags": ["giao thông", "Hà Nội"], "ok": True, "none": None},
    }
    for text in (json.dumps(data, ensure_ascii=False), json.dumps(data, indent=2)):
        clean(text)


def _png(width: int, height: int) -> bytes:
    """A real PNG (RGB, pseudo-random pixels), so that its bytes look like binary data."""
    raw = bytes(
        (x * 7 + y * 13 + (x * y) % 251) % 256 for y in range(height) for x in range(width * 3 + 1)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 1))
        + chunk(b"IEND", b"")
    )


def test_binary_looking_text() -> None:
    """A PNG and every byte value, read as Latin-1: NULs, CR, NEL (a line break), C1
    controls and Latin-1 letters. Only the invariants are checked: such a page may well come
    back with "paragraphs" of letter soup, since nothing in the text mode tells binary apart."""
    data = _png(200, 200) + bytes(range(256)) * 64
    clean(data.decode("latin-1"))


def test_characters_over_the_default_limit() -> None:
    limit = CleanConfig().max_input_chars
    with pytest.raises(InputTooLargeError, match=r"CleanConfig\.max_input_chars is 50,000,000"):
        vnnews_clean.clean_text("a" * (limit + 1))


def test_line_separators_of_every_kind() -> None:
    lines = ["Trang chủ", "Hà Nội mở thêm tuyến buýt điện", PARAGRAPHS[0], "Tin liên quan"]
    for sep in ("\r\n", "\r", "\u2028", "\u2029", "\x85", "\n\x0b\n", "\n\x0c\n"):
        article = clean(sep.join(lines))
        assert [b.text for b in article.blocks] == [normalize_line(x) for x in lines]


def test_patterns_stay_linear_on_long_bait() -> None:
    """Regression: DOMAIN took 85 s and the markdown patterns 24 ms a line on this bait."""
    started = time.perf_counter()
    assert patterns.DOMAIN.search("a." * 100_000) is None
    assert patterns.DOMAIN.search("a.b-" * 50_000) is None
    assert patterns.MD_LINK.match("[" + "](" * 100_000) is None
    assert patterns.MD_IMAGE.match("![" + "](a" * 100_000) is None
    assert time.perf_counter() - started < 2
    assert patterns.DOMAIN.search("Theo VnExpress.net")
    assert patterns.MD_LINK.match("[Tin [Video] mới](https://x.vn/a_(b))").group(2) == (
        "https://x.vn/a_(b)"
    )
