"""Bad input: a clear exception or a documented empty result, never a crash."""

from __future__ import annotations

import pytest

import vnnews_clean
from vnnews_clean import CleanConfig, CleanError, InputTooLargeError


def test_empty_input_gives_an_empty_article() -> None:
    article = vnnews_clean.clean_text("")
    assert article.paragraphs == () and article.blocks == () and article.title is None
    assert article.lead is None and article.text == ""


def test_blank_input_gives_an_empty_article() -> None:
    assert vnnews_clean.clean_text("\n \u00a0\n\u200b\n").blocks == ()


def test_chrome_only_page_says_no_article_found() -> None:
    article = vnnews_clean.clean_text("Trang chủ\nĐăng nhập\nTin liên quan\n")
    assert article.paragraphs == ()
    assert "no_article_found" in article.warnings
    assert len(article.blocks) == 3


def test_too_many_characters() -> None:
    with pytest.raises(InputTooLargeError, match="max_input_chars"):
        vnnews_clean.clean_text("a" * 101, config=CleanConfig(max_input_chars=100))


def test_too_many_blocks() -> None:
    with pytest.raises(InputTooLargeError, match="max_blocks"):
        vnnews_clean.clean_text("dòng\n" * 11, config=CleanConfig(max_blocks=10))


def test_errors_are_value_errors() -> None:
    assert issubclass(InputTooLargeError, CleanError)
    assert issubclass(CleanError, ValueError)


def test_bytes_are_refused_with_a_clear_message() -> None:
    with pytest.raises(CleanError, match="str"):
        vnnews_clean.clean_text(b"bytes")  # type: ignore[arg-type]


def test_a_very_long_line_is_kept_whole() -> None:
    line = "Đây là một câu rất dài. " * 20_000
    article = vnnews_clean.clean_text(line, config=CleanConfig(max_line_chars=10_000))
    assert len(article.blocks) == 1
    assert article.blocks[0].text == line.strip()


def test_control_characters_and_surrogates() -> None:
    article = vnnews_clean.clean_text("A\x00b\ud800c\x1b\n\nTin\u200b liên quan\n")
    assert [b.text for b in article.blocks] == ["A b c", "Tin liên quan"]


def test_mojibake_is_reported() -> None:
    tcvn3 = "Tæng BÝ th­ ®¸nh gi¸ cao kÕt qu¶ c«ng t¸c ®èi ngo¹i n¨m qua.\n\n" * 4
    assert "mojibake_legacy_encoding" in vnnews_clean.clean_text(tcvn3).warnings
