"""Blocks: the units every stage labels. The text front end makes one per non-blank line."""

from __future__ import annotations

import dataclasses

from .config import CleanConfig
from .errors import InputTooLargeError
from .normalize import normalize_line, split_lines


@dataclasses.dataclass(frozen=True, slots=True)
class Block:
    """One block of a page: its normalised text and where it came from.

    ``line`` and ``end_line`` are 1-based input line numbers (equal in text mode).
    ``gap_before``/``gap_after`` say whether a blank line separates it from its neighbours:
    the dumps put a blank line after paragraph-like elements only. ``path`` names the HTML
    element the block came from (empty in text mode).
    """

    index: int
    text: str
    line: int
    end_line: int
    gap_before: bool
    gap_after: bool
    path: str = ""


def segment_text(text: str, config: CleanConfig) -> list[Block]:
    """Cut a text dump into blocks: every non-blank line (after normalisation) is one.

    >>> [b.text for b in segment_text("Tiêu đề\\n\\n  Đoạn một.  \\n", CleanConfig())]
    ['Tiêu đề', 'Đoạn một.']
    """
    if len(text) > config.max_input_chars:
        raise InputTooLargeError(
            f"input has {len(text):,} characters; CleanConfig.max_input_chars is "
            f"{config.max_input_chars:,}"
        )
    lines = split_lines(text)
    kept: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        if not raw or raw.isspace():
            continue
        line = normalize_line(raw)
        if line:
            kept.append((number, line))
            if len(kept) > config.max_blocks:
                raise InputTooLargeError(
                    f"input has more than {config.max_blocks:,} non-blank lines "
                    "(CleanConfig.max_blocks)"
                )
    blocks = []
    for i, (number, line) in enumerate(kept):
        prev_number = kept[i - 1][0] if i else 0
        next_number = kept[i + 1][0] if i + 1 < len(kept) else len(lines) + 1
        blocks.append(
            Block(
                index=i,
                text=line,
                line=number,
                end_line=number,
                gap_before=number - prev_number > 1,
                gap_after=next_number - number > 1,
            )
        )
    return blocks
