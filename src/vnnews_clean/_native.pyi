"""Types of the C accelerator built from _native.c (see native.py)."""

from collections.abc import Sequence

def posteriors(
    rows: Sequence[Sequence[float]],
    weights: Sequence[Sequence[float]],
    bias: Sequence[float],
) -> tuple[tuple[float, ...], ...]: ...
def decode(
    posteriors: Sequence[Sequence[float]],
    log_prior: Sequence[float],
    positions: Sequence[int],
    forced: Sequence[int],
    prior_weight: float,
    log_start: Sequence[float],
    log_transition: Sequence[Sequence[float]],
) -> list[int]: ...
