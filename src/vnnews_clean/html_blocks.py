"""The HTML front end: the visible text of a parsed page cut into blocks, with DOM context.

A block is one line of visible text as a browser lays it out: block-level elements and
``<br>`` end a line, paragraph-like elements also leave a blank line after them (the same
layout as the text dumps, so both front ends feed the same features). Each block keeps what
the DOM says about it (:class:`DomInfo`): the element that holds it, the kinds of container
around it, how much of it is link text, and whether an image stands next to it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import lxml.etree
import lxml.html

from .blocks import Block
from .config import CleanConfig
from .dom_tokens import token_bits
from .errors import InputTooLargeError
from .normalize import normalize_line

# Never rendered as text.
SKIP = frozenset(
    "script style noscript template svg math head iframe frame frameset object embed canvas "
    "select option datalist textarea input audio video source track map".split()
)
# Followed by a blank line in the layout; every other block element by a line break.
PARAGRAPH_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote table figure pre ul ol dl".split())
BLOCK_TAGS = PARAGRAPH_TAGS | frozenset(
    "html body div li tr td th br figcaption dt dd form label caption hr main article section "
    "header footer nav aside address center details summary fieldset legend tbody thead "
    "tfoot".split()
)
_HEADING = {f"h{n}": n for n in range(1, 7)}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# An element path in a block's location names at most this many ancestors.
_PATH_DEPTH = 3
# Block ancestors remembered per block: enough to find the article's container (the corpus's
# pages hold it at most 9 block levels above a paragraph) while bounded on deep pages.
_CHAIN = 16


@dataclasses.dataclass(frozen=True, slots=True)
class DomInfo:
    """What the DOM says about one block.

    ``tag`` is the block element holding the line; ``bits`` the container concepts of it and
    every ancestor (see :mod:`dom_tokens`); ``link_share`` the share of characters inside
    links; ``image_before``/``image_after`` whether an image stands between this block and
    its neighbour; ``chain`` the serial numbers of the block elements holding it, outermost first.
    """

    tag: str
    heading: int
    bits: int
    link_share: float
    in_list: bool
    in_figure: bool
    in_figcaption: bool
    in_table: bool
    in_article: bool
    image_before: bool
    image_after: bool
    depth: int
    chain: tuple[int, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Image:
    """An image of the page and the index of the first block after it."""

    src: str
    alt: str
    block_after: int


@dataclasses.dataclass(slots=True)
class _Frame:
    tag: str
    bits: int
    owner: str
    heading: int
    in_list: bool
    in_figure: bool
    in_figcaption: bool
    in_table: bool
    in_article: bool
    in_link: bool
    in_pre: bool
    depth: int
    path: str
    line: int
    chain: tuple[int, ...]


@dataclasses.dataclass
class HtmlPage:
    """The blocks of a page with their DOM context, and the page's images."""

    blocks: list[Block]
    dom: list[DomInfo]
    images: list[Image]


class _Layout:
    """Collects text pieces into lines and lines into blocks."""

    def __init__(self, config: CleanConfig) -> None:
        self.config = config
        self.blocks: list[Block] = []
        self.dom: list[DomInfo] = []
        self.images: list[Image] = []
        self.pieces: list[str] = []
        self.link_chars = 0
        self.frame: _Frame | None = None
        self.gap = True
        self.image_pending = False

    def text(self, text: str | None, frame: _Frame) -> None:
        if not text:
            return
        if frame.in_pre and "\n" in text:
            first, *rest = text.split("\n")
            self.text(first, frame)
            for part in rest:
                self.end_line(paragraph=False)
                self.text(part, frame)
            return
        if self.frame is None:
            if text.isspace():
                return
            self.frame = frame
        self.pieces.append(text)
        if frame.in_link:
            self.link_chars += len(text)

    def image(self, src: str, alt: str) -> None:
        self.end_line(paragraph=False)
        self.images.append(Image(src, alt, len(self.blocks)))
        if self.dom:
            self.dom[-1] = dataclasses.replace(self.dom[-1], image_after=True)
        self.image_pending = True

    def end_line(self, paragraph: bool) -> None:
        frame, raw = self.frame, "".join(self.pieces)
        self.pieces.clear()
        self.frame = None
        link_chars, self.link_chars = self.link_chars, 0
        line = normalize_line(" ".join(raw.split())) if frame is not None else ""
        if not line or frame is None:
            self.gap = self.gap or paragraph
            return
        if len(self.blocks) >= self.config.max_blocks:
            raise InputTooLargeError(
                f"page has more than {self.config.max_blocks:,} blocks (CleanConfig.max_blocks)"
            )
        if self.blocks:
            last = self.blocks[-1]
            self.blocks[-1] = dataclasses.replace(last, gap_after=self.gap)
        self.blocks.append(
            Block(len(self.blocks), line, frame.line, frame.line, self.gap, paragraph, frame.path)
        )
        self.dom.append(
            DomInfo(
                tag=frame.owner,
                heading=frame.heading,
                bits=frame.bits,
                link_share=min(1.0, link_chars / max(1, len(raw.strip()))),
                in_list=frame.in_list,
                in_figure=frame.in_figure,
                in_figcaption=frame.in_figcaption,
                in_table=frame.in_table,
                in_article=frame.in_article,
                image_before=self.image_pending,
                image_after=False,
                depth=frame.depth,
                chain=frame.chain,
            )
        )
        self.image_pending = False
        self.gap = paragraph


