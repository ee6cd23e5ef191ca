"""What a batch reads: pages from files, directories and JSON Lines records, and the sniffing
that turns away bytes that are not a page. Nothing here cleans a page; see batch.py.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import dataclasses
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

PageKind = Literal["auto", "html", "text"]

# How much of a page sniff() reads (the same 4 KB that clean() reads to tell HTML from text).
_SNIFF_BYTES = 4096
# Share of C0 control bytes (other than tab, LF, FF, CR) and DEL above which bytes are not a
# page. Compressed, encrypted and random bytes have 29 of 256 values there (11%), UTF-16
# without a BOM 30-50%; the corpus pages and seeds have none in their first 4 KB.
_MAX_CONTROL_SHARE = 0.05
_CONTROL = bytes(sorted(set(range(32)) - {9, 10, 12, 13})) + b"\x7f"
# File signatures of the binaries a crawl stores by mistake, in the order they are checked.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "ELF executable"),
)
# UTF-16 and UTF-32 are text full of NUL bytes; decode_page reads them by their BOM.
_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# What a file holds, by its suffix; files found in a directory must have one of these.
PAGE_SUFFIXES: Mapping[str, PageKind] = {".html": "html", ".htm": "html", ".txt": "text"}
CONTENT_FIELDS = ("html", "html_base64", "text")


@dataclasses.dataclass(frozen=True, slots=True)
class Page:
    """One input of a batch.

    ``content`` is the page as ``str`` or ``bytes``, or a :class:`~pathlib.Path` that the
    worker reads (so only the name crosses the process boundary). ``kind`` says which
    function cleans it: ``"html"`` :func:`~vnnews_clean.clean_html`, ``"text"``
    :func:`~vnnews_clean.clean_text` (bytes decoded as ``clean`` decodes them), ``"auto"``
    :func:`~vnnews_clean.clean`, or for a path its suffix (``.html``/``.htm``/``.txt``).
    ``fields`` are carried to the result untouched; they never go to the workers.
    """

    id: Any
    content: str | bytes | Path
    kind: PageKind = "auto"
    url: str | None = None
    fields: Mapping[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True, slots=True)
class Rejected:
    """An input already known to be unusable (e.g. a bad JSON line); it passes through the
    batch, in its place, as an error result."""

    id: Any
    error: str
    detail: str = ""
    fields: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def sniff(data: str | bytes) -> str | None:
    r"""What binary data is, when it is not a page; None for text.

    Looks at the first 4 KB: a file signature (PNG, GIF, JPEG, PDF, ZIP, gzip, ELF), else
    the share of control bytes (over 5%; a UTF-16/32 BOM marks text full of NULs).

    >>> sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), sniff(b"\x00\x01\x02 abc")
    ('PNG image', '43% control bytes')
    >>> sniff("<p>Hà Nội mở thêm tuyến buýt điện</p>") is None
    True
    """
    head = data[:_SNIFF_BYTES]
    raw = head.encode("utf-8", "surrogatepass") if isinstance(head, str) else bytes(head)
    for magic, name in _MAGIC:
        if raw.startswith(magic):
            return name
    if not raw or raw.startswith(_BOMS):
        return None
    share = (len(raw) - len(raw.translate(None, _CONTROL))) / len(raw)
    return f"{share:.0%} control bytes" if share > _MAX_CONTROL_SHARE else None


def is_blank(data: str | bytes) -> bool:
    """Whether a page holds nothing but whitespace (and a byte order mark)."""
    if isinstance(data, str):
        return not data.strip().lstrip("\ufeff").strip()
    return not data.removeprefix(codecs.BOM_UTF8).strip()


def read_jsonl(lines: Iterable[bytes | str]) -> Iterator[Page | Rejected]:
    """One :class:`Page` or :class:`Rejected` per non-blank JSON Lines line, read lazily.

    A record has an ``id`` and exactly one of ``html`` (cleaned by ``clean``, which tells
    HTML from a text dump), ``html_base64`` (the page's raw bytes, likewise) or ``text`` (a
    text dump); a string ``url`` is passed to the cleaner. Every other field, ``url``
    included, is carried to the result.

    >>> [p.id for p in read_jsonl(['{"id": 1, "text": "Thời sự"}', '', '{"id": 2}', '{'])]
    [1, 2, None]
    >>> [getattr(p, "error", None) for p in read_jsonl(['{"id": 2}', '{'])]
    ['missing_content', 'invalid_json']
    """
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:  # also invalid UTF-8
            yield Rejected(None, "invalid_json", f"line {number}: {exc}")
            continue
        if not isinstance(record, dict):
            kind = type(record).__name__
            yield Rejected(
                None, "invalid_json", f"line {number}: a record is an object, not {kind}"
            )
            continue
        yield page_from_record(record, f"line {number}: ")


def page_from_record(record: Mapping[str, Any], where: str = "") -> Page | Rejected:
    """The page a JSON Lines record describes (see :func:`read_jsonl`)."""
    rid = record.get("id")
    fields = {k: v for k, v in record.items() if k != "id" and k not in CONTENT_FIELDS}
    given = [name for name in CONTENT_FIELDS if name in record]
    if rid is None:
        return Rejected(None, "missing_id", f"{where}the record has no id", fields)
    if not given:
        return Rejected(rid, "missing_content", f"{where}no html, html_base64 or text", fields)
    if len(given) > 1:
        return Rejected(rid, "ambiguous_content", f"{where}both {' and '.join(given)}", fields)
    name, value = given[0], record[given[0]]
    if not isinstance(value, str):
        detail = f"{where}{name} is a JSON {type(value).__name__}, not a string"
        return Rejected(rid, "invalid_content", detail, fields)
    url = record.get("url")
    url = url if isinstance(url, str) else None
    if name == "text":
        return Page(rid, value, "text", url, fields)
    if name == "html":
        return Page(rid, value, "auto", url, fields)
    try:
        raw = base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        return Rejected(rid, "invalid_base64", f"{where}{exc}", fields)
    return Page(rid, raw, "auto", url, fields)


def pages_from_paths(names: Iterable[str]) -> Iterator[Page | Rejected]:
    """One page per named file and per page file (``.html``, ``.htm``, ``.txt``) found
    under a named directory, recursively, in name order; hidden entries and links to
    directories are skipped."""
    for name in names:
        path = Path(name)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield Page(name, path)


def _walk(top: Path) -> Iterator[Page | Rejected]:
    try:
        with os.scandir(top) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield Rejected(str(top), "unreadable", exc.strerror or str(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif Path(entry.name).suffix.lower() in PAGE_SUFFIXES and entry.is_file():
            yield Page(entry.path, Path(entry.path))
