"""Write fixtures/golden/<seed>.json: the expected article and label of every line of a seed.

    python scripts/make_golden.py            # rewrite all five golden files

A golden file is the library's output on the seed after a person has checked every line;
where the checker disagreed with the library, the correction is written below (CORRECTIONS,
by seed and input line number, with the reason) so that the golden file says what is right,
not what the code did. Run it only after reading the diff it makes to the golden files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import vnnews_clean  # noqa: E402
from vnnews_clean import Label  # noqa: E402

SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "fixtures" / "golden"

# seed -> {input line: (label, why)}: where the checked label differs from the library's.
CORRECTIONS: dict[str, dict[int, tuple[str, str]]] = {
    "000_24e14e7508fcd41e": {
        7: ("body", "the sapo, glued to two inline related links"),
        42: ("author", "the byline name closing the article"),
    },
    "002_3be1f78507230fac": {
        13: ("caption", "photo caption with '- Ảnh: X' credit above the first paragraph"),
    },
    "003_8430b1541a21d71d": {
        13: ("caption", "caption without credit: 'Các đại biểu dự hội nghị tại điểm cầu ...'"),
        29: ("caption", "caption without credit: 'Toàn cảnh Hội nghị ...'"),
        33: ("caption", "caption without credit: the Prime Minister speaking at the meeting"),
    },
}
# seed -> article fields that differ from the library's.
FIELDS: dict[str, dict[str, object]] = {
    "000_24e14e7508fcd41e": {"authors": ["Phạm Lý"]},
}


def golden_for(name: str) -> dict:
    text = (SEEDS / f"{name}.txt").read_text("utf-8")
    art = vnnews_clean.clean_text(text)
    fixes = CORRECTIONS.get(name, {})
    blocks = []
    for b in art.blocks:
        label = fixes[b.line][0] if b.line in fixes else b.label.value
        blocks.append({"line": b.line, "label": label, "text": b.text})
    paragraphs = [b["text"] for b in blocks if b["label"] in ("body", "heading")]
    captions = [b["text"] for b in blocks if b["label"] == "caption"]
    d = art.to_dict()
    out = {
        "seed": f"seeds/{name}.txt",
        "title": d["title"],
        "published": d["published"],
        "authors": d["authors"],
        "source": d["source"],
        "url": d["url"],
        "paragraphs": paragraphs,
        "captions": captions,
        "blocks": blocks,
    }
    out.update(FIELDS.get(name, {}))
    for b in blocks:
        Label(b["label"])  # every label is a known one
    return out


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        g = golden_for(seed.stem)
        path = GOLDEN / f"{seed.stem}.json"
        path.write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(
            f"wrote {path.relative_to(ROOT)}: {len(g['blocks'])} blocks, "
            f"{len(g['paragraphs'])} paragraphs, {len(g['captions'])} captions"
        )


if __name__ == "__main__":
    main()
