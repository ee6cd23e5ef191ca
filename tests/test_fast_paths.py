"""The shortcuts taken for speed give the results of the plain computations they replace."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from vnnews_clean.decode import STATE_CLASS, STATES, emissions_for, viterbi
from vnnews_clean.encoding import MOJIBAKE, MOJIBAKE_CHARS
from vnnews_clean.labels import COARSE_CLASSES
from vnnews_clean.model import default_model

_BLOCKED = -1e9


def _plain_viterbi(emissions, log_start, log_transition):  # type: ignore[no-untyped-def]
    """Every predecessor of every state, lowest index first on ties."""
    k = len(log_start)
    score = [log_start[s] + emissions[0][s] for s in range(k)]
    back = []
    for em in emissions[1:]:
        new, ptr = [], []
        for s in range(k):
            best_prev, best = 0, score[0] + log_transition[0][s]
            for p in range(k):
                v = score[p] + log_transition[p][s]
                if v > best:
                    best, best_prev = v, p
            new.append(best + em[s])
            ptr.append(best_prev)
        score = new
        back.append(ptr)
    last = max(range(k), key=lambda s: score[s])
    path = [last]
    for ptr in reversed(back):
        last = ptr[last]
        path.append(last)
    return path[::-1]


def test_viterbi_matches_the_full_search_with_forced_classes() -> None:
    model = default_model()
    transitions = tuple(tuple(row) for row in model.log_transition)
    rnd = random.Random(7)
    for _ in range(400):
        emissions = []
        for _ in range(rnd.randint(1, 25)):
            row = [rnd.gauss(-3.0, 3.0) for _ in STATES]
            if rnd.random() < 0.5:  # a rule fixed this block's class (body included)
                forced = rnd.choice(COARSE_CLASSES)
                row = [
                    v if c == forced else _BLOCKED for v, c in zip(row, STATE_CLASS, strict=True)
                ]
            emissions.append(row)
        expected = _plain_viterbi(emissions, model.log_start, transitions)
        assert viterbi(emissions, model.log_start, transitions) == expected
        assert viterbi(emissions, model.log_start, model.log_transition) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.0, 0.0, 1.0, -0.0, 0.5, 3.25, 1e-3]), min_size=1))
def test_sparse_posteriors_equal_the_dense_sum(values: list[float]) -> None:
    model = default_model()
    n = len(model.scale)
    row = (values * n)[:n]
    dense = [
        b + sum(w * x for w, x in zip(ws, row, strict=True))
        for ws, b in zip(model._weights, model._bias, strict=True)
    ]
    top = max(dense)
    log_norm = top + math.log(sum(math.exp(v - top) for v in dense))
    assert model.log_posteriors(row) == [v - log_norm for v in dense]


def test_emissions_follow_the_class_of_each_state() -> None:
    post = [-0.1, -2.0, -3.0, -4.0, -5.0]
    prior = [-1.0, -0.5, -2.0, -2.5, -0.3]
    by_class = {c: lp - 0.3 * pr for c, lp, pr in zip(COARSE_CLASSES, post, prior, strict=True)}
    assert emissions_for(post, prior, COARSE_CLASSES, None, 0.3) == [
        by_class[c] for c in STATE_CLASS
    ]
    assert emissions_for(post, prior, COARSE_CLASSES, "meta", 0.3) == [
        by_class[c] if c == "meta" else _BLOCKED for c in STATE_CLASS
    ]


def test_mojibake_prefilter_holds_every_middle_character() -> None:
    # A text without one of MOJIBAKE_CHARS is not searched with MOJIBAKE: every character
    # that MOJIBAKE can match between or after letters must be one of them.
    letters = "aeyAEYbBđĐăâ"
    for code in range(0x20, 0x2000):
        ch = chr(code)
        for before in letters:
            for after in letters:
                text = before + ch + after
                if MOJIBAKE.search(text):
                    assert MOJIBAKE_CHARS.search(text), repr(text)
