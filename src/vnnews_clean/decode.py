"""The decoder: the best sequence of page regions and block classes, by Viterbi.

A state is a phase of the page (before the article, inside it, after it) and a coarse
class. Phases only move forward, and "inside" starts and ends with a body block, so once the
article is over, a related section's teasers stay chrome even when each alone looks like a
paragraph. Transition scores within these constraints are learned.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def viterbi(
    emissions: Sequence[Sequence[float]],
    log_start: Sequence[float],
    log_transition: Sequence[Sequence[float]],
) -> list[int]:
    """The most likely state index for each position.

    >>> viterbi([[0.0, -5.0], [-5.0, 0.0]], [0.0, 0.0], [[0.0, 0.0], [0.0, 0.0]])
    [0, 1]
    """
    n, k = len(emissions), len(log_start)
    if n == 0:
        return []
    score = [log_start[s] + emissions[0][s] for s in range(k)]
    back: list[list[int]] = []
    states = range(k)
    for t in range(1, n):
        em = emissions[t]
        new = []
        ptr = []
        for s in states:
            best_prev = 0
            best = score[0] + log_transition[0][s]
            for p in states:
                v = score[p] + log_transition[p][s]
                if v > best:
                    best, best_prev = v, p
            new.append(best + em[s])
            ptr.append(best_prev)
        score = new
        back.append(ptr)
    last = max(states, key=lambda s: score[s])
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
    by_class = {
        c: lp - prior_weight * pr for c, lp, pr in zip(classes, log_post, log_prior, strict=True)
    }
    return [
        _BLOCKED if forced is not None and cls != forced else by_class[cls] for cls in STATE_CLASS
    ]
