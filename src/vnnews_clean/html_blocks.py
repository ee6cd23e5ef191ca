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

import lxml.etree

from .blocks import Block
from .config import CleanConfig
from .dom_tokens import token_bits
from .errors import InputTooLargeError
from .normalize import normalize_line
from .user_vocab import VocabularyOverlay

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
_LIST_ITEMS = frozenset(("li", "dd", "dt"))
_ARTICLE_TAGS = frozenset(("article", "main"))
_PRE_TAGS = frozenset(("pre", "textarea"))
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
    """The DOM context of an element's text. An inline element that changes none of it shares
    its parent's frame (most do), so depth, which every element changes, is kept apart."""

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
    path: str
    line: int
    chain: tuple[int, ...]


@dataclasses.dataclass(slots=True)
class _Line:
    """A line of the layout whose block is not built yet."""

    index: int
    text: str
    frame: _Frame
    depth: int
    gap_before: bool
    paragraph: bool
    link_share: float
    image_before: bool
    image_after: bool = False


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
        self.depth = 0
        self.gap = True
        self.image_pending = False
        # The newest line waits here until the next one says whether a gap follows it, so
        # that every Block and DomInfo is built once, complete.
        self.last: _Line | None = None
        self.count = 0

    def text(self, text: str, frame: _Frame, depth: int) -> None:
        """Add a piece of text (the caller skips empty ones) of an element at ``depth``."""
        if frame.in_pre and "\n" in text:
            first, *rest = text.split("\n")
            if first:
                self.text(first, frame, depth)
            for part in rest:
                self.end_line(paragraph=False)
                if part:
                    self.text(part, frame, depth)
            return
        if self.frame is None:
            if text.isspace():
                return
            self.frame = frame
            self.depth = depth
        self.pieces.append(text)
        if frame.in_link:
            self.link_chars += len(text)

    def image(self, src: str, alt: str) -> None:
        self.end_line(paragraph=False)
        self.images.append(Image(src, alt, self.count))
        if self.last is not None:
            self.last.image_after = True
        self.image_pending = True

    def end_line(self, paragraph: bool) -> None:
        frame = self.frame
        if frame is None:
            # No visible text since the last line break.
            self.pieces.clear()
            self.link_chars = 0
            self.gap = self.gap or paragraph
            return
        raw = "".join(self.pieces)
        self.pieces.clear()
        self.frame = None
        link_chars, self.link_chars = self.link_chars, 0
        line = normalize_line(" ".join(raw.split()))
        if not line:
            self.gap = self.gap or paragraph
            return
        if self.count >= self.config.max_blocks:
            raise InputTooLargeError(
                f"page has more than {self.config.max_blocks:,} blocks (CleanConfig.max_blocks)"
            )
        if self.last is not None:
            self._emit(self.last, gap_after=self.gap)
        self.last = _Line(
            index=self.count,
            text=line,
            frame=frame,
            depth=self.depth,
            gap_before=self.gap,
            paragraph=paragraph,
            link_share=min(1.0, link_chars / max(1, len(raw.strip()))),
            image_before=self.image_pending,
        )
        self.count += 1
        self.image_pending = False
        self.gap = paragraph

    def finish(self) -> None:
        """Emit the last line (nothing follows it, so its own paragraph flag is its gap)."""
        if self.last is not None:
            self._emit(self.last, gap_after=self.last.paragraph)
            self.last = None

    def _emit(self, pending: _Line, gap_after: bool) -> None:
        frame = pending.frame
        self.blocks.append(
            Block(
                index=pending.index,
                text=pending.text,
                line=frame.line,
                end_line=frame.line,
                gap_before=pending.gap_before,
                gap_after=gap_after,
                path=frame.path,
            )
        )
        self.dom.append(
            DomInfo(
                tag=frame.owner,
                heading=frame.heading,
                bits=frame.bits,
                link_share=pending.link_share,
                in_list=frame.in_list,
                in_figure=frame.in_figure,
                in_figcaption=frame.in_figcaption,
                in_table=frame.in_table,
                in_article=frame.in_article,
                image_before=pending.image_before,
                image_after=pending.image_after,
                depth=pending.depth,
                chain=frame.chain,
            )
        )


