"""An HTML report of one page: the metadata found, then every block coloured by its label.

The report is one self-contained file: inline CSS, no script, nothing fetched. Every piece of
page text is escaped, and a Content-Security-Policy forbids scripts and network loads as a
second line of defence, since the page is hostile input.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Iterable
from html import escape

from .article import Article, LabelledBlock
from .labels import Label

# Per label: the strong colour (edge and badge), the pale fill behind the text, and what the
# label means. Article labels get saturated hues, chrome labels muted ones and grey text, so
# the article stands out at a glance; the label is also written out, so colour is never the
# only key.
STYLES: dict[Label, tuple[str, str, str]] = {
    Label.TITLE: ("#b45309", "#fef3c7", "the headline"),
    Label.BODY: ("#15803d", "#dcfce7", "a paragraph of the article (the lead is the first)"),
    Label.HEADING: ("#0f766e", "#ccfbf1", "a subheading inside the article"),
    Label.CAPTION: ("#1d4ed8", "#dbeafe", "a photo or video caption"),
    Label.AUTHOR: ("#7e22ce", "#f3e8ff", "the byline"),
    Label.DATE: ("#be185d", "#fce7f3", "the publication date"),
    Label.SOURCE: ("#c2410c", "#ffedd5", "the source credit (Theo …, Nguồn: …)"),
    Label.NAVIGATION: ("#475569", "#f1f5f9", "menus and breadcrumbs"),
    Label.RELATED: ("#b91c1c", "#fef2f2", "links to other articles"),
    Label.WIDGET: ("#a16207", "#fefce8", "buttons, counters, share and font-size tools"),
    Label.PROMO: ("#9d174d", "#fdf2f8", "advertising and calls to subscribe"),
    Label.FOOTER: ("#334155", "#e2e8f0", "the site's footer: licence, address, contacts"),
    Label.MARKUP: ("#4d7c0f", "#f7fee7", "code or markup left in the text"),
    Label.DUPLICATE: ("#6b7280", "#f3f4f6", "a repeat of an earlier block"),
    Label.BOILERPLATE: ("#78716c", "#f5f5f4", "chrome of no finer kind"),
}

# Nothing but the inline style may load or run, whatever a block happens to hold.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

_CSS = """
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:24px 32px;color:#111827;background:#fff;
 font:15px/1.5 system-ui,"Segoe UI","Noto Sans","DejaVu Sans",Arial,sans-serif}
