"""Fuzzing both entry points; whatever the page, no exception but a CleanError (a broken
WeightsError is re-raised), the same result twice, and nothing lost on re-cleaning.

- clean_text: pages mixed from Vietnamese vocabulary and seed lines, random Unicode, control
  characters and separators; every invariant of invariants.py holds.
- clean_html: pages of randomly nested tags (blocks, inline, lists, figures, tables, images,
  script/style/template/noscript, comments, <br>) with class and id tokens from data/dom/,
  hidden elements, entities good and bad, unclosed and stray tags, deep nesting and <meta>
  charsets, as str or as bytes (UTF-8, windows-1258, UTF-16, raw bytes mixed in); and the
  pages of fixtures/pages with random slices deleted, copied or inserted. Every block's text
  is NFC, the blocks are in order, and paragraphs and captions are the texts of the blocks
  so labelled. event() records the path taken (fallback, not an article, article).

CI runs VNNEWS_FUZZ_EXAMPLES examples per target (300 by default); a long run:

    VNNEWS_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py --hypothesis-show-statistics

Every crash a long run finds is added below as an explicit @example.
"""

from __future__ import annotations

import html
import json
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

import vnnews_clean
from invariants import check_article, reclean_keeps_paragraphs
from vnnews_clean import CleanError, Label, WeightsError

from conftest import ROOT, SEEDS, cp1258, seed_lines