def _hidden(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden", "").lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _child_frame(
    parent: _Frame, el: lxml.html.HtmlElement, tag: str, serial: int
) -> _Frame:
    attrs = " ".join(v for v in (el.get("class"), el.get("id")) if v)
    bits = parent.bits | token_bits(attrs) if attrs else parent.bits
    block = tag in BLOCK_TAGS
    path = parent.path
    if block:
        name = tag + ("." + attrs.split()[0] if attrs else "")
        path = ">".join([*parent.path.split(">")[-(_PATH_DEPTH - 1) :], name]).lstrip(">")
    return _Frame(
        tag=tag,
        bits=bits,
        owner=tag if block else parent.owner,
        heading=_HEADING.get(tag, parent.heading),
        in_list=parent.in_list or tag in ("li", "dd", "dt"),
        in_figure=parent.in_figure or tag == "figure",
        in_figcaption=parent.in_figcaption or tag == "figcaption",
        in_table=parent.in_table or tag == "table",
        in_article=parent.in_article or tag in ("article", "main"),
        in_link=parent.in_link or tag == "a",
        in_pre=parent.in_pre or tag in ("pre", "textarea"),
        depth=parent.depth + 1,
        path=path,
        line=el.sourceline or parent.line if block else parent.line,
        chain=(*parent.chain[-(_CHAIN - 1) :], serial) if block else parent.chain,
    )


def _events(root: lxml.html.HtmlElement) -> Iterator[tuple[str, lxml.html.HtmlElement]]:
    """Start and end events of the visible elements; an element that renders nothing gives
    one "skip" event (its tail is still text of its parent)."""
    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    skipped = None
    for event, el in walker:
        if event == "start":
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if not tag or tag in SKIP or _hidden(el):
                walker.skip_subtree()
                skipped = el
                continue
        elif el is skipped:
            skipped = None
            yield "skip", el
            continue
        yield event, el


def segment_html(root: lxml.html.HtmlElement, config: CleanConfig) -> HtmlPage:
    """Cut the visible text of a parsed page into blocks.

    >>> root = lxml.html.fromstring("<div><h1>Tiêu đề</h1><p>Đoạn <a>một</a>.</p></div>")
    >>> page = segment_html(root, CleanConfig())
    >>> [(b.text, d.tag, round(d.link_share, 2)) for b, d in zip(page.blocks, page.dom)]
    [('Tiêu đề', 'h1', 0.0), ('Đoạn một.', 'p', 0.33)]
    """
    body = root.find("body") if root.tag == "html" else None
    start = body if body is not None else root
    layout = _Layout(config)
    top = _Frame("", 0, "body", 0, False, False, False, False, False, False, False, 0, "", 0, ())
    stack = [top]
    for serial, (event, el) in enumerate(_events(start)):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            frame = _child_frame(stack[-1], el, tag, serial)
            stack.append(frame)
            if tag in BLOCK_TAGS:
                layout.end_line(paragraph=False)
            if tag == "img":
                src = el.get("src") or el.get("data-src") or ""
                layout.image(src.strip(), (el.get("alt") or "").strip())
            layout.text(el.text, frame)
            continue
        if event == "end":
            stack.pop()
            if tag in BLOCK_TAGS:
                layout.end_line(paragraph=tag in PARAGRAPH_TAGS)
        if el is not start:
            layout.text(el.tail, stack[-1])
    layout.end_line(paragraph=True)
    return HtmlPage(layout.blocks, layout.dom, layout.images)
