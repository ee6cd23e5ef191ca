"""Reading the article's metadata from its labelled blocks: attribution, authors, source."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from . import patterns
from .labels import Label
from .normalize import canon_key
from .vocab import Vocabulary, vocabulary

if TYPE_CHECKING:  # signals.py asks is_outlet for its theo_outlet signal
    from .signals import Signals

_ACRONYM = regex.compile(r"^[\p{Lu}\d&/.-]{2,12}$")
_NAME_SPLIT = regex.compile(r"\s*(?:,|;| - | – | và )\s*")


def is_outlet(name: str, outlets: Vocabulary | None = None) -> bool:
    """True when an attribution names an outlet rather than a person; ``outlets`` is the
    vocabulary of outlet words as a config's overlay leaves it (default: the package's).

    >>> is_outlet("Báo điện tử Đảng Cộng sản"), is_outlet("AFP"), is_outlet("Minh Anh")
    (True, True, False)
    """
    if patterns.DOMAIN.search(name) or patterns.URL.search(name):
        return True
    if (outlets or vocabulary("outlets")).has_phrase(canon_key(name).split()):
        return True
    if _ACRONYM.match(name.replace(" ", "")) and len(name) <= 12:
        return True
    if "/" in name:
        return True
    return not patterns.PERSON.match(name)


def attribution_label(s: Signals) -> tuple[Label, str]:
    """What a metadata block is: a date, an author or a source, with the reason."""
    if s.date_line:
        return (Label.DATE, "date_line")
    if s.theo is not None and s.byline is not None:
        return Label.AUTHOR, "byline_with_source"
    if s.theo is not None:
        return (Label.SOURCE, "theo_outlet") if s.theo_outlet else (Label.AUTHOR, "theo_person")
    if s.nguon is not None:
        return Label.SOURCE, "source_label"
    if s.byline is not None:
        return Label.AUTHOR, "byline_prefix"
    if s.person:
        return Label.AUTHOR, "author_name"
    return Label.AUTHOR, "model_byline"


def authors_of(text: str, s: Signals, reason: str) -> list[str]:
    """The person names an author block gives."""
    if reason == "theo_person" and s.theo:
        value = s.theo
    elif reason in ("byline_prefix", "byline_with_source") and s.byline:
        value = s.byline
    else:
        value = text
    value = value.strip(" .()")
    names = [n.strip(" .") for n in _NAME_SPLIT.split(value)]
    return [n for n in names if n]


def source_of(s: Signals) -> str | None:
    """The attribution a source block gives: the outlet name, or the URL of "Nguồn: URL"."""
    value = s.theo if s.theo is not None else s.nguon
    if not value:
        return None
    url = patterns.URL.search(value)
    if url:
        return str(url.group(0))
    return value.strip(" .()")