VOCAB = Path(vnnews_clean.__file__).parent / "data" / "vocab"
DOM = Path(vnnews_clean.__file__).parent / "data" / "dom"
VOCAB_LINES = sorted(
    {
        entry
        for path in VOCAB.glob("*.txt")
        for line in path.read_text("utf-8").splitlines()
        if (entry := line.split("#", 1)[0].strip())
    }
)
DOM_TOKENS = sorted(
    {
        entry
        for path in DOM.glob("*.txt")
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


def _cleaned(
    clean: Callable[[Any], vnnews_clean.Article], page: str | bytes
) -> vnnews_clean.Article | None:
    """The article, or None when the input raised a documented CleanError; any other
    exception escapes and fails the test."""
    try:
        return clean(page)
    except CleanError as exc:
        if isinstance(exc, WeightsError):
            raise  # the installation is broken, not the input
        event(f"CleanError: {type(exc).__name__}")
        return None


@FUZZ
@given(pages)
@example("")
@example("\ud800\n\x00\n\u2028")
@example("Tin mới\n\n1 ſep 2024\n\nHà Nội mở thêm tuyến buýt điện")  # KeyError in parse_date
def test_clean_text_on_fuzzed_pages(text: str) -> None:
    article = _cleaned(vnnews_clean.clean_text, text)
    if article is None:
        return
    check_article(text, article)
    assert vnnews_clean.clean_text(text).to_dict() == article.to_dict()
    reclean_keeps_paragraphs(article)
    if article.paragraphs:
        same = vnnews_clean.clean_text(article.text).text == article.text
        event("re-cleaned text identical" if same else "re-cleaned text differs (title taken)")


# HTML pages. Text nodes come from `lines`, escaped or raw (a raw "<" opens a tag of its own).
texts = st.one_of(lines.map(html.escape), lines)
ENTITIES = [
    "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#x1EA1;", "&#7841;", "&#x110;", "&agrave;",
    "&#xD800;", "&#xDFFF;", "&#99999999;", "&#x110000;", "&#0;", "&#x0;", "&#;", "&#x;",
    "&bogus;", "&", "&amp", "&#128512;", "&#x202E;", "&#x301;",
]  # fmt: skip
dom_tokens = st.one_of(
    st.sampled_from(DOM_TOKENS),
    st.builds(
        lambda a, sep, b: a + sep + b,
        st.sampled_from(DOM_TOKENS),
        st.sampled_from(["-", "_", ".", ":", "", "__"]),
        st.sampled_from(DOM_TOKENS),
    ),
    st.sampled_from(DOM_TOKENS).map(str.upper),
    st.text(max_size=10),
)
attributes = st.one_of(
    st.builds(
        lambda name, tokens: f' {name}="{" ".join(tokens)}"',
        st.sampled_from(["class", "id", "CLASS"]),
        st.lists(dom_tokens, max_size=4),
    ),
    st.sampled_from(
        [
            " hidden",
            ' hidden=""',
            ' aria-hidden="true"',
            ' aria-hidden="TRUE"',
            ' aria-hidden="false"',
            ' style="display:none"',
            ' style="color: red; DISPLAY : none"',
            ' style="visibility:hidden"',
            ' style="display:block"',
            ' href="/tin-khac.html"',
            ' lang="vi"',
            " class",
            ' id=""',
            ' class="   "',
            " data-x='a\"b'",
            ' class="unterminated',
            " class=a=b",
            ' src=""',
        ]
    ),
)
attribute_lists = st.lists(attributes, max_size=4).map("".join)
images = st.builds(
    lambda attrs, src, alt: f'<img{attrs} src="{html.escape(src)}" alt="{html.escape(alt)}">',
    attribute_lists,
    st.sampled_from(["", "/img/a.jpg", " /img/b.png ", "data:,", "javascript:x"]),
    lines,
)
comments = st.one_of(
    lines.map(lambda line: f"<!--{line}-->"),
    st.sampled_from(["<!-- open", "<!--->", "<!---->", "<!>", "<?php echo 1 ?>", "<![CDATA[x]]>"]),
)
raw_text_elements = st.builds(
    lambda tag, attrs, body, close: f"<{tag}{attrs}>{body}" + (f"</{tag}>" if close else ""),
    st.sampled_from(["script", "style", "SCRIPT", "textarea", "title"]),
    attribute_lists,
    st.one_of(lines, st.just("if (a < b) { x = '</p>'; }"), st.just("</scr")),
    st.booleans(),
)
STRAY = [
    "<br>", "<br/>", "</br>", "<hr>", "</div>", "</p>", "</li>", "<p>", "<li>", "<td>", "</td>",
    "</table>", "<tr>", "</html>", "<body>", "<html>", "</body>", "<a>", "</a>", "<p/>", "<",
    "</", "< p>", "<p", "<div class=", "<h1>", "</h3>", "<figure>", "</figcaption>",
]  # fmt: skip
leaves = st.one_of(
    texts,
    st.sampled_from(ENTITIES),
    st.sampled_from(STRAY),
    images,
    comments,
    raw_text_elements,
)
CONTAINERS = [
    "div", "p", "span", "a", "h1", "h2", "h3", "ul", "li", "figure", "figcaption", "table",
    "tr", "td", "template", "noscript", "article", "section", "header", "footer", "nav", "aside",
    "pre", "blockquote", "b", "em", "time", "DIV", "P",
]  # fmt: skip


def _element(tag: str, attrs: str, children: list[str], close: bool) -> str:
    return f"<{tag}{attrs}>{''.join(children)}" + (f"</{tag}>" if close else "")


# Recursion through deferred (not st.recursive, whose retry events print the whole strategy):
# two leaves to one element keeps the expected size of a tree finite.
fragments = st.deferred(
    lambda: st.one_of(
        leaves,
        leaves,
        st.builds(
            _element,
            st.sampled_from(CONTAINERS),
            attribute_lists,
            st.lists(fragments, max_size=6),
            st.sampled_from([True, True, True, False]),
        ),
    )
)
# Nesting past CleanConfig.max_dom_depth (512), which is flattened before parsing.
deep = st.builds(
    lambda tag, depth, inside, close: f"<{tag}>" * depth + inside + f"</{tag}>" * close,
    st.sampled_from(["div", "span", "b", "li", "p"]),
    st.integers(0, 1500),
    fragments,
    st.integers(0, 1500),
)


def _seed_as_html(
    page: list[str], wrappers: list[tuple[str, str]], inserts: list[tuple[int, str]]
) -> str:
    """A seed page as markup, each line in an element of its own, with fragments between."""
    out = [
        f"<{tag}{attrs}>{html.escape(line)}</{tag}>"
        for line, (tag, attrs) in zip(page, wrappers * len(page), strict=False)
    ]
    for at, fragment in inserts:
        out.insert(at % (len(out) + 1), fragment)
    return "\n".join(out)


# Vietnamese pages, which the model reads instead of handing them to the fallback.
seeded = st.builds(
    _seed_as_html,
    st.sampled_from(SEED_PAGES),
    st.lists(st.tuples(st.sampled_from(CONTAINERS), attribute_lists), min_size=1, max_size=6),
    st.lists(st.tuples(st.integers(0, 400), fragments), max_size=6),
)
CHARSETS = [
    "utf-8", "UTF-8", "utf8", "windows-1258", "cp1258", "latin1", "iso-8859-1", "ascii",
    "utf-16", "utf-16le", "bogus", "x-user-defined", "utf-7", "base64", "", '"', "tcvn",
]  # fmt: skip
heads = st.builds(
    lambda form, charset, title: form.format(charset=charset) + f"<title>{title}</title>",
    st.sampled_from(
        [
            "",
            '<meta charset="{charset}">',
            "<meta charset={charset}>",
            '<meta http-equiv="Content-Type" content="text/html; charset={charset}">',
            '<?xml version="1.0" encoding="{charset}"?>',
        ]
    ),
    st.sampled_from(CHARSETS),
    texts,
)


def _page(doctype: bool, head: str, body: list[str], shape: int) -> str:
    inner = "".join(body)
    if shape == 0:
        return inner
    opened = ("<!DOCTYPE html>" if doctype else "") + f"<html><head>{head}</head><body>{inner}"
    return opened + ("</body></html>" if shape == 1 else "")


html_texts = st.builds(
    _page,
    st.booleans(),
    heads,
    st.lists(st.one_of(fragments, fragments, fragments, deep, seeded), max_size=8),
    st.integers(0, 2),
)


def _cp1258_or_replace(text: str) -> bytes:
    try:
        return cp1258(text)
    except UnicodeEncodeError:  # characters windows-1258 lacks, lone surrogates
        return text.encode("cp1258", "replace")


ENCODERS = {
    "utf-8": lambda t: t.encode("utf-8", "replace"),
    "utf-8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8", "replace"),
    "windows-1258": _cp1258_or_replace,
    "utf-16": lambda t: t.encode("utf-16", "replace"),
    "latin-1": lambda t: t.encode("latin-1", "replace"),
}


def _splice(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for at, delete, insert in edits:
        at %= len(data) + 1
        data = data[:at] + insert + data[at + delete :]
    return data


html_bytes = st.builds(
    lambda text, encoding, edits: _splice(ENCODERS[encoding](text), edits),
    html_texts,
    st.sampled_from(sorted(ENCODERS)),
    st.lists(st.tuples(st.integers(0, 10**6), st.just(0), st.binary(max_size=8)), max_size=4),
)
FIXTURE_PAGES = [p.read_bytes() for p in sorted((ROOT / "fixtures" / "pages").glob("*.html"))]


def _perturbed_fixture(
    page: bytes, edits: list[tuple[int, int, bytes | tuple[int, int]]], as_str: bool
) -> str | bytes:
    """A fixture page with slices deleted, and bytes or a slice of itself inserted."""
    for at, delete, insert in edits:
        if isinstance(insert, tuple):
            start = insert[0] % (len(page) + 1)
            insert = page[start : start + insert[1]]
        page = _splice(page, [(at, delete, insert)])
    return page.decode("utf-8", "replace") if as_str else page


fixture_pages = st.builds(
    _perturbed_fixture,
    st.sampled_from(FIXTURE_PAGES),
    st.lists(
        st.tuples(
            st.integers(0, 20_000),
            st.integers(0, 400),
            st.one_of(
                fragments.map(lambda f: f.encode("utf-8", "replace")),
                st.binary(max_size=16),
                st.tuples(st.integers(0, 20_000), st.integers(0, 2_000)),
            ),
        ),
        max_size=6,
    ),
    st.booleans(),
)
html_pages = st.one_of(html_texts, html_bytes, fixture_pages)
_TEXT = (Label.BODY, Label.HEADING)


def check_html_article(article: vnnews_clean.Article) -> None:
    """What every clean_html result satisfies: the blocks in order, each with one NFC line of
    text and a reason; paragraphs and captions are exactly the texts of the blocks so labelled."""
    blocks = article.blocks
    assert [b.index for b in blocks] == list(range(len(blocks)))
    for b in blocks:
        assert b.text and b.text == b.text.strip() and "\n" not in b.text, repr(b.text[:80])
        assert unicodedata.is_normalized("NFC", b.text), repr(b.text[:80])
        assert b.reason and isinstance(b.label, Label)
    assert article.paragraphs == tuple(b.text for b in blocks if b.label in _TEXT)
    assert article.captions == tuple(b.text for b in blocks if b.label is Label.CAPTION)
    strings = [
        *article.authors,
        *article.tags,
        *(s for s in (article.title, article.source, article.section) if s is not None),
    ]
    assert all(unicodedata.is_normalized("NFC", s) for s in strings)
    assert 0.0 <= article.confidence <= 1.0
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")


def _path(article: vnnews_clean.Article) -> str:
    """The way through the pipeline, by the warnings it left."""
    fallback = [w for w in article.warnings if w.startswith("fallback_")]
    verdict = [w for w in article.warnings if w.startswith("not_article_")]
    return " + ".join(fallback + verdict) or "article"


@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@FUZZ
@given(html_pages)
@example("")
@example(b"")
@example("<html><body>\ud800&#xD800;&#99999999;</body></html>")
def test_clean_html_on_fuzzed_pages(page: str | bytes) -> None:
    event(f"input: {type(page).__name__}")
    article = _cleaned(vnnews_clean.clean_html, page)
    if article is None:
        return
    check_html_article(article)
    assert vnnews_clean.clean_html(page).to_dict() == article.to_dict()
    path = _path(article)
    event(f"path: {path}")
    if "fallback_" not in path:
        reclean_keeps_paragraphs(article)
    elif article.paragraphs:
        # stabilise() runs before the fallback, whose paragraphs are trafilatura's: not made
        # a fixed point (the fixtures english.html and not_found.html lose all of theirs).
        again = vnnews_clean.clean_text(article.text)
        kept = set(again.paragraphs) | {again.title}
        held = all(p in kept for p in article.paragraphs)
        event(f"fallback paragraphs {'kept' if held else 'lost'} on re-cleaning")