def _hidden(el: lxml.etree._Element) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden", "").lower() == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _child_frame(
    parent: _Frame,
    el: lxml.etree._Element,
    tag: str,
    serial: int,
    overlay: VocabularyOverlay | None,
) -> _Frame:
    cls, ident = el.get("class"), el.get("id")
    if cls:
        attrs = cls + " " + ident if ident else cls
    else:
        attrs = ident or ""
    bits = parent.bits | token_bits(attrs, overlay) if attrs else parent.bits
    if tag not in BLOCK_TAGS:
        # Headings, lists, figures, tables, articles and <pre> are block elements: an inline
        # element changes at most the concepts and whether its text is link text.
        if bits == parent.bits and (parent.in_link or tag != "a"):
            return parent
        return _Frame(
            bits=bits,
            owner=parent.owner,
            heading=parent.heading,
            in_list=parent.in_list,
            in_figure=parent.in_figure,
            in_figcaption=parent.in_figcaption,
            in_table=parent.in_table,
            in_article=parent.in_article,
            in_link=True if tag == "a" else parent.in_link,
            in_pre=parent.in_pre,
            path=parent.path,
            line=parent.line,
            chain=parent.chain,
        )
    tokens = attrs.split()  # a class of only spaces names nothing
    name = tag + ("." + tokens[0] if tokens else "")
    chain = parent.chain
    # Positional: a block element builds a frame, and keywords cost half the time of that.
    return _Frame(
        bits,
        tag,
        _HEADING.get(tag, parent.heading),
        parent.in_list or tag in _LIST_ITEMS,
        parent.in_figure or tag == "figure",
        parent.in_figcaption or tag == "figcaption",
        parent.in_table or tag == "table",
        parent.in_article or tag in _ARTICLE_TAGS,
        parent.in_link,
        parent.in_pre or tag in _PRE_TAGS,
        ">".join([*parent.path.split(">")[-(_PATH_DEPTH - 1) :], name]).lstrip(">"),
        el.sourceline or parent.line,
        (*chain[-(_CHAIN - 1) :], serial) if len(chain) >= _CHAIN else (*chain, serial),
    )


# What the end of an element does to the layout: nothing, a line break, or a paragraph end.
_INLINE, _LINE_END, _PARAGRAPH_END = 0, 1, 2


def segment_html(root: lxml.etree._Element, config: CleanConfig) -> HtmlPage:
    """Cut the visible text of a parsed page into blocks.

    >>> root = lxml.etree.HTML("<div><h1>Tiêu đề</h1><p>Đoạn <a>một</a>.</p></div>")
    >>> page = segment_html(root, CleanConfig())
    >>> [(b.text, d.tag, round(d.link_share, 2)) for b, d in zip(page.blocks, page.dom)]
    [('Tiêu đề', 'h1', 0.0), ('Đoạn một.', 'p', 0.33)]
    """
    body = root.find("body") if root.tag == "html" else None
    start = body if body is not None else root
    layout = _Layout(config)
    overlay = config.vocabulary
    top = _Frame(0, "body", 0, False, False, False, False, False, False, False, "", 0, ())
    # One entry per open element: its frame (the depth of the frame at frames[i] is i) and
    # what its end does.
    frames = [top]
    ends: list[int] = []
    # The elements being walked, kept referenced so that lxml hands back the same proxy at
    # their end event instead of building a new one.
    open_elements = []
    text, end_line = layout.text, layout.end_line
    # Every event of the walk counts in `serial`, except those under an element that renders
    # nothing, which stands for one event at its end (its tail is still text of its parent).
    serial = -1
    walker = lxml.etree.iterwalk(start, events=("start", "end"))
    skipped = None
    for event, el in walker:
        if event == "start":
            tag = el.tag
            tag = tag.lower() if isinstance(tag, str) else ""
            if not tag or tag in SKIP or _hidden(el):
                walker.skip_subtree()
                skipped = el
                continue
            serial += 1
            frame = _child_frame(frames[-1], el, tag, serial, overlay)
            frames.append(frame)
            open_elements.append(el)
            if tag in BLOCK_TAGS:
                ends.append(_PARAGRAPH_END if tag in PARAGRAPH_TAGS else _LINE_END)
                if layout.frame is not None:  # else nothing to end, and no gap to note
                    end_line(paragraph=False)
            else:
                ends.append(_INLINE)
            if tag == "img":
                src = el.get("src") or el.get("data-src") or ""
                layout.image(src.strip(), (el.get("alt") or "").strip())
            piece = el.text
            if piece:
                text(piece, frame, len(frames) - 1)
            continue
        serial += 1
        if el is skipped:
            skipped = None
        else:
            frames.pop()
            open_elements.pop()
            end = ends.pop()
            if end and layout.frame is not None:
                end_line(paragraph=end == _PARAGRAPH_END)
            elif end == _PARAGRAPH_END:  # no text to end: only the gap after it is noted
                layout.gap = True
        if el is not start:
            piece = el.tail
            if piece:
                text(piece, frames[-1], len(frames) - 1)
    end_line(paragraph=True)
    layout.finish()
    return HtmlPage(layout.blocks, layout.dom, layout.images)
