"""Explain one page as its leave-one-portal-out model labels it.

python scripts/heldout.py NAME [--errors]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from vnnews_clean.assemble import assemble
from vnnews_clean.config import CleanConfig
from vnnews_clean.model import Model
from vnnews_clean.page import label_page

from corpus import load_pages
from train import fit


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args()
    pages = load_pages()
    page = next(p for p in pages if a.name in p.name)
    model = Model(fit([p for p in pages if p.portal != page.portal]))
    art = assemble(label_page(page.blocks, CleanConfig(), model))
    print(
        f"== {page.name} title={art.title!r} published={art.published} authors={art.authors}"
        f" source={art.source!r}"
    )
    for b, gold in zip(art.blocks, page.labels, strict=True):
        bad = b.label.coarse != gold
        if not a.errors or bad:
            print(
                f"{'!!' if bad else '  '}{b.line:4d} {gold:7s} {b.label.value:10s} "
                f"{b.reason:24s} {b.text[:90]}"
            )


if __name__ == "__main__":
    main()
