"""Bytes to NFC text: BOM, then the page's declared charset, then UTF-8 or windows-1258.

Every choice that is not the plain one leaves a reason code in ``DecodedPage.warnings``.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import unicodedata

import regex

from .config import CleanConfig
from .errors import CleanError, EncodingError, InputTooLargeError
from .normalize import VIETNAMESE_LETTERS


@dataclasses.dataclass(frozen=True, slots=True)
class DecodedPage:
    """A page as NFC text; `encoding` is the codec used ("str" for str input), `declared` the
    charset named by the BOM or the page, `warnings` reason codes such as "unknown_charset"."""

    text: str
    encoding: str
    declared: str | None
    warnings: tuple[str, ...]


# Checked in order: a UTF-32 LE BOM starts like a UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
# The HTML spec's prescan window: parsers that sniff only this far (lxml) miss a later one.
_PRESCAN_BYTES = 1024
# Every pattern is linear: `[^<>]*` ends at the next tag, so meta matches never overlap.
_HEAD_END = re.compile(rb"</head", re.IGNORECASE)
_META = re.compile(rb"<meta[\s/][^<>]*", re.IGNORECASE)
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?\s*([\w.:-]{1,40})", re.IGNORECASE)
_XML_DECL = re.compile(
    rb"\s{0,64}<\?xml[^<>]{0,200}?encoding\s*=\s*[\"']?([\w.:-]{1,40})", re.IGNORECASE
)
# The WHATWG Encoding Standard's encodings, by Python's names. Labels outside it (utf-7, base64,
# idna, EBCDIC, VISCII...) are ignored, as browsers ignore them.
_WHATWG = frozenset(
    {"utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874", "gbk"}
    | {"gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr"}
    | {f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)}
    | {f"cp{n}" for n in range(1250, 1259)}
)
# WHATWG's label mapping: latin-1 and ascii mean windows-1252, and a UTF-16/32 declaration read
# as ASCII cannot be true, so it means UTF-8.
_REMAP = {"ascii": "cp1252", "iso8859-1": "cp1252", "iso8859-9": "cp1254", "tis-620": "cp874"}
_REMAP |= {"gb2312": "gbk", "utf-16": "utf-8", "utf-32": "utf-8"}
_REMAP |= {f"utf-{n}-{e}": "utf-8" for n in (16, 32) for e in ("le", "be")}

# Letters only Vietnamese writes: Vietnamese letters outside Latin-1 (ă, đ, ơ, ư, ạ, ế...).
_VIETNAMESE_ONLY = "".join(
    sorted(c for c in VIETNAMESE_LETTERS | {c.upper() for c in VIETNAMESE_LETTERS} if ord(c) > 0xFF)
)
_VIETNAMESE_ONLY_RE = re.compile(f"[{_VIETNAMESE_ONLY}]")
_SURROGATES = re.compile("[\ud800-\udfff]")
# TCVN3 (ABC) and VNI text read as Latin-1/windows-125x: a Latin-1 symbol inside a word ("n¨m",
# "th¸ng"; not the separators «»·), a non-Vietnamese capital inside one ("ViÖt"), VNI's tone
# bytes after a vowel ("Haø", "Vieät"). diagnostics.py's pattern also matches "giúp" and "HÓA";
# this one matches nothing in the corpus pages, dumps and truth or the seeds, and flags each of
# them recoded as TCVN3 from its first 5 long lines.
MOJIBAKE = regex.compile(
    r"\p{L}[¡-ª¬-¶¸-º¼-¿]\p{L}|\p{Ll}[ÄÅÆÇËÎÏÐÑÖØÛÜÞ]\p{Ll}|[aeiouyAEIOUY][øûïöäëå]"
)
# The middle characters of MOJIBAKE's three forms: a text without one cannot match it, and this
# single class is scanned some fifteen times faster than MOJIBAKE's leading \p{L} (which is
# tried at every position), so MOJIBAKE runs only where one of these occurs.
MOJIBAKE_CHARS = re.compile("[¡-ª¬-¶¸-º¼-¿ÄÅÆÇËÎÏÐÑÖØÛÜÞøûïöäëå]")
_MOJIBAKE_PIECE = 2000
# The line breaks of str.splitlines() other than "\n" (and the "\r" of "\r\n").
_OTHER_LINE_BREAK = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Warnings that strict_decoding turns into an EncodingError.
_FATAL = {
    "invalid_bytes_replaced": "bytes invalid in {} were replaced with U+FFFD",
    "mojibake_legacy_encoding": "the text looks like TCVN3/VNI Vietnamese read as {}",
}


def decode_page(data: bytes | str, config: CleanConfig) -> DecodedPage:
    r"""The page as NFC text, decoded the way a browser would, with reason codes for doubts.

    >>> page = decode_page(b'<meta charset="windows-1258"><p>Vi\xea\xf2t Nam</p>', CleanConfig())
    >>> page.text, page.encoding, page.declared, page.warnings
    ('<meta charset="windows-1258"><p>Việt Nam</p>', 'windows-1258', 'windows-1258', ())
    >>> decode_page("Tiếng Việt".encode(), CleanConfig()).encoding
    'utf-8'
    """
    if not isinstance(data, (bytes, str)):
        raise CleanError(f"decode_page takes bytes or str, not {type(data).__name__}")
    if len(data) > config.max_input_chars:
        unit = "characters" if isinstance(data, str) else "bytes"
        raise InputTooLargeError(
            f"input has {len(data):,} {unit}; CleanConfig.max_input_chars is "
            f"{config.max_input_chars:,}"
        )
    if isinstance(data, str):
        text, replaced = _SURROGATES.subn("\ufffd", data)
        warned = ("lone_surrogates_replaced",) if replaced else ()
        return DecodedPage(unicodedata.normalize("NFC", text), "str", None, warned)
    warnings: list[str] = []
    text, encoding, declared = _decode_bytes(data, config, warnings)
    text = unicodedata.normalize("NFC", text)
    if _has_mojibake(text, config.mojibake_min_hits):
        warnings.append("mojibake_legacy_encoding")
    if config.strict_decoding:
        for code in warnings:
            if code in _FATAL:
                problem = _FATAL[code].format(encoding)
                raise EncodingError(f"{problem} ({code}; CleanConfig.strict_decoding is on)")
    return DecodedPage(text, encoding, declared, tuple(dict.fromkeys(warnings)))


def _decode_bytes(
    data: bytes, config: CleanConfig, warnings: list[str]
) -> tuple[str, str, str | None]:
    """(text, codec name, declared charset); appends the reason codes to `warnings`."""
    for bom, bom_codec, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data, bom_codec)
            if text is not None:
                return text, bom_codec.removesuffix("-sig"), name
            if bom_codec != "utf-32":  # a failed UTF-32 is a UTF-16 BOM before a NUL
                warnings.append("invalid_bytes_replaced")
                return data.decode(bom_codec, "replace"), bom_codec.removesuffix("-sig"), name
    declared, codec = _declared_charset(data, config, warnings)
    if codec is None:
        text = _strict(data, "utf-8")
        if text is not None:
            return text, "utf-8", declared
        text = _strict(data, "cp1258")
        if text is not None:
            text = unicodedata.normalize("NFC", text)
            if _looks_vietnamese(text, config) or _has_mojibake(text, config.mojibake_min_hits):
                return text, "windows-1258", declared
        warnings.append("invalid_bytes_replaced")
        return data.decode("utf-8", "replace"), "utf-8", declared
    # Non-ASCII bytes that are valid UTF-8 are UTF-8 whatever the page says: legacy text almost
    # never is, and many Vietnamese pages declare latin-1 over UTF-8.
    if codec != "utf-8" and not data.isascii():
        text = _strict(data, "utf-8")
        if text is not None:
            warnings.append("declared_charset_wrong")
            return text, "utf-8", declared
    name = codec.replace("cp125", "windows-125")
    text = _strict(data, codec)
    if text is not None:
        return text, name, declared
    warnings.append("invalid_bytes_replaced")
    return data.decode(codec, "replace"), name, declared


def _declared_charset(
    data: bytes, config: CleanConfig, warnings: list[str]
) -> tuple[str | None, str | None]:
    """(label as written, Python codec) of the first usable meta charset, else the XML
    declaration's; (label, None) when only unknown labels were found."""
    head_end = _HEAD_END.search(data, 0, config.charset_scan_bytes)
    end = head_end.start() if head_end else config.charset_scan_bytes
    label = None
    for meta in _META.finditer(data, 0, end):
        found = _CHARSET.search(data, meta.start(), meta.end())
        if found:
            label = found.group(1).decode("ascii").lower()
            codec = _codec(label, warnings)
            if codec is not None:
                if meta.start() >= _PRESCAN_BYTES:
                    warnings.append("charset_declared_late")
                return label, codec
    xml = _XML_DECL.match(data, 0, end)
    if xml:
        label = xml.group(1).decode("ascii").lower()
        return label, _codec(label, warnings)
    return label, None


