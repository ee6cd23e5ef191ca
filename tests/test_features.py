"""Feature rows: one value per named feature, in both front ends."""

from __future__ import annotations

import lxml.html

from vnnews_clean.blocks import segment_text
from vnnews_clean.config import CleanConfig
from vnnews_clean.features import FEATURE_NAMES, page_features
from vnnews_clean.html_blocks import segment_html
from vnnews_clean.html_features import HTML_FEATURE_NAMES, dom_rows
from vnnews_clean.model import default_model
from vnnews_clean.rules import front_matter_mask
from vnnews_clean.signals import read_signals

from conftest import SEEDS, seed_names

CONFIG = CleanConfig()


def test_text_rows_have_one_value_per_feature_name() -> None:
    blocks = segment_text((SEEDS / f"{seed_names()[0]}.txt").read_text("utf-8"), CONFIG)
    signals = [read_signals(b.text, CONFIG) for b in blocks]
    rows = page_features(blocks, signals, front_matter_mask(blocks), CONFIG)
    assert {len(r) for r in rows} == {len(FEATURE_NAMES)}
    assert len(default_model().scale) == len(FEATURE_NAMES)


def test_html_rows_have_one_value_per_feature_name() -> None:
    html = "<div><h1>Tiêu đề</h1><p>Đoạn <a>một</a>.</p><ul><li>Mục</li></ul></div>"
    root = lxml.html.fromstring(html)
    page = segment_html(root, CONFIG)
    signals = [read_signals(b.text, CONFIG) for b in page.blocks]
    assert {len(r) for r in dom_rows(page.dom, signals)} == {len(HTML_FEATURE_NAMES)}
    assert len(default_model("html").scale) == len(FEATURE_NAMES) + len(HTML_FEATURE_NAMES)


def test_feature_names_are_unique() -> None:
    names = FEATURE_NAMES + HTML_FEATURE_NAMES
    assert len(set(names)) == len(names)
