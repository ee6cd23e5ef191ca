"""Parsing HTML safely with lxml: no network, no entities, and no text lost to deep nesting.

libxml2 stops building the tree at a fixed depth (256 levels, 2048 with ``huge_tree``) and
silently drops everything under it and after it. Pages nested deeper than
``CleanConfig.max_dom_depth`` are therefore flattened first: tags past that depth are removed
from the source, their text kept in place, and the page says so in its warnings.
"""

from __future__ import annotations

import functools
import re

import lxml.etree

from .config import CleanConfig
from .errors import CleanError

# Elements that never hold a closing tag, so they do not deepen the tree.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>")


class ParseError(CleanError):
    """The input could not be read as HTML at all."""


def _parser() -> lxml.etree.HTMLParser:
    # huge_tree lifts libxml2's limits on text node size (a 12 MB text node is otherwise
    # returned empty); the HTML parser never expands external entities or reads the network.
    # lxml.etree's parser, not lxml.html's: its plain elements need no Python-level class
    # lookup per element proxy, which cost a fifth of the segmentation's time.
    return lxml.etree.HTMLParser(
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        collect_ids=False,
        default_doctype=False,
    )


def parse_html(text: str, config: CleanConfig) -> tuple[lxml.etree._Element, tuple[str, ...]]:
    """The document tree of a decoded page, and reason codes for what parsing changed.

    >>> root, warnings = parse_html("<p>Xin chào</p>", CleanConfig())
    >>> root.findtext(".//p"), warnings
    ('Xin chào', ())
    """
    root = _parse(text)
    if not deeper_than(root, config.max_dom_depth):
        return root, ()
    flat = flatten_nesting(text, config.max_dom_depth)
    root = _parse(flat)
    if deeper_than(root, config.max_dom_depth * 2):
        # Nesting the tag counter could not follow (stray closing tags): keep the text only.
        root = _parse("<html><body><pre>" + _strip_tags(flat) + "</pre></body></html>")
        return root, ("deep_nesting_text_only",)
    return root, ("deep_nesting_flattened",)


def _parse(text: str) -> lxml.etree._Element:
    if not text.strip():
        text = "<html><body></body></html>"
    try:
        root = lxml.etree.fromstring(text, _parser())
    except (lxml.etree.ParserError, ValueError) as exc:
        # lxml refuses a document it finds empty (only comments, or an empty tag soup).
        if "empty" not in str(exc).lower():
            raise ParseError(f"lxml could not parse the page: {exc}") from exc
        root = None
    if root is None:  # lxml.etree returns None where lxml.html says "Document is empty"
        root = lxml.etree.fromstring("<html><body></body></html>", _parser())
    return root


def deeper_than(root: lxml.etree._Element, depth: int) -> bool:
    """Whether the tree nests more than ``depth`` levels (``root`` is level 1).

    >>> root = _parse("<div><p>x</p></div>")  # html > body > div > p
    >>> deeper_than(root, 3), deeper_than(root, 4)
    (True, False)
    """
    # The parser drops comments and processing instructions, so only elements nest.
    return bool(_path_below(depth)(root)) if depth > 0 else True


@functools.lru_cache(maxsize=8)
def _path_below(depth: int) -> lxml.etree.XPath:
    # "*/*/.../*" with `depth` steps finds the elements `depth` levels under the root: libxml2
    # walks the levels in C, several times faster than a Python walk of every element.
    return lxml.etree.XPath("boolean(" + "/".join(["*"] * depth) + ")")


def flatten_nesting(text: str, max_depth: int) -> str:
    """The source with every tag that would open past ``max_depth`` (and its closing tag)
    removed; text and shallower tags are untouched.

    >>> flatten_nesting("<div><div><div>x</div></div></div>", 2)
    '<div><div>x</div></div>'
    """
    out: list[str] = []
    depth = dropped = last = 0
    for m in _TAG.finditer(text):
        closing, name = m.group(1), m.group(2).lower()
        if name in _VOID:
            continue
        keep = True
        if not closing:
            if depth >= max_depth:
                dropped += 1
                keep = False
            else:
                depth += 1
        elif dropped:
            dropped -= 1
            keep = False
        elif depth:
            depth -= 1
        if not keep:
            out.append(text[last : m.start()])
            last = m.end()
    out.append(text[last:])
    return "".join(out)


def _strip_tags(text: str) -> str:
    # Entities stay as written: the parser decodes them, and none can be expanded.
    return _TAG.sub(" ", text).replace("<", "&lt;").replace(">", "&gt;")
