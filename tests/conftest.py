from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "fixtures" / "golden"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def seed_names() -> list[str]:
    return sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "truth").is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    return CORPUS
