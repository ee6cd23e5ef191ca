"""Compiled patterns shared by the rules, the features and the metadata readers.

Every pattern is anchored or bounded so that it runs in linear time on any line.
"""

from __future__ import annotations

import regex

# A calendar date: 19/12/2023, 7-3-2026, 04.09.2026 (day first, as Vietnamese pages write it).
DMY = regex.compile(r"(?<!\d)(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?!\d)")
# The same with a two-digit year (24/12/12), read only on short date-like lines.
DMY_SHORT = regex.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{2})(?![\d/])")
# ISO dates: 2024-08-29 or 2024-08-29T20:00:00+07:00.
ISO = regex.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    r"(Z|[+-]\d{2}:?\d{2})?)?"
)
# RFC 2822: Thu, 29 Aug 2024 20:00:00 +0700.
RFC = regex.compile(
    r"(?<!\d)(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})"
    r"(?: (\d{2}):(\d{2})(?::(\d{2}))?)?(?: ?([+-]\d{4}|GMT|UTC))?",
    regex.IGNORECASE,
)
# "ngày 19 tháng 12 năm 2023".
WORDY = regex.compile(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})", regex.IGNORECASE)
TIME = regex.compile(r"(?<!\d)([01]?\d|2[0-3])\s?[:hg]\s?([0-5]\d)(?::([0-5]\d))?(?!\d)")
# "chiều" (afternoon) or "tối" (evening) right after a time: the hour is on a 12-hour clock.
AFTERNOON = regex.compile(r"\s?(?:chiều|tối|pm)\b", regex.IGNORECASE)
ZONE = regex.compile(
    r"(?:GMT|UTC)\s?([+-])\s?(\d{1,2})(?::?(\d{2}))?|(?<![\d:])([+-])(\d{2}):?(\d{2})\b"
)
UPDATED = regex.compile(r"(?i)^\s*(?:cập nhật|updated?|sửa|chỉnh sửa)")

CAPTION_OPENING = regex.compile(r"(?i)^\(?(?:ảnh|clip|video|photo)\s?\d*\s?[:.)]")

# "Theo X", "Nguồn: X", "Nguồn X" (the attribution line at the end of an article).
THEO = regex.compile(r"^\(?[Tt]heo\s+([^:]{2,80}?)\)?\.?$")
# "Tiêu đề bài- Ảnh 1.": the alt text a CMS writes for the article's n-th image.
NUMBERED_IMAGE_ALT = regex.compile(r"\S\s?[-–]\s?Ảnh\s?\d{1,3}\.?$")
# "Q.Chung (Theo AFP)", "Long Trần - Theo Trí Thức Trẻ": a byline with its source.
NAME_THEO = regex.compile(r"^([^()]{2,40}?)\s?(?:\(\s?|[-–]\s)[Tt]heo\s+([^()]{2,60}?)\)?\.?$")
NGUON = regex.compile(r"^\(?[Nn]guồn\s?:?\s?(.{0,200}?)\)?\.?$")
URL = regex.compile(r"https?://[^\s)\]>\"']{3,2000}")
# A domain name: "vnexpress.net", "baochinhphu.vn". Tried only where a dotted name starts (not
# inside one), with atomic labels and the shortest chain first, so that a long "a.a.a.a..."
# is scanned once: the plain form backtracked quadratically (85 s on 20,000 characters).
DOMAIN = regex.compile(
    r"(?i)(?<![\w-])(?<![\w-]\.)(?>[\w-]+)(?:\.(?>[\w-]+))*?\.(?:vn|com|net|org|gov|edu|info)\b"
)
# "Tin, ảnh: X", "Bài và ảnh: X", "Nhóm PV" — the prefix word is checked against the vocabulary.
BYLINE = regex.compile(r"^([^:]{1,30}):\s?(.{2,80})$")
# A person's name: two to five capitalised syllables, "Q.Chung", "N.Hương", "Thanh Tùng".
PERSON = regex.compile(
    r"^(?:\p{Lu}\.\s?)?\p{Lu}[\p{Ll}\p{M}]*(?:[ .-]\s?\p{Lu}[\p{Ll}\p{M}]*){0,4}\.?$"
)

# Markdown and front matter.
FRONT_MATTER_FIELD = regex.compile(r"^([A-Za-z_][\w-]{0,40}):\s?(.*)$")
# "[text](url)" and "![alt](src)" filling the line. The text runs to the first "](" (possessive:
# trying every later "](" and rescanning the URL from each made a 2,000-character window
# quadratic, 24 ms for one line of "](" repeated).
MD_LINK = regex.compile(r"^\[((?:[^\]\n]|\](?!\()){0,2000}+)\]\((\S{1,2000})\)$")
MD_IMAGE = regex.compile(r"^!\[((?:[^\]\n]|\](?!\()){0,2000}+)\]\((\S{1,2000})\)$")
BRACKET_TAG = regex.compile(r"^\s*\[[^\]]{1,80}\]\s*")

# "[Video] X", "[Infographic] X", "[Ảnh] X": a rail item's type tag.
MEDIA_TAG = regex.compile(
    r"(?i)^[\[(](?:video|infographic|infographics|ảnh|photo|emagazine|"
    r"longform|podcast|clip|audio|multimedia|inforgraphic)[\])]"
)
COUNTER = regex.compile(r"^[•·*\-–]?\s?[\p{L} ]{2,40}:\s?[\d.,]+$")
ENDS_SENTENCE = regex.compile(r"[.!?…:;\"”’)»]$")
ELLIPSIS_END = regex.compile(r"(?:\.\.\.|…)\s*[\"”]?$")
WORDS = regex.compile(r"[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*")
# A credit without its colon after a caption's last sentence: "... đến xem. Ảnh Trọng Đức."
# (a capitalised "Ảnh", then two to five capitalised syllables ending the line).
BARE_PHOTO_CREDIT = regex.compile(
    r"(?:[.!?]\s|\s[-–]\s)\(?Ảnh\s\p{Lu}[\p{Ll}\p{M}]*(?:\s\p{Lu}[\p{Ll}\p{M}]*){1,4}\.?\)?$"
)
