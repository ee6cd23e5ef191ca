"""Labelled pages for training and evaluation, read in place from ../shared/corpus and the
seed golden files. Not shipped in the wheel.

Each dump line gets a coarse label (title, body, caption, meta, chrome) by aligning it with
the page's truth file; the decoder's states (chrome split into before / inside / after the
article) follow from where the body lines are.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vnnews_clean.blocks import Block, segment_text  # noqa: E402
from vnnews_clean.config import CleanConfig  # noqa: E402
from vnnews_clean.dates import parse_date  # noqa: E402
from vnnews_clean.html_blocks import DomInfo  # noqa: E402
from vnnews_clean.html_input import read_html  # noqa: E402
from vnnews_clean.labels import Label  # noqa: E402
from vnnews_clean.signals import read_signals  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
GOLDEN = ROOT / "fixtures" / "golden"
SEEDS = ROOT / "seeds"
# A dump line this long that is a substring of a truth paragraph is a hard-wrapped part of it.
_MIN_WRAPPED_CHARS = 25
_MAX_META_CHARS = 80


@dataclasses.dataclass
class Page:
    name: str
    portal: str
    text: str
    blocks: list[Block]
    labels: list[str]  # coarse label per block
    truth: dict
    dom: list[DomInfo] | None = None  # HTML pages: the DOM context of every block
    raw: bytes | None = None  # HTML pages: the page as stored


def _squash(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").split())


def portal_of(name: str) -> str:
    """The domain before '__'; each seed is a portal of its own."""
    return name.split("__", 1)[0] if "__" in name else f"seed:{name}"


def align(blocks: list[Block], truth: dict) -> list[str]:
    """Coarse labels for the blocks of a dump, from its truth file."""
    config = CleanConfig()
    body = [_squash(p) for p in truth.get("body") or []]
    captions = [_squash(c) for c in truth.get("captions") or []]
    title = _squash(truth.get("title") or "")
    authors = [_squash(a) for a in truth.get("authors") or []]
    source = _squash(truth.get("source") or "")
    published = (truth.get("published") or "")[:10]
    body_set, caption_set = set(body), set(captions)
    used: set[str] = set()
    labels = []
    title_seen = date_seen = False
    for b in blocks:
        t = b.text
        label = "chrome"
        if t in used:
            label = "chrome"
        elif t == title and not title_seen and t not in body_set:
            label, title_seen = "title", True
        elif t in body_set or (len(t) >= _MIN_WRAPPED_CHARS and any(t in p for p in body)):
            label = "body"
        elif t in caption_set or (len(t) >= _MIN_WRAPPED_CHARS and any(t in c for c in captions)):
            label = "caption"
        elif t == title and not title_seen:
            label, title_seen = "title", True
        elif len(t) <= _MAX_META_CHARS:
            s = read_signals(t, config)
            d = parse_date(t) if s.date_line else None
            if d is not None and d.isoformat()[:10] == published and not date_seen:
                label, date_seen = "meta", True
            elif authors and any(a and a in t for a in authors) and s.words <= 12:
                label = "meta"
            elif source and source in t and (s.theo is not None or s.nguon is not None):
                label = "meta"
        if label in ("body", "caption", "title"):
            used.add(t)
        labels.append(label)
    return _move_short_repeats(blocks, labels, set(body))


def _move_short_repeats(blocks: list[Block], labels: list[str], body: set[str]) -> list[str]:
    """A short body line (a subheading) that also stands earlier in a table of contents or a
    menu: the body copy is the one among body paragraphs, not the first one."""
    where: dict[str, list[int]] = {}
    for i, b in enumerate(blocks):
        if b.text in body and len(b.text) < _MIN_WRAPPED_CHARS * 3:
            where.setdefault(b.text, []).append(i)

    def support(i: int) -> int:
        lo, hi = max(0, i - 3), min(len(blocks), i + 4)
        return sum(
            1
            for j in range(lo, hi)
            if j != i and labels[j] == "body" and len(blocks[j].text) >= _MIN_WRAPPED_CHARS * 3
        )

    for spots in where.values():
        if len(spots) < 2:
            continue
        best = max(spots, key=lambda i: (support(i), -i))
        for i in spots:
            labels[i] = "body" if i == best else "chrome"
    return labels


def _golden_labels(golden: dict) -> list[str]:
    return [Label(x["label"]).coarse for x in golden["blocks"]]


def load_pages(include_seeds: bool = True) -> list[Page]:
    """Every labelled page: corpus dumps (when ../shared is there) and the seeds."""
    config = CleanConfig()
    pages = []
    if (CORPUS / "truth").is_dir():
        for t in sorted((CORPUS / "truth").glob("*.json")):
            dump = CORPUS / "dumps" / f"{t.stem}.txt"
            if not dump.exists():
                continue
            truth = json.loads(t.read_text("utf-8"))
            text = dump.read_text("utf-8")
            blocks = segment_text(text, config)
            pages.append(Page(t.stem, portal_of(t.stem), text, blocks, align(blocks, truth), truth))
    if include_seeds:
        for g in sorted(GOLDEN.glob("*.json")):
            golden = json.loads(g.read_text("utf-8"))
            text = (SEEDS / f"{g.stem}.txt").read_text("utf-8")
            blocks = segment_text(text, config)
            truth = {
                "title": golden["title"],
                "body": golden["paragraphs"],
                "captions": golden["captions"],
                "published": golden["published"],
            }
            pages.append(
                Page(g.stem, portal_of(g.stem), text, blocks, _golden_labels(golden), truth)
            )
    return pages


def load_html_pages() -> list[Page]:
    """Every corpus page that has its HTML, segmented by the HTML front end."""
    config = CleanConfig()
    pages = []
    if not (CORPUS / "truth").is_dir():
        return pages
    for t in sorted((CORPUS / "truth").glob("*.json")):
        html = CORPUS / "html" / f"{t.stem}.html"
        if not html.exists():
            continue
        truth = json.loads(t.read_text("utf-8"))
        raw = html.read_bytes()
        read = read_html(raw, config)
        blocks = read.page.blocks
        pages.append(
            Page(
                t.stem,
                portal_of(t.stem),
                "",
                blocks,
                align(blocks, truth),
                truth,
                dom=read.page.dom,
                raw=raw,
            )
        )
    return pages


def clean_copies(pages: list[Page]) -> list[Page]:
    """Each page's article alone, paragraphs joined by blank lines, as clean_text returns it:
    users run the cleaner on text that is already clean, and it must keep all of it."""
    config = CleanConfig()
    out = []
    for p in pages:
        body = [_squash(x) for x in p.truth.get("body") or [] if _squash(x)]
        if not body:
            continue
        text = "\n\n".join(body) + "\n"
        blocks = segment_text(text, config)
        out.append(
            Page(f"{p.name}#clean", p.portal, text, blocks, ["body"] * len(blocks), {"body": body})
        )
    return out


def states_of(labels: list[str]) -> list[str]:
    """Decoder states: each label with its phase (before the first body block, from the first
    to the last, after the last)."""
    body_at = [i for i, x in enumerate(labels) if x == "body"]
    first, last = (body_at[0], body_at[-1]) if body_at else (len(labels), len(labels))
    out = []
    for i, x in enumerate(labels):
        phase = "pre" if i < first else "post" if i > last else "in"
        out.append(f"{phase}_{x}")
    return out
