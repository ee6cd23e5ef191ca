"""Parsing HTML safely with lxml: no network, no entities, and no text lost to deep nesting.

libxml2 stops building the tree at a fixed depth (256 levels, 2048 with ``huge_tree``) and
silently drops everything under it and after it. Pages nested deeper than
``CleanConfig.max_dom_depth`` are therefore flattened first: tags past that depth are removed
from the source, their text kept in place, and the page says so in its warnings.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .config import CleanConfig
from .errors import CleanError

# Elements that never hold a closing tag, so they do not deepen the tree.
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*>")


class ParseError(CleanError):
    """The input could not be read as HTML at all."""


def _parser() -> lxml.html.HTMLParser:
    # huge_tree lifts libxml2's limits on text node size (a 12 MB text node is otherwise
    # returned empty); the HTML parser never expands external entities or reads the network.
    return lxml.html.HTMLParser(
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        collect_ids=False,
        default_doctype=False,
    )


def parse_html(text: str, config: CleanConfig) -> tuple[lxml.html.HtmlElement, tuple[str, ...]]:
    """The document tree of a decoded page, and reason codes for what parsing changed.

    >>> root, warnings = parse_html("<p>Xin chào</p>", CleanConfig())
    >>> root.findtext(".//p"), warnings
    ('Xin chào', ())
    """
    root = _parse(text)
    if tree_depth(root, config.max_dom_depth + 1) <= config.max_dom_depth:
        return root, ()
    flat = flatten_nesting(text, config.max_dom_depth)
    root = _parse(flat)
    if tree_depth(root, config.max_dom_depth * 2) > config.max_dom_depth * 2:
        # Nesting the tag counter could not follow (stray closing tags): keep the text only.
        root = _parse("<html><body><pre>" + _strip_tags(flat) + "</pre></body></html>")
        return root, ("deep_nesting_text_only",)
    return root, ("deep_nesting_flattened",)


def _parse(text: str) -> lxml.html.HtmlElement:
    if not text.strip():
        text = "<html><body></body></html>"
    try:
        root = lxml.html.document_fromstring(text, parser=_parser())
    except (lxml.etree.ParserError, ValueError) as exc:
        # lxml refuses a document it finds empty (only comments, or an empty tag soup).
        if "empty" not in str(exc).lower():
            raise ParseError(f"lxml could not parse the page: {exc}") from exc
        root = lxml.html.document_fromstring("<html><body></body></html>", parser=_parser())
    return root


def tree_depth(root: lxml.html.HtmlElement, stop_at: int) -> int:
    """The nesting depth of the tree, counted without recursion; stops once past ``stop_at``."""
    depth = deepest = 0
    for event, _ in lxml.etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_at:
                    break
        else:
            depth -= 1
    return deepest


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
