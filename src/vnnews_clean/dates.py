"""Reading dates in the forms Vietnamese portals print them."""

from __future__ import annotations

import datetime as dt

from . import patterns
from .normalize import canon_key
from .vocab import Vocabulary, vocabulary

VIETNAM = dt.timezone(dt.timedelta(hours=7))
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MAX_DATE_LINE = 80
# "Xã hội | Cập nhật thứ hai, ngày 24/12/12 11:05": a section name of at most this many words
# before a " | " and the stamp after it (the 2012 zing.vn layout; section labels in the corpus
# have one to four words).
_SECTION_WORDS = 4
# Words a date stamp may carry besides its numbers (canonical keys, see canon_key).
_FILLER = frozenset(
    canon_key(w)
    for w in (
        "thứ chủ nhật hai ba tư năm sáu bảy bẩy ngày tháng lúc giờ gmt utc cập nhật đăng "
        "mon tue wed thu fri sat sun jan feb mar apr may jun jul aug sep oct nov dec am pm sa ch "
        "sáng trưa chiều tối đêm"
    ).split()
)


def _zone(text: str) -> dt.tzinfo:
    m = patterns.ZONE.search(text)
    if not m:
        return VIETNAM
    if m.group(1):
        sign, hours, minutes = m.group(1), int(m.group(2)), int(m.group(3) or 0)
    else:
        sign, hours, minutes = m.group(4), int(m.group(5)), int(m.group(6))
    if hours > 14 or minutes > 59:
        return VIETNAM
    offset = dt.timedelta(hours=hours, minutes=minutes)
    return dt.timezone(-offset if sign == "-" else offset)


def _make(year: int, month: int, day: int, text: str, time_text: str) -> dt.datetime | None:
    if not 1990 <= year <= 2100:
        return None
    hour = minute = second = 0
    t = patterns.TIME.search(time_text)
    if t:
        hour, minute, second = int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)
        if hour < 12 and patterns.AFTERNOON.match(time_text, t.end()):
            hour += 12  # "04:00 chiều", "11:05 tối": a 12-hour clock
    try:
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=_zone(text))
    except ValueError:
        return None


def parse_date(text: str) -> dt.datetime | None:
    """The first date (with its time and zone when given) in ``text``, in the page's own local
    time; +07:00 when the text names no zone; midnight when it shows only a day.

    >>> parse_date("13:00 | 19/12/2023 GMT+7").isoformat()
    '2023-12-19T13:00:00+07:00'
    >>> parse_date("Thu, 29 Aug 2024 20:00:00 +0700").isoformat()
    '2024-08-29T20:00:00+07:00'
    >>> parse_date("Chủ Nhật,8/6/2025").isoformat()
    '2025-06-08T00:00:00+07:00'
    """
    text = text[: _MAX_DATE_LINE * 4]
    m = patterns.ISO.search(text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if m.group(4):
            clock = f"{m.group(4)}:{m.group(5)}:{m.group(6) or '00'}"
            zone = m.group(7) or ""
            zone_text = "+00:00" if zone == "Z" else zone
            return _make(year, month, day, zone_text, clock)
        return _make(year, month, day, "", "")
    m = patterns.DMY.search(text)
    if m:
        rest = text[: m.start()] + " " + text[m.end() :]
        return _make(int(m.group(3)), int(m.group(2)), int(m.group(1)), rest, rest)
    m = patterns.RFC.search(text)
    if m:
        rest = text[m.end(3) :]
        # casefold: the case-insensitive pattern also matches "ſep" (long s), which lower()
        # keeps as is (a KeyError before).
        month = _MONTHS[m.group(2).casefold()[:3]]
        return _make(int(m.group(3)), month, int(m.group(1)), rest, rest)
    m = patterns.WORDY.search(text)
    if m:
        rest = text[: m.start()] + " " + text[m.end() :]
        return _make(int(m.group(3)), int(m.group(2)), int(m.group(1)), rest, rest)
    m = patterns.DMY_SHORT.search(text) if len(text) <= _MAX_DATE_LINE else None
    if m:
        rest = text[: m.start()] + " " + text[m.end() :]
        return _make(2000 + int(m.group(3)), int(m.group(2)), int(m.group(1)), rest, rest)
    return None


def is_date_line(text: str, weekdays: Vocabulary | None = None) -> bool:
    """True when the line is a date stamp and little else ("Thứ bảy, 7/3/2026, 00:05 (GMT+7)");
    ``weekdays`` is the weekday vocabulary as a config's overlay leaves it (default: the package's).

    >>> is_date_line("Thứ Sáu, 19/04/2024 12:44")
    True
    >>> is_date_line("Hội nghị sẽ tiếp tục làm việc đến ngày 23/12/2023.")
    False
    >>> is_date_line("Xã hội | Cập nhật thứ hai, ngày 24/12/12 11:05 tối")
    True
    """
    if len(text) > _MAX_DATE_LINE or parse_date(text) is None:
        return False
    text = _stamp(text)
    rest = patterns.ISO.sub(" ", text)
    rest = patterns.DMY.sub(" ", rest)
    rest = patterns.RFC.sub(" ", rest)
    rest = patterns.WORDY.sub(" ", rest)
    rest = patterns.DMY_SHORT.sub(" ", rest)
    rest = patterns.TIME.sub(" ", rest)
    rest = patterns.ZONE.sub(" ", rest)
    words = canon_key(rest).split()
    weekday = (weekdays or vocabulary("weekdays")).longest_prefix(" ".join(words))
    words = words[len(weekday.split()) :]
    leftover = [w for w in words if len(w) > 1 and not w.isdigit() and w not in _FILLER]
    return len(leftover) <= 1


def is_updated_line(text: str) -> bool:
    """The line gives an update time, not the first publication ("Cập nhật 4/1/2024")."""
    return bool(patterns.UPDATED.match(_stamp(text)))


def _stamp(text: str) -> str:
    """The part of a line after a short section name and " | ", or the whole line."""
    head, bar, tail = text.rpartition(" | ")
    return tail if bar and len(head.split()) <= _SECTION_WORDS else text
