"""Leave-one-portal-out evaluation of the text and HTML modes.

    python benchmarks/lopo.py                # text mode: per portal, mean, worst, in-sample
    python benchmarks/lopo.py --mode html    # the same for the HTML mode and its model
    python benchmarks/lopo.py --json F       # also write the numbers as JSON

For each portal (the domain before '__'; each seed is a portal of its own), the model is
trained on every other portal and scored on this one, with the metric of
../shared/tools/score.py (4-gram shingle F1 of the body, captions neutral). Only the learned
weights are held out: the rules and vocabularies have seen every page.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))

from vnnews_clean.assemble import assemble  # noqa: E402
from vnnews_clean.config import CleanConfig  # noqa: E402
from vnnews_clean.html_input import read_html  # noqa: E402
from vnnews_clean.model import Model  # noqa: E402
from vnnews_clean.page import label_page  # noqa: E402
from vnnews_clean.pipeline import article_from_html  # noqa: E402

from corpus import Page, load_html_pages, load_pages  # noqa: E402
from train import fit  # noqa: E402


def _scorer():  # the shared metric, imported only when ../shared is there
    from metrics import aggregate, shingle_counts  # type: ignore[import-not-found]
    from score import caption_neutral  # type: ignore[import-not-found]

    return aggregate, shingle_counts, caption_neutral


def score_pages(pages: list[Page], model: Model, config: CleanConfig) -> tuple[float, list]:
    aggregate, shingle_counts, caption_neutral = _scorer()
    counts, rows = [], []
    for p in pages:
        if p.raw is not None:  # an HTML page: the whole HTML pipeline, fallback included
            art = article_from_html(read_html(p.raw, config), config, model)
        else:
            art = assemble(label_page(p.blocks, config, model))
        gold = "\n\n".join(p.truth.get("body") or [])
        c = shingle_counts(caption_neutral(art.text, p.truth), gold)
        counts.append(c)
        rows.append((p.name, aggregate([c])[2]))
    return aggregate(counts)[2], rows


def run(
    config: CleanConfig, pages: list[Page] | None = None, mode: str = "text", **fit_args: float
) -> dict:
    if pages is None:
        pages = load_html_pages() if mode == "html" else load_pages()
    by_portal: dict[str, list[Page]] = defaultdict(list)
    for p in pages:
        by_portal[p.portal].append(p)
    held = {}
    for portal, own in sorted(by_portal.items()):
        model = Model(fit([p for p in pages if p.portal != portal], mode=mode, **fit_args))
        held[portal] = score_pages(own, model, config)[0]
    in_sample, rows = score_pages(pages, Model(fit(pages, mode=mode, **fit_args)), config)
    worst = min(held, key=held.__getitem__)
    return {
        "portals": held,
        "lopo_mean": statistics.mean(held.values()),
        "worst_portal": worst,
        "worst_f1": held[worst],
        "in_sample_f1": in_sample,
        "pages": rows,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mode", choices=("text", "html"), default="text")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    res = run(CleanConfig(), mode=a.mode)
    for portal, f1 in sorted(res["portals"].items(), key=lambda x: x[1]):
        print(f"  {f1:.3f}  {portal}")
    print(
        f"leave-one-portal-out mean F1 {res['lopo_mean']:.3f}  worst {res['worst_portal']} "
        f"{res['worst_f1']:.3f}  in-sample F1 {res['in_sample_f1']:.3f}"
    )
    if a.json:
        a.json.write_text(json.dumps(res, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
