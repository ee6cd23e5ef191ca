"""From a page's bytes or string to its document tree and blocks: decode, parse, segment."""

from __future__ import annotations

import dataclasses

import lxml.etree

from .config import CleanConfig
from .encoding import decode_page
from .errors import CleanError, InputTooLargeError
from .html_blocks import HtmlPage, segment_html
from .html_parse import parse_html


@dataclasses.dataclass
class HtmlInput:
    """A parsed page: its tree (for the metadata), its blocks, and what reading it noticed."""

    text: str
    root: lxml.etree._Element
    page: HtmlPage
    warnings: tuple[str, ...]


def read_html(html: str | bytes, config: CleanConfig) -> HtmlInput:
    """Decode, parse and segment a page."""
    if not isinstance(html, (str, bytes, bytearray, memoryview)):
        raise CleanError(f"clean_html takes str or bytes, not {type(html).__name__}")
    if len(html) > config.max_input_chars:
        raise InputTooLargeError(
            f"input has {len(html):,} characters or bytes; CleanConfig.max_input_chars is "
            f"{config.max_input_chars:,}"
        )
    decoded = decode_page(bytes(html) if not isinstance(html, str) else html, config)
    root, parse_warnings = parse_html(decoded.text, config)
    page = segment_html(root, config)
    return HtmlInput(decoded.text, root, page, decoded.warnings + parse_warnings)
