"""The optional C accelerator of the model and the decoder (``_native.c``).

It is built when the package is installed with a C compiler at hand; without one, or with
``VNNEWS_CLEAN_PURE_PYTHON=1`` in the environment, the pure-Python reference code runs. Both
give the same floats and so the same labels (tests/test_native.py); only the speed differs.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType


def _load() -> ModuleType | None:
    if os.environ.get("VNNEWS_CLEAN_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module(f"{__package__}._native")
    except ImportError:
        return None


core: ModuleType | None = _load()
ACCELERATED = core is not None
