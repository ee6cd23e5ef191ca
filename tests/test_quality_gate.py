"""The quality gate: F1 on ../shared/corpus must not fall below its pinned floors, per mode.

The metric is the corpus scorer's (../shared/tools/score.py): 4-gram shingle F1 of the body,
captions neutral, precision and recall averaged over pages. Skipped when ../shared is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import vnnews_clean

from conftest import SHARED

# Pinned just under what the shipped model reaches (0.975 at the time of pinning; see
# docs/benchmarks.md). Raise it when the score rises; never lower it to make a change pass.
F1_FLOOR = 0.970
TITLE_FLOOR = 0.94
# Text-mode captions reached P 0.910 / R 0.862 (photo_captions.py); issue 3 asks for 0.85.
CAPTION_FLOOR = 0.85
# HTML mode reached 0.986 F1, title 1.000, date 0.964, captions P 0.921 / R 0.929.
HTML_F1_FLOOR = 0.980
HTML_TITLE_FLOOR = 0.96
HTML_DATE_FLOOR = 0.92
HTML_CAPTION_FLOOR = 0.90


@pytest.fixture(scope="module")
def scorer():  # type: ignore[no-untyped-def]
    tools = SHARED / "tools"
    if not (tools / "score.py").is_file():
        pytest.skip("../shared/tools/score.py is not beside the project")
    sys.path.insert(0, str(tools))
    import metrics  # type: ignore[import-not-found]
    import score  # type: ignore[import-not-found]

    return score, metrics


def test_text_mode_f1_above_floor(scorer, corpus_dir: Path) -> None:  # type: ignore[no-untyped-def]
    score, metrics = scorer
    counts, metas = [], []
    for page in score.load_corpus(corpus_dir):
        if page["dump"] is None:
            continue
        article = vnnews_clean.clean_text(page["dump"].read_text(encoding="utf-8"))
        pred = score.caption_neutral(article.text, page["truth"])
        counts.append(metrics.shingle_counts(pred, score.gold_text(page["truth"])))
        metas.append(score.meta_scores(article, page["truth"]))
    assert counts, "no text dumps found in the corpus"
    f1 = metrics.aggregate(counts)[2]
    assert f1 >= F1_FLOOR, f"text-mode F1 {f1:.3f} fell below the floor {F1_FLOOR}"
    n = len(metas)
    assert sum(m[2] for m in metas) / n >= TITLE_FLOOR
    caption_p, caption_r = sum(m[0] for m in metas) / n, sum(m[1] for m in metas) / n
    assert min(caption_p, caption_r) >= CAPTION_FLOOR, (caption_p, caption_r)


def test_html_mode_above_floors(scorer, corpus_dir: Path) -> None:  # type: ignore[no-untyped-def]
    score, metrics = scorer
    counts, metas = [], []
    for page in score.load_corpus(corpus_dir):
        if page["html"] is None:
            continue
        article = vnnews_clean.clean_html(page["html"].read_bytes())
        pred = score.caption_neutral(article.text, page["truth"])
        counts.append(metrics.shingle_counts(pred, score.gold_text(page["truth"])))
        metas.append(score.meta_scores(article, page["truth"]))
    assert counts, "no HTML pages found in the corpus"
    f1 = metrics.aggregate(counts)[2]
    n = len(metas)
    caption_p, caption_r = sum(m[0] for m in metas) / n, sum(m[1] for m in metas) / n
    assert f1 >= HTML_F1_FLOOR, f"HTML-mode F1 {f1:.3f} fell below the floor {HTML_F1_FLOOR}"
    assert sum(m[2] for m in metas) / n >= HTML_TITLE_FLOOR
    assert sum(m[3] for m in metas) / n >= HTML_DATE_FLOOR
    assert min(caption_p, caption_r) >= HTML_CAPTION_FLOOR, (caption_p, caption_r)
