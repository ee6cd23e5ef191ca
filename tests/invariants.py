"""What every clean_text result must satisfy, whatever the input: shared by the adversarial
and fuzz tests (test_adversarial.py, test_fuzz.py)."""

from __future__ import annotations

import json
import unicodedata

import vnnews_clean
from vnnews_clean.normalize import normalize_line, split_lines


def input_lines(text: str) -> dict[int, str]:
    """The non-blank lines of an input after normalisation, by 1-based line number: exactly
    the blocks blocks.segment_text makes."""
    lines = {}
    for number, raw in enumerate(split_lines(text), start=1):
        norm = normalize_line(raw)
        if norm:
            lines[number] = norm
    return lines


def check_article(text: str, article: vnnews_clean.Article) -> None:
    """Nothing lost (one block per non-blank line, each with its normalised text and a reason),
    nothing invented (paragraphs and captions are normalised input lines), NFC everywhere, and
    a result that serialises to UTF-8 JSON."""
    lines = input_lines(text)
    assert len(article.blocks) == len(lines)
    assert [b.line for b in article.blocks] == list(lines)
    assert all(b.text == lines[b.line] for b in article.blocks)
    assert all(b.reason and isinstance(b.label, vnnews_clean.Label) for b in article.blocks)
    seen = set(lines.values())
    for piece in article.paragraphs + article.captions:
        assert piece in seen, piece[:80]
    strings = [
        *(b.text for b in article.blocks),
        *article.authors,
        *(s for s in (article.title, article.source, article.url) if s is not None),
    ]
    assert all(unicodedata.is_normalized("NFC", s) for s in strings)
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")


def reclean_keeps_paragraphs(article: vnnews_clean.Article) -> None:
    """Idempotence as tests/test_properties.py states it (and the README promises): cleaning
    an article's own text again keeps every paragraph, as a paragraph or as the headline."""
    again = vnnews_clean.clean_text(article.text)
    kept = set(again.paragraphs) | {again.title}
    for paragraph in article.paragraphs:
        assert paragraph in kept, paragraph[:80]
