"""The trained block classifier: a multinomial logistic model read from package data."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from importlib import resources
from itertools import compress
from operator import itemgetter, mul
from typing import Any

from . import native
from .decode import STATES
from .errors import WeightsError
from .features import FEATURE_NAMES
from .html_features import HTML_FEATURE_NAMES
from .labels import COARSE_CLASSES

FORMAT = "vnnews-clean-weights"
FORMAT_VERSION = 1
# One model per front end: the HTML model also reads the DOM features.
WEIGHTS_FILES = {"text": "data/weights.json", "html": "data/weights-html.json"}
MODE_FEATURES = {"text": FEATURE_NAMES, "html": FEATURE_NAMES + HTML_FEATURE_NAMES}


class Model:
    """Scores of the coarse classes for a feature row, and the decoder's transition table."""

    def __init__(self, spec: dict[str, Any]) -> None:
        check_spec(spec)
        self.mode: str = spec.get("mode", "text")
        self.classes: tuple[str, ...] = tuple(spec["classes"])
        self.mean: list[float] = spec["mean"]
        self.scale: list[float] = spec["scale"]
        self.coef: list[list[float]] = spec["coef"]
        self.intercept: list[float] = spec["intercept"]
        self.log_prior: list[float] = [math.log(p) for p in spec["class_prior"]]
        self.states: tuple[str, ...] = tuple(spec["states"])
        self.log_start: list[float] = spec["log_start"]
        self.log_transition: list[list[float]] = spec["log_transition"]

        # The standardisation folded into the weights once: w·(x - m)/s = (w/s)·x - w·m/s.
        self._weights = [[w / sd for w, sd in zip(ws, self.scale, strict=True)] for ws in self.coef]
        self._bias = [
            b - sum(w * m / sd for w, m, sd in zip(ws, self.mean, self.scale, strict=True))
            for ws, b in zip(self.coef, self.intercept, strict=True)
        ]
        self._rows = [(tuple(ws), b) for ws, b in zip(self._weights, self._bias, strict=True)]

    def page_posteriors(self, rows: Sequence[Sequence[float]]) -> tuple[tuple[float, ...], ...]:
        """log_posteriors of every row, in C when the accelerator is built."""
        if native.core is not None:
            result: tuple[tuple[float, ...], ...] = native.core.posteriors(
                rows, self._weights, self._bias
            )
            return result
        return tuple(tuple(self.log_posteriors(r)) for r in rows)

    def log_posteriors(self, row: Sequence[float]) -> list[float]:
        """log P(class | block) for every coarse class."""
        if len(row) != len(self.scale):
            raise ValueError(
                f"a feature row of {len(row)} values; the model reads {len(self.scale)}"
            )
        # Most features of a block are 0 (flags that did not fire): only the others are
        # multiplied. Adding w * 0.0 leaves a float sum unchanged, so the sum over the nonzero
        # terms, in the same order, is the same number as the sum over all of them.
        present = list(compress(range(len(row)), row))
        if len(present) > 1:
            pick = itemgetter(*present)
            xs = pick(row)
            scores = [b + sum(map(mul, pick(ws), xs)) for ws, b in self._rows]
        else:
            scores = [b + sum(ws[i] * row[i] for i in present) for ws, b in self._rows]
        top = max(scores)
        log_norm = top + math.log(sum([math.exp(v - top) for v in scores]))
        return [v - log_norm for v in scores]


def check_spec(spec: dict[str, Any]) -> None:
    """Refuse a weights file that this code cannot use, saying why."""
    if spec.get("format") != FORMAT:
        raise WeightsError(f"not a {FORMAT} file (format={spec.get('format')!r})")
    if spec.get("version") != FORMAT_VERSION:
        raise WeightsError(
            f"weights format version {spec.get('version')!r}; this code reads {FORMAT_VERSION}"
        )
    mode = spec.get("mode", "text")
    if mode not in MODE_FEATURES:
        raise WeightsError(f"weights for an unknown front end {mode!r}")
    if tuple(spec.get("features", ())) != MODE_FEATURES[mode]:
        raise WeightsError(
            "the weights were trained on another feature list; rebuild them with "
            "scripts/train.py (see data/README.md)"
        )
    if tuple(spec.get("states", ())) != STATES:
        raise WeightsError(
            "the weights' decoder states do not match this code's; rebuild them with "
            "scripts/train.py (see data/README.md)"
        )
    if tuple(spec.get("classes", ())) != COARSE_CLASSES:
        raise WeightsError(f"the weights' classes {spec.get('classes')} are not {COARSE_CLASSES}")


@functools.cache
def default_model(mode: str = "text") -> Model:
    """The model shipped with the package for a front end ("text" or "html"), loaded once."""
    path = WEIGHTS_FILES[mode]
    try:
        text = resources.files(__package__).joinpath(path).read_text("utf-8")
        spec = json.loads(text)
    except (OSError, ValueError) as exc:
        raise WeightsError(f"cannot read the package's {path}: {exc}") from exc
    if spec.get("mode", "text") != mode:
        raise WeightsError(f"{path} holds weights for the {spec.get('mode')!r} front end")
    return Model(spec)
