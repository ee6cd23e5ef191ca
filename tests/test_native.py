"""The C accelerator (``_native.c``) gives what the pure-Python reference gives, on real pages
and on generated scores, and refuses malformed input with an exception, never a crash."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vnnews_clean
from vnnews_clean import native
from vnnews_clean.decode import STATE_CLASS, STATES, emissions_for, viterbi
from vnnews_clean.labels import COARSE_CLASSES
from vnnews_clean.model import default_model

from conftest import CORPUS, SEEDS

_BLOCKED = -1e9
# CPython 3.12 made sum() of floats compensated; the C code adds in plain order, as 3.11 does.
_EXACT = sys.version_info < (3, 12)

pytestmark = pytest.mark.skipif(
    native.core is None and not os.environ.get("VNNEWS_REQUIRE_NATIVE"),
    reason="the C accelerator is not built (install with a C compiler)",
)


def test_the_accelerator_is_built_where_required() -> None:
    # CI sets VNNEWS_REQUIRE_NATIVE=1: there a missing build fails instead of skipping.
    assert native.core is not None, "vnnews_clean._native was not built"


@pytest.fixture
def pure_python(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "core", None)


def _clean_all(pages: list[Path]) -> list[str]:
    out = []
    for path in pages:
        if path.suffix == ".html":
            out.append(repr(vnnews_clean.clean_html(path.read_bytes())))
        else:
            out.append(repr(vnnews_clean.clean_text(path.read_text("utf-8"))))
    return out


def _pages() -> list[Path]:
    pages = sorted(SEEDS.glob("*.txt"))
    pages += sorted((CORPUS / "dumps").glob("*.txt")) + sorted((CORPUS / "html").glob("*.html"))
    return pages


def test_articles_are_the_same_with_and_without_the_accelerator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages = _pages()
    accelerated = _clean_all(pages)
    monkeypatch.setattr(native, "core", None)
    reference = _clean_all(pages)
    for path, a, b in zip(pages, accelerated, reference, strict=True):
        assert a == b, path.name


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.0, 0.0, 1.0, -0.0, 0.5, 3.25, 1e-3, 7.0]), min_size=1))
def test_posteriors_equal_the_reference(values: list[float]) -> None:
    model = default_model("html")
    n = len(model.scale)
    rows = [(values * n)[:n], ([1.0] + values * n)[:n]]
    got = native.core.posteriors(rows, model._weights, model._bias)  # type: ignore[union-attr]
    for row, post in zip(rows, got, strict=True):
        expected = model.log_posteriors(row)
        if _EXACT:
            assert list(post) == expected
        else:
            assert list(post) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_decode_equals_emissions_and_viterbi() -> None:
    model = default_model()
    positions = [COARSE_CLASSES.index(c) for c in STATE_CLASS]
    rnd = random.Random(11)
    for _ in range(400):
        posts, forced, names = [], [], []
        for _ in range(rnd.randint(1, 30)):
            posts.append([rnd.gauss(-3.0, 3.0) for _ in COARSE_CLASSES])
            name = rnd.choice(COARSE_CLASSES) if rnd.random() < 0.4 else None
            names.append(name)
            forced.append(-1 if name is None else COARSE_CLASSES.index(name))
        emissions = [
            emissions_for(p, model.log_prior, COARSE_CLASSES, f, 0.3)
            for p, f in zip(posts, names, strict=True)
        ]
        expected = viterbi(emissions, model.log_start, model.log_transition)
        got = native.core.decode(  # type: ignore[union-attr]
            posts, model.log_prior, positions, forced, 0.3, model.log_start, model.log_transition
        )
        assert got == expected


def test_a_forced_class_the_model_lacks_blocks_every_state() -> None:
    model = default_model()
    positions = [COARSE_CLASSES.index(c) for c in STATE_CLASS]
    posts = [[-1.0] * len(COARSE_CLASSES)] * 3
    got = native.core.decode(  # type: ignore[union-attr]
        posts, model.log_prior, positions, [-1, -2, -1], 0.3, model.log_start, model.log_transition
    )
    emissions = [emissions_for(p, model.log_prior, COARSE_CLASSES, None, 0.3) for p in posts]
    emissions[1] = [_BLOCKED] * len(STATES)
    assert got == viterbi(emissions, model.log_start, model.log_transition)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c, m: c.posteriors([[1.0]], m._weights, m._bias), "the model reads"),
        (lambda c, m: c.posteriors([["x"] * len(m.scale)], m._weights, m._bias), "must be real"),
        (lambda c, m: c.posteriors([None], m._weights, m._bias), "row"),
        (lambda c, m: c.posteriors([], m._weights, []), "no classes"),
        (
            lambda c, m: c.decode(
                [[0.0]], m.log_prior, [0] * 13, [-1], 0.3, m.log_start, m.log_transition
            ),
            "posteriors",
        ),
        (
            lambda c, m: c.decode(
                [[0.0] * 5], m.log_prior, [9] * 13, [-1], 0.3, m.log_start, m.log_transition
            ),
            "out of range",
        ),
        (
            lambda c, m: c.decode(
                [[0.0] * 5], m.log_prior, [0] * 13, [], 0.3, m.log_start, m.log_transition
            ),
            "forced",
        ),
        (
            lambda c, m: c.decode(
                [[0.0] * 5], m.log_prior, [0] * 13, [-1], 0.3, m.log_start, [[0.0]]
            ),
            "log_transition",
        ),
    ],
)
def test_malformed_input_raises(call, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises((ValueError, TypeError), match=message):
        call(native.core, default_model())


def test_empty_page_decodes_to_nothing() -> None:
    model = default_model()
    assert (
        native.core.decode(
            [],
            model.log_prior,
            [0] * 13,
            [],
            0.3,
            model.log_start,  # type: ignore[union-attr]
            model.log_transition,
        )
        == []
    )
    assert native.core.posteriors([], model._weights, model._bias) == ()  # type: ignore[union-attr]


def test_pure_python_switch(pure_python: None) -> None:
    article = vnnews_clean.clean_text((SEEDS / "000_24e14e7508fcd41e.txt").read_text("utf-8"))
    assert native.core is None and article.paragraphs