h1{font-size:22px;margin:0 0 16px}
h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #d1d5db;padding-bottom:4px}
dl.meta{display:grid;grid-template-columns:11em 1fr;gap:4px 16px;margin:0}
dl.meta dt{color:#4b5563;font-weight:600}
dl.meta dd{margin:0;overflow-wrap:anywhere}
dl.meta dd:first-of-type{font-weight:600}
.none{color:#9ca3af}
.warn{color:#b91c1c}
.row{display:flex;gap:48px;flex-wrap:wrap;align-items:flex-start}
.row>.legend{flex:1 1 30em}
table{border-collapse:collapse}
td,th{padding:3px 12px;border-bottom:1px solid #e5e7eb;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:600;border-top:2px solid #9ca3af}
.chip{display:inline-block;padding:0 8px;border-radius:4px;color:#fff;font-size:13px;
 font-weight:600;white-space:nowrap}
ul.legend{list-style:none;padding:0;margin:0;columns:2 22em}
ul.legend li{margin:3px 0;break-inside:avoid}
ol.blocks{list-style:none;padding:0;margin:0}
li.block{display:grid;grid-template-columns:16em 1fr;gap:12px;padding:6px 10px;margin:3px 0;
 border-left-style:solid;border-left-width:6px}
.why{font-size:12px;line-height:1.4;overflow-wrap:anywhere}
.why .reason{margin-left:6px;font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.why .loc{display:block;margin-top:2px;color:#6b7280}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
li.chrome .text{color:#4b5563}
"""


def render_report(article: Article, *, source_name: str | None = None) -> str:
    """The article and every block of its page as one self-contained HTML5 document.

    Each block is an ``<li>`` with ``data-label``, ``data-reason``, ``data-index`` and
    ``data-line`` attributes; the counts table has one row per label present, with
    ``data-label`` and ``data-count``.

    >>> import vnnews_clean
    >>> article = vnnews_clean.clean_text("Trang chủ Thời sự\\n\\nHà Nội mở thêm tuyến buýt "
    ...     "điện\\n\\nSáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm "
    ...     "với các khu đô thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày.\\n")
    >>> page = render_report(article, source_name="<trang>.txt")
    >>> 'data-label="title"' in page, "&lt;trang&gt;.txt" in page
    (True, True)
    """
    name = source_name or article.url or "page"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>vnnews-clean report: {escape(name)}</title>",
        f"<style>{_CSS}{_label_css()}</style></head><body>",
        f"<h1>vnnews-clean report: {escape(name)}</h1>",
        "<h2>Metadata</h2>",
        _metadata(article),
        '<div class="row"><section><h2>Blocks per label</h2>',
        _counts(article.blocks),
        '</section><section class="legend"><h2>Legend</h2><ul class="legend">',
        *(f"<li>{_chip(label)} {escape(STYLES[label][2])}</li>" for label in Label),
        "</ul></section></div>",
        f"<h2>Blocks, in page order ({len(article.blocks)})</h2>",
        '<ol class="blocks">',
        *(_block(b) for b in article.blocks),
        "</ol></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _label_css() -> str:
    return "".join(
        f".l-{label.value}{{border-left-color:{ink};background:{tint}}}"
        f".c-{label.value}{{background:{ink}}}"
        for label, (ink, tint, _) in STYLES.items()
    )


def _metadata(article: Article) -> str:
    verdict = "yes" if article.is_article else "no (not an article)"
    found = len(article.paragraphs), len(article.captions), len(article.images)
    fields = [
        ("Title", _text(article.title)),
        ("Published", _date(article.published)),
        ("Modified", _date(article.modified)),
        ("Authors", _list(article.authors)),
        ("Source", _text(article.source)),
        ("Section", _text(article.section)),
        ("Tags", _list(article.tags)),
        # The URL is shown, never linked: a page may give a javascript: address.
        ("URL", _text(article.url)),
        ("Is an article", f"{verdict}, confidence {article.confidence:.2f}"),
        ("Contents", "{} paragraphs, {} captions, {} images".format(*found)),
        ("Warnings", _list(article.warnings, css="warn")),
    ]
    rows = "".join(f"<dt>{key}</dt><dd>{value}</dd>" for key, value in fields)
    return f'<dl class="meta">{rows}</dl>'


def _counts(blocks: Iterable[LabelledBlock]) -> str:
    counts = collections.Counter(b.label for b in blocks)
    rows = [
        f'<tr data-label="{label.value}" data-count="{counts[label]}">'
        f"<td>{_chip(label)}</td><td>{'chrome' if label.is_chrome else 'article'}</td>"
        f'<td class="n">{counts[label]}</td></tr>'
        for label in Label
        if counts[label]
    ]
    total = sum(counts.values())
    return (
        '<table class="counts"><thead><tr><th>Label</th><th>Kind</th>'
        '<th class="n">Blocks</th></tr></thead><tbody>'
        + "".join(rows)
        + f'<tr class="total"><td>all</td><td></td><td class="n">{total}</td></tr>'
        + "</tbody></table>"
    )


def _block(b: LabelledBlock) -> str:
    label, reason = b.label.value, escape(b.reason)
    where = escape(_location(b))
    kind = "chrome" if b.label.is_chrome else "article"
    return (
        f'<li class="block {kind} l-{label}" data-label="{label}" data-reason="{reason}" '
        f'data-index="{b.index}" data-line="{b.line}" '
        f'title="{label} · {reason} · {where}">'
        f'<div class="why">{_chip(b.label)}<span class="reason">{reason}</span>'
        f'<span class="loc">{where}</span></div>'
        f'<div class="text">{escape(b.text)}</div></li>'
    )


def _location(b: LabelledBlock) -> str:
    lines = f"line {b.line}" if b.end_line <= b.line else f"lines {b.line}–{b.end_line}"
    return f"{b.path} · {lines}" if b.path else lines


def _chip(label: Label) -> str:
    return f'<span class="chip c-{label.value}">{label.value}</span>'


def _text(value: str | None) -> str:
    return escape(value) if value else '<span class="none">—</span>'


def _date(value: dt.datetime | None) -> str:
    return escape(value.isoformat()) if value else '<span class="none">—</span>'


def _list(values: Iterable[str], css: str = "") -> str:
    items = [escape(v) for v in values]
    if not items:
        return '<span class="none">none</span>'
    return f'<span class="{css}">' + "; ".join(items) + "</span>" if css else "; ".join(items)
