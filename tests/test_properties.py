"""Invariants over generated pages: no crash, nothing lost, nothing invented, stable."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vnnews_clean
from invariants import input_lines

from conftest import SEEDS, seed_lines

SEED_LINES = seed_lines()
CHROME = [
    "Tin bài liên quan",
    "Đọc nhiều",
    "Trang chủ",
    "aa",
    "fb yt zl tw",
    "Nguồn:",
    "---",
    "[Video] Một video khác",
    "infographics mot hai ba bon nam sau",
    "Xin chờ trong giây lát...",
]
ODD = [
    "\u00a0",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b",
    "\u2028",
    "\r",
    "\t",
    "\u0301",
    "\u0323",
    " ",
    "...",
    "Ảnh:",
    "Theo",
    "|",
    ":",
]


def _decompose(line: str) -> str:
    return unicodedata.normalize("NFD", line)


def _noisy(line: str, noise: str, at: int) -> str:
    at = at % (len(line) + 1)
    return line[:at] + noise + line[at:]


page_lines = st.lists(
    st.one_of(
        st.sampled_from(SEED_LINES),
        st.sampled_from(SEED_LINES).map(_decompose),
        st.sampled_from(CHROME),
        st.builds(_noisy, st.sampled_from(SEED_LINES), st.sampled_from(ODD), st.integers(0, 400)),
        st.just(""),
        st.text(max_size=60),
    ),
    max_size=60,
)
pages = st.one_of(
    page_lines.map("\n".join),
    page_lines.map("\n\n".join),
    page_lines.map("\r\n".join),
    st.text(max_size=400),
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(pages)
def test_blocks_partition_the_non_blank_lines(text: str) -> None:
    article = vnnews_clean.clean_text(text)
    lines = input_lines(text)
    assert [b.line for b in article.blocks] == sorted(lines)
    assert all(b.text == lines[b.line] for b in article.blocks)
    assert all(b.reason for b in article.blocks)


@SETTINGS
@given(pages)
def test_output_text_comes_from_the_input(text: str) -> None:
    article = vnnews_clean.clean_text(text)
    lines = set(input_lines(text).values())
    for piece in article.paragraphs + article.captions:
        assert piece in lines
        assert unicodedata.is_normalized("NFC", piece)


@SETTINGS
@given(page_lines.map("\n\n".join))
def test_nfd_input_gives_the_same_article(text: str) -> None:
    nfc = vnnews_clean.clean_text(unicodedata.normalize("NFC", text)).to_dict()
    nfd = vnnews_clean.clean_text(unicodedata.normalize("NFD", text)).to_dict()
    assert nfd == nfc


@SETTINGS
@given(pages)
def test_recleaning_loses_nothing(text: str) -> None:
    first = vnnews_clean.clean_text(text)
    second = vnnews_clean.clean_text(first.text)
    kept = set(second.paragraphs) | {second.title}
    for paragraph in first.paragraphs:
        assert paragraph in kept


def test_recleaning_the_seeds_loses_nothing() -> None:
    for path in SEEDS.glob("*.txt"):
        first = vnnews_clean.clean_text(path.read_text("utf-8"))
        second = vnnews_clean.clean_text(first.text)
        assert set(first.paragraphs) <= set(second.paragraphs) | {second.title}
