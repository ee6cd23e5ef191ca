"""The wheel carries the data files; the weights refuse to load when they do not fit."""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from vnnews_clean import native
from vnnews_clean.dom_tokens import CONCEPTS
from vnnews_clean.errors import WeightsError
from vnnews_clean.model import Model, default_model
from vnnews_clean.vocab import VOCABULARIES

from conftest import ROOT


def _build(kind: str, outdir: Path) -> Path:
    """Build the project's wheel or sdist (``kind``) into outdir; the built file."""
    subprocess.run(
        [sys.executable, "-m", "build", kind, "--no-isolation", "--outdir", str(outdir), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(p for p in outdir.iterdir() if p.name.endswith((".whl", ".tar.gz")))


def test_wheel_contains_vocabularies_and_weights(tmp_path: Path) -> None:
    wheel = _build("--wheel", tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for vocab in VOCABULARIES:
        assert f"vnnews_clean/data/vocab/{vocab}.txt" in names
    for concept in CONCEPTS:
        assert f"vnnews_clean/data/dom/{concept}.txt" in names
    assert "vnnews_clean/data/weights.json" in names
    # Every data file of the source tree is in the wheel, whatever folder it sits in.
    data = ROOT / "src" / "vnnews_clean" / "data"
    shipped = {
        f"vnnews_clean/data/{p.relative_to(data).as_posix()}"
        for p in data.rglob("*")
        if p.is_file()
    }
    assert shipped <= names, sorted(shipped - names)
    assert "vnnews_clean/py.typed" in names
    assert "vnnews_clean/_native.pyi" in names
    if native.core is not None:  # a compiler built it here, so the wheel's build did too
        assert any(
            n.startswith("vnnews_clean/_native.") and n.endswith((".so", ".pyd")) for n in names
        ), sorted(names)
    assert not any(n.startswith(("scripts/", "benchmarks/", "tests/")) for n in names)


def test_sdist_carries_the_accelerator_source(tmp_path: Path) -> None:
    # An install from the sdist compiles the accelerator: its source and setup.py must be there.
    sdist = _build("--sdist", tmp_path)
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    assert {"setup.py", "src/vnnews_clean/_native.c", "src/vnnews_clean/_native.pyi"} <= names
    assert not any(n.endswith((".so", ".pyd")) for n in names)


def _spec() -> dict:
    path = ROOT / "src" / "vnnews_clean" / "data" / "weights.json"
    return json.loads(path.read_text("utf-8"))


def test_shipped_weights_load() -> None:
    assert default_model().classes == ("title", "body", "caption", "meta", "chrome")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("format", "something-else", "not a vnnews-clean-weights file"),
        ("version", 99, "format version"),
        ("features", ["a", "b"], "another feature list"),
        ("classes", ["body"], "classes"),
        ("states", ["in_body"], "decoder states"),
    ],
)
def test_mismatched_weights_are_refused(field: str, value: object, message: str) -> None:
    spec = _spec()
    spec[field] = value
    with pytest.raises(WeightsError, match=message):
        Model(spec)
