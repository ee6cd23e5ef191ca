"""The decoder: the best sequence of page regions and block classes, by Viterbi.

A state is a phase of the page (before the article, inside it, after it) and a coarse
class. Phases only move forward, and "inside" starts and ends with a body block, so once the
article is over, a related section's teasers stay chrome even when each alone looks like a
paragraph. Transition scores within these constraints are learned.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from . import native

PHASES = ("pre", "in", "post")
_CLASSES = ("title", "body", "caption", "meta", "chrome")
# Body exists only inside the article: "in" runs from the first body block to the last.
STATES = tuple(
    f"{phase}_{cls}" for phase in PHASES for cls in _CLASSES if cls != "body" or phase == "in"
)
STATE_CLASS = tuple(state.split("_", 1)[1] for state in STATES)
STATE_PHASE = tuple(PHASES.index(state.split("_", 1)[0]) for state in STATES)
_BLOCKED = -1e9


def allowed(a: int, b: int) -> bool:
    """Whether state ``b`` may follow state ``a``: phases only move forward, one at a time,
    and the article phase is entered and left at a body block."""
    pa, pb = STATE_PHASE[a], STATE_PHASE[b]
    if pb < pa or pb - pa > 1:
        return False
    if pb == pa:
        return True
    return STATE_CLASS[b] == "body" if pa == 0 else STATE_CLASS[a] == "body"


# Transitions at or below this score (the forbidden ones, _BLOCKED in the weights) are skipped
# in the search while they provably cannot win; see _plan.
_NEGLIGIBLE = _BLOCKED / 1000


def _plan(
    log_transition: Sequence[Sequence[float]], k: int
) -> list[tuple[int, float, list[tuple[int, float]], float, list[float]]]:
    """Per target state: the first kept predecessor and its transition, the other kept
    predecessors with theirs, the highest skipped transition (-inf when none is skipped), and
    the whole column of transitions into it."""
    plan = []
    for s in range(k):
        column = [log_transition[p][s] for p in range(k)]
        kept = [(p, v) for p, v in enumerate(column) if v > _NEGLIGIBLE] or list(enumerate(column))
        skipped = [v for v in column if not v > _NEGLIGIBLE] if len(kept) < k else []
        plan.append((kept[0][0], kept[0][1], kept[1:], max(skipped, default=-math.inf), column))
    return plan


@functools.lru_cache(maxsize=8)
def _cached_plan(
    log_transition: tuple[tuple[float, ...], ...], k: int
) -> list[tuple[int, float, list[tuple[int, float]], float, list[float]]]:
    return _plan(log_transition, k)


def viterbi(
    emissions: Sequence[Sequence[float]],
    log_start: Sequence[float],
    log_transition: Sequence[Sequence[float]],
) -> list[int]:
    """The most likely state index for each position; ties go to the lowest state index.

    Only the allowed predecessors of a state are tried while the best of the others (the
    highest score of the step plus the highest skipped transition) stays below what they
    reach; otherwise every predecessor is tried, so the result is the full search's.

    >>> viterbi([[0.0, -5.0], [-5.0, 0.0]], [0.0, 0.0], [[0.0, 0.0], [0.0, 0.0]])
    [0, 1]
    """
    n, k = len(emissions), len(log_start)
    if n == 0:
        return []
    plan = _cached_plan(log_transition, k) if isinstance(log_transition, tuple) else None
    plan = plan or _plan(log_transition, k)
    score = [log_start[s] + emissions[0][s] for s in range(k)]
    back: list[list[int]] = []
    for t in range(1, n):
        em = emissions[t]
        top = max(score)
        new = []
        ptr = []
        for s, (first, first_tr, kept, skipped, column) in enumerate(plan):
            best_prev = first
            best = score[first] + first_tr
            for p, tr in kept:
                v = score[p] + tr
                if v > best:
                    best, best_prev = v, p
            if not top + skipped < best:
                # A skipped predecessor might reach the best score: try them all, in order.
                best_prev = 0
                best = score[0] + column[0]
                for p in range(1, k):
                    v = score[p] + column[p]
                    if v > best:
                        best, best_prev = v, p
            new.append(best + em[s])
            ptr.append(best_prev)
        score = new
        back.append(ptr)
    last = max(range(k), key=score.__getitem__)
    path = [last]
    for ptr in reversed(back):
        last = ptr[last]
        path.append(last)
    path.reverse()
    return path


def emissions_for(
    log_post: Sequence[float],
    log_prior: Sequence[float],
    classes: Sequence[str],
    forced: str | None,
    prior_weight: float,
) -> list[float]:
    """Per-state emission scores: posterior over the scaled prior; a forced class blocks the
    states of every other class."""
    if len(classes) != len(log_post):
        raise ValueError("one posterior per class")
    scaled = [lp - prior_weight * pr for lp, pr in zip(log_post, log_prior, strict=True)]
    at = _state_positions(tuple(classes))
    if forced is None:
        return [scaled[i] for i in at]
    return [
        _BLOCKED if cls != forced else scaled[i] for cls, i in zip(STATE_CLASS, at, strict=True)
    ]


@functools.lru_cache(maxsize=8)
def _state_positions(classes: tuple[str, ...]) -> tuple[int, ...]:
    """For each state, the position of its class in ``classes`` (the last one, if repeated)."""
    position = {c: i for i, c in enumerate(classes)}
    return tuple(position[cls] for cls in STATE_CLASS)


def best_path(
    posteriors: Sequence[Sequence[float]],
    log_prior: Sequence[float],
    classes: Sequence[str],
    forced: Sequence[str | None],
    prior_weight: float,
    log_start: Sequence[float],
    log_transition: Sequence[Sequence[float]],
) -> list[int]:
    """The decoder's path over a page: each block's emissions (``emissions_for``, ``forced``
    naming the class a rule fixed, or None) and ``viterbi`` over them; in C when the
    accelerator is built, with the same result."""
    if native.core is None:
        emissions = [
            emissions_for(p, log_prior, classes, f, prior_weight)
            for p, f in zip(posteriors, forced, strict=True)
        ]
        return viterbi(emissions, log_start, log_transition)
    if len(classes) != len(log_prior):
        raise ValueError("one prior per class")
    index = {c: i for i, c in enumerate(classes)}
    fixed = [-1 if f is None else index.get(f, -2) for f in forced]
    path: list[int] = native.core.decode(
        posteriors,
        log_prior,
        _state_positions(tuple(classes)),
        fixed,
        prior_weight,
        log_start,
        log_transition,
    )
    return path
