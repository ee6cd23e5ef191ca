"""Fuzzing clean_text: pages mixed from Vietnamese vocabulary and seed lines, random Unicode,
control characters and separators. Whatever the page: no exception but a CleanError, every
invariant of invariants.py, the same result twice, and nothing lost on re-cleaning.

CI runs VNNEWS_FUZZ_EXAMPLES examples (300 by default); a long run:

    VNNEWS_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py --hypothesis-show-statistics

Every crash a long run finds is added below as an explicit @example.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

import vnnews_clean
from invariants import check_article, reclean_keeps_paragraphs
from vnnews_clean import CleanError, WeightsError

from conftest import SEEDS, seed_lines

VOCAB = Path(vnnews_clean.__file__).parent / "data" / "vocab"
VOCAB_LINES = sorted(
    {
        entry
        for path in VOCAB.glob("*.txt")
        for line in path.read_text("utf-8").splitlines()
        if (entry := line.split("#", 1)[0].strip())
    }
)
SEED_LINES = seed_lines()
# Invisible, control and separator characters, lone surrogates, a combining tone mark.
ODD = [
    *(chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))),
    *"\u00a0\u00ad\u200b\u200d\u200e\u202e\u2028\u2029\u2060\u3000\ufeff\ufffe\uffff",
    "\ud800",
    "\udfff",
    "\u0301",
    "\u0323",
    *"ſKİıﬀẞßΣςǅ",  # letters whose case mapping is not one ASCII letter to one
]
SEPARATORS = [
    *"|:.-–—•·/»«()[]#*,;!?…\"'“”",
    "Ảnh:",
    "Ảnh",
    "Theo",
    "Nguồn:",
    "Video:",
    "...",
    "](",
    "![",
    "---",
    "http://",
    ".vn",
    "GMT+7",
    "19/12/2023",
    "13:00",
]


# Date stamps as portals print them, with any digits (Arabic-Indic, full-width, mathematical:
# all are \d) and month names in odd cases, read by dates.py.
DIGITS = "0123456789" + "0129" * 4 + "٠١٢٣٩" + "０１２９" + "𝟎𝟏𝟗"
MONTHS = ["Jan", "feb", "MAR", "aPr", "May", "June", "Jul", "August", "ſep", "Oct", "Nov", "Dec"]
DATE_FORMS = [
    "{a}/{b}/{c}",
    "{d}:{e} | {a}/{b}/{c} GMT+{e}",
    "Thứ Sáu, {a}/{b}/{c} {d}:{e} (GMT-{b})",
    "{c}-{b}-{a}T{d}:{e}:{a}.{b}+{d}:{e}",
    "{c}-{b}-{a} {d}:{e}Z",
    "Thu, {a} {m} {c} {d}:{e}:{a} +{d}{e}",
    "{a} {m} {c} {d}:{e} UTC",
    "ngày {a} tháng {b} năm {c}",
    "Cập nhật {a}.{b}.{c}, {d}h{e}",
    "{a}/{b}/{c} {d}g{e} GMT {e}:{a}",
]
numbers = st.text(alphabet=DIGITS, min_size=1, max_size=5)
dates = st.builds(
    lambda form, a, b, c, d, e, m: form.format(a=a, b=b, c=c, d=d, e=e, m=m),
    st.sampled_from(DATE_FORMS),
    *[numbers] * 5,
    st.sampled_from(MONTHS),
)


def _mix(pieces: list[str]) -> str:
    return "".join(pieces)


def _nfd(line: str) -> str:
    return unicodedata.normalize("NFD", line)


words = st.one_of(
    st.sampled_from(VOCAB_LINES),
    st.sampled_from(SEPARATORS),
    st.sampled_from(ODD),
    st.sampled_from(SEED_LINES).map(lambda line: line[:40]),
    st.text(max_size=8),
    st.just(" "),
    dates,
)
lines = st.one_of(
    st.sampled_from(SEED_LINES),
    st.sampled_from(SEED_LINES).map(_nfd),
    st.sampled_from(VOCAB_LINES),
    st.sampled_from(VOCAB_LINES).map(str.upper),
    st.lists(words, max_size=12).map(_mix),
    st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=40).map(" ".join),
    st.text(max_size=80),
    st.just(""),
    dates,
)
SEED_PAGES = [p.read_text("utf-8").splitlines() for p in sorted(SEEDS.glob("*.txt"))]
breaks = st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\u2028", "\n \n"])


def _perturbed(page: list[str], edits: list[tuple[int, bool, str]], sep: str) -> str:
    """A seed page with lines inserted, or put in place of others."""
    out = list(page)
    for at, replace, line in edits:
        at %= len(out) + 1
        out[at : at + replace] = [line]
    return sep.join(out)


pages = st.one_of(
    st.builds(lambda page, sep: sep.join(page), st.lists(lines, max_size=50), breaks),
    st.builds(
        _perturbed,
        st.sampled_from(SEED_PAGES),
        st.lists(st.tuples(st.integers(0, 400), st.booleans(), lines), max_size=12),
        breaks,
    ),
)

FUZZ = settings(
    max_examples=int(os.environ.get("VNNEWS_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(pages)
@example("")
@example("\ud800\n\x00\n\u2028")
@example("Tin mới\n\n1 ſep 2024\n\nHà Nội mở thêm tuyến buýt điện")  # KeyError in parse_date
def test_clean_text_on_fuzzed_pages(text: str) -> None:
    try:
        article = vnnews_clean.clean_text(text)
    except CleanError as exc:  # documented; no other exception may escape
        if isinstance(exc, WeightsError):
            raise  # the installation is broken, not the input
        event(f"CleanError: {type(exc).__name__}")
        return
    check_article(text, article)
    assert vnnews_clean.clean_text(text).to_dict() == article.to_dict()
    reclean_keeps_paragraphs(article)
    if article.paragraphs:
        same = vnnews_clean.clean_text(article.text).text == article.text
        event("re-cleaned text identical" if same else "re-cleaned text differs (title taken)")
