from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "fixtures" / "golden"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

# A two-paragraph article the batch, CLI and HTML tests build their pages from.
LEAD = (
    "Sáng 5/3, thành phố đưa vào khai thác tuyến buýt điện mới nối trung tâm với các khu đô "
    "thị phía tây, phục vụ hàng nghìn lượt khách mỗi ngày."
)
SECOND = (
    "Tuyến dài 28 km, đi qua nhiều trục đường lớn và điểm trung chuyển, với 20 xe chạy điện "
    "hoàn toàn, tần suất 10 phút một chuyến vào giờ cao điểm."
)
# The start of a PNG file: binary data a crawl stores by mistake.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(64)


def seed_lines() -> list[str]:
    """Every distinct non-empty line of the seeds, sorted: material for generated pages."""
    return sorted(
        {line for p in SEEDS.glob("*.txt") for line in p.read_text("utf-8").splitlines() if line}
    )


def seed_names() -> list[str]:
    return sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "truth").is_dir():
        pytest.skip("../shared/corpus is not beside the project")
    return CORPUS


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """`text` in windows-1258, which has ê, ơ, ư… but writes the five tones as combining marks
    (plain NFD fails: it also splits ê into e + U+0302, which cp1258 lacks)."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)))
        out.append(tones)
    return "".join(out).encode("cp1258")
