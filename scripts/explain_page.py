"""Show a corpus page's blocks with the predicted label and the truth-aligned label.

python scripts/explain_page.py NAME [--errors]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vnnews_clean

from corpus import load_pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--errors", action="store_true", help="only blocks whose coarse class differs")
    a = ap.parse_args()
    for page in load_pages():
        if a.name not in page.name:
            continue
        art = vnnews_clean.clean_text(page.text)
        print(
            f"== {page.name}\n title={art.title!r} published={art.published} "
            f"authors={art.authors} source={art.source!r}"
        )
        print(
            f" truth title={page.truth.get('title')!r} published={page.truth.get('published')}"
            f" authors={page.truth.get('authors')} source={page.truth.get('source')!r}"
        )
        for b, gold in zip(art.blocks, page.labels, strict=True):
            bad = b.label.coarse != gold
            if a.errors and not bad:
                continue
            mark = "!!" if bad else "  "
            print(f"{mark}{b.line:4d} {gold:7s} {b.label.value:10s} {b.reason:24s} {b.text[:90]}")


if __name__ == "__main__":
    main()
