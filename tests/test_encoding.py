"""decode_page: bytes to NFC text the way a browser would read them, with reason codes."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnnews_clean.config import CleanConfig
from vnnews_clean.encoding import DecodedPage, decode_page
from vnnews_clean.errors import CleanError, EncodingError, InputTooLargeError

from conftest import cp1258

VIET = "Tiếng Việt có dấu: Hà Nội, Đà Nẵng, thủy điện, người dân được hỗ trợ"
CONFIG = CleanConfig()
STRICT = CleanConfig(strict_decoding=True)
# TCVN3 (ABC) Vietnamese shown in Latin-1: "Đảng Cộng sản Việt Nam", "ngày 2 tháng 9 năm 1945"…
TCVN3_LINES = [
    "§¶ng Céng s¶n ViÖt Nam",
    "ngµy 2 th¸ng 9 n¨m 1945 t¹i Hµ Néi",
    "Thñ t­íng ChÝnh phñ chñ tr× cuéc häp",
    "Tr­êng §¹i häc Quèc gia",
]


def html(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Tin</title></head><body><p>{body}</p></body></html>"


def test_utf8_without_bom() -> None:
    page = decode_page(html(VIET).encode(), CONFIG)
    assert page == DecodedPage(html(VIET), "utf-8", None, ())


def test_utf8_with_bom_drops_the_bom() -> None:
    page = decode_page(codecs.BOM_UTF8 + html(VIET).encode(), CONFIG)
    assert page == DecodedPage(html(VIET), "utf-8", "utf-8", ())


@pytest.mark.parametrize(
    ("codec", "declared"),
    [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("utf-32-le", "utf-32-le")],
)
def test_utf16_and_utf32_with_bom(codec: str, declared: str) -> None:
    data = ("\ufeff" + html(VIET)).encode(codec)
    page = decode_page(data, CONFIG)
    assert page.text == html(VIET)
    assert page.encoding == codec[:6] and page.declared == declared and page.warnings == ()


def test_utf16_bom_before_a_nul_is_not_read_as_utf32() -> None:
    data = ("\ufeff\x00" + VIET).encode("utf-16-le")
    assert decode_page(data, CONFIG).text == "\x00" + VIET


@pytest.mark.parametrize(("label", "encode"), [("utf-8", str.encode), ("windows-1258", cp1258)])
def test_charset_declared_after_byte_1024(label: str, encode: object) -> None:
    head = "<!-- " + "quảng cáo " * 300 + "-->" + f'<script>var x = "{"a" * 500}";</script>'
    head += f'<meta charset="{label}">'
    page = decode_page(encode(html(VIET, head)), CONFIG)  # type: ignore[operator]
    assert encode(head).index(b"<meta") > 1024  # type: ignore[operator]
    assert VIET in page.text and page.text == html(VIET, head)
    assert page.declared == label and page.warnings == ("charset_declared_late",)


def test_http_equiv_content_type() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258" />'
    page = decode_page(cp1258(html(VIET, head)), CONFIG)
    assert page.text == html(VIET, head) and page.encoding == "windows-1258"
    assert page.declared == "windows-1258" and page.warnings == ()


@pytest.mark.parametrize("label", ["windows-1258", "cp1258", "WINDOWS-1258"])
def test_windows_1258_declared_gives_nfc(label: str) -> None:
    source = html(VIET, f"<meta charset='{label}'>")
    data = cp1258(source)
    assert "\u0301".encode("cp1258") in data  # the tones really are combining marks
    page = decode_page(data, CONFIG)
    assert page.text == unicodedata.normalize("NFC", source)
    assert unicodedata.is_normalized("NFC", page.text)
    assert page.encoding == "windows-1258" and page.declared == label.lower()


def test_windows_1258_undeclared_is_recognised_as_vietnamese() -> None:
    page = decode_page(cp1258(html(VIET)), CONFIG)
    assert page == DecodedPage(html(VIET), "windows-1258", None, ())


def test_western_bytes_undeclared_are_not_taken_for_windows_1258() -> None:
    page = decode_page("Le café où l'élève a mangé une crêpe".encode("cp1252"), CONFIG)
    assert page.encoding == "utf-8" and page.warnings == ("invalid_bytes_replaced",)


@pytest.mark.parametrize("label", ["iso-8859-1", "latin-1", "ascii", "us-ascii", "windows-1252"])
def test_latin1_declared_over_utf8_bytes_is_utf8(label: str) -> None:
    source = html(VIET, f'<meta charset="{label}">')
    page = decode_page(source.encode(), CONFIG)
    assert page == DecodedPage(source, "utf-8", label, ("declared_charset_wrong",))


def test_latin1_declared_means_windows_1252() -> None:
    source = html("“Café” – 5€", '<meta charset="iso-8859-1">')
    page = decode_page(source.encode("cp1252"), CONFIG)
    assert page == DecodedPage(source, "windows-1252", "iso-8859-1", ())


def test_invalid_utf8_is_replaced_with_a_warning() -> None:
    data = html(VIET).encode() + b"\xff\xfe\x80 end"
    page = decode_page(data, CONFIG)
    assert VIET in page.text and "\ufffd" in page.text
    assert page.encoding == "utf-8" and page.warnings == ("invalid_bytes_replaced",)
    with pytest.raises(EncodingError, match="invalid_bytes_replaced"):
        decode_page(data, STRICT)


def test_declared_utf8_with_a_bad_byte() -> None:
    data = html(VIET, '<meta charset="utf-8">').encode() + b"\xc3"
    page = decode_page(data, CONFIG)
    assert page.warnings == ("invalid_bytes_replaced",) and page.text.endswith("\ufffd")


def test_declared_charset_that_fails_is_replaced_in_that_charset() -> None:
    data = cp1258(html(VIET, '<meta charset="windows-1258">')) + b"\x81"
    page = decode_page(data, CONFIG)
    assert page.encoding == "windows-1258" and VIET in page.text
    assert page.warnings == ("invalid_bytes_replaced",)


@pytest.mark.parametrize("label", ["x-nonsense", "utf-7", "base64", "idna", "viscii"])
def test_unknown_or_unsafe_charset_is_ignored(label: str) -> None:
    source = html(VIET, f'<meta charset="{label}">')
    page = decode_page(source.encode(), CONFIG)
    assert page == DecodedPage(source, "utf-8", label, ("unknown_charset",))


def test_first_known_charset_wins_after_an_unknown_one() -> None:
    head = '<meta charset="x-nonsense"><meta charset="windows-1258"><meta charset="utf-8">'
    page = decode_page(cp1258(html(VIET, head)), CONFIG)
    assert page.encoding == "windows-1258" and page.warnings == ("unknown_charset",)


def test_meta_utf16_means_utf8() -> None:
    source = html(VIET, '<meta charset="utf-16">')
    assert decode_page(source.encode(), CONFIG).encoding == "utf-8"


def test_meta_after_head_is_not_read() -> None:
    source = "<html><head><title>x</title></head><body><meta charset='windows-1258'>" + VIET
    page = decode_page(source.encode(), CONFIG)
    assert page.declared is None and page.encoding == "utf-8" and page.text == source


def test_xml_declaration() -> None:
    source = '<?xml version="1.0" encoding="windows-1258"?>\n' + html(VIET)
    page = decode_page(cp1258(source), CONFIG)
    assert page.text == source and page.declared == "windows-1258"


def test_tcvn3_mojibake_is_flagged() -> None:
    text = "\n".join(TCVN3_LINES)
    declared = decode_page(html(text, '<meta charset="iso-8859-1">').encode("cp1252"), CONFIG)
    assert declared.warnings == ("mojibake_legacy_encoding",)
    undeclared = decode_page(text.encode("cp1252"), CONFIG)
    assert undeclared.encoding == "windows-1258"
    assert undeclared.warnings == ("mojibake_legacy_encoding",)
    with pytest.raises(EncodingError, match="TCVN3"):
        decode_page(text.encode("cp1252"), STRICT)


def test_mojibake_in_one_minified_line_counts_its_pieces() -> None:
    line = (" " * 2000).join(TCVN3_LINES)
    assert "\n" not in line
    page = decode_page(line.encode("cp1252"), CONFIG)
    assert "mojibake_legacy_encoding" in page.warnings


def test_clean_vietnamese_is_not_mojibake() -> None:
    # "giúp" and capitals such as "HÓA" fooled the older pattern of diagnostics.py.
    lines = ["Chính sách giúp người dân", "VĂN HÓA - XÃ HỘI", "CHỦ ĐỀ NÓNG", "giúp đỡ, giúp việc"]
    assert decode_page("\n".join(lines).encode(), CONFIG).warnings == ()
    assert decode_page("\n".join(lines).encode(), STRICT).warnings == ()


def test_mojibake_threshold_comes_from_the_config() -> None:
    data = html(TCVN3_LINES[0], '<meta charset="iso-8859-1">').encode("cp1252")
    assert decode_page(data, CONFIG).warnings == ()
    assert decode_page(data, CleanConfig(mojibake_min_hits=1)).warnings == (
        "mojibake_legacy_encoding",
    )


def test_str_input_is_only_normalised() -> None:
    nfd = unicodedata.normalize("NFD", VIET)
    assert nfd != VIET
    assert decode_page(nfd, CONFIG) == DecodedPage(VIET, "str", None, ())


def test_str_lone_surrogates_are_replaced() -> None:
    page = decode_page("Hà Nội \ud800 và \udfff", CONFIG)
    assert page.text == "Hà Nội \ufffd và \ufffd"
    assert page.warnings == ("lone_surrogates_replaced",)


def test_too_large_input_is_refused_before_decoding() -> None:
    small = CleanConfig(max_input_chars=100)
    with pytest.raises(InputTooLargeError, match="max_input_chars"):
        decode_page(b"\xff" * 101, small)
    with pytest.raises(InputTooLargeError, match="characters"):
        decode_page("a" * 101, small)
    assert decode_page(b"a" * 100, small).text == "a" * 100


def test_other_types_are_refused() -> None:
    with pytest.raises(CleanError, match="bytes or str"):
        decode_page(bytearray(b"x"), CONFIG)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [
        b"<html><head>" + b"<meta " * 100_000,
        b"<html><head><meta " + b" " * 5_000_000 + b"charset=windows-1258></head>",
        b"<html><head><meta charset" + b" " * 5_000_000 + b"=utf-8>",
        b"<head><meta content='" + b"charset " * 100_000,
        b"<?xml " + b" " * 5_000_000 + b"encoding='cp1258'?>",
    ],
    ids=["meta", "spaces", "spaces-before-equals", "charset-words", "xml"],
)
def test_adversarial_heads_are_scanned_in_bounded_time(data: bytes) -> None:
    page = decode_page(data, CONFIG)
    assert page.encoding == "utf-8" and page.text.isascii()


LABELS = st.sampled_from(["utf-8", "windows-1258", "latin-1", "utf-16", "utf-7", "x", "gbk", ""])


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000), strict=st.booleans())
def test_any_bytes_decode_to_nfc_or_raise_a_clean_error(data: bytes, strict: bool) -> None:
    _check(data, STRICT if strict else CONFIG)


@settings(max_examples=300, deadline=None)
@given(label=LABELS, body=st.binary(max_size=500), bom=st.sampled_from([b"", codecs.BOM_UTF8]))
def test_any_declared_page_decodes_to_nfc(label: str, body: bytes, bom: bytes) -> None:
    _check(bom + f"<head><meta charset={label}>".encode() + body, CONFIG)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=500))
def test_any_str_decodes_to_nfc(text: str) -> None:
    _check(text, CONFIG)


def _check(data: bytes | str, config: CleanConfig) -> None:
    try:
        page = decode_page(data, config)
    except CleanError:
        assert config.strict_decoding
        return
    assert isinstance(page, DecodedPage)
    assert unicodedata.is_normalized("NFC", page.text)
    assert all(isinstance(code, str) for code in page.warnings)
    assert len(set(page.warnings)) == len(page.warnings)