def _codec(label: str, warnings: list[str]) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        name = ""
    name = _REMAP.get(name, name)
    if name not in _WHATWG:
        warnings.append("unknown_charset")
        return None
    return name


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _looks_vietnamese(text: str, config: CleanConfig) -> bool:
    """Whether enough of the non-ASCII characters are letters only Vietnamese uses."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    vietnamese = len(text) - len(_VIETNAMESE_ONLY_RE.sub("", text))
    return non_ascii > 0 and vietnamese >= config.cp1258_min_share * non_ascii


def _has_mojibake(text: str, min_hits: int) -> bool:
    """Whether at least `min_hits` lines (or 2000-character pieces of a long line, as in
    minified HTML) show TCVN3/VNI patterns."""
    first = MOJIBAKE_CHARS.search(text)
    if not first:
        return False  # most pages: no line can match
    hits = 0
    # The lines before the first candidate cannot match (in most pages it is a "©" in the
    # footer), so the lines are cut from the one holding it on.
    for line in text[_line_start(text, first.start()) :].splitlines():
        if line.isascii():
            continue
        for start in range(0, len(line), _MOJIBAKE_PIECE):
            end = start + _MOJIBAKE_PIECE
            if MOJIBAKE_CHARS.search(line, start, end) and MOJIBAKE.search(line, start, end):
                hits += 1
                if hits >= min_hits:
                    return True
    return False


def _line_start(text: str, pos: int) -> int:
    """Where the line holding `pos` starts, as str.splitlines() cuts lines."""
    start = text.rfind("\n", 0, pos) + 1
    for other in _OTHER_LINE_BREAK.finditer(text, start, pos):
        start = other.end()
    return start
