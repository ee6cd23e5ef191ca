"""The optional C accelerator of the classifier's numeric core; everything else is in
pyproject.toml. Without a C compiler the build goes on and the package runs its pure-Python
reference code (vnnews_clean.native.ACCELERATED tells which)."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "vnnews_clean._native",
            ["src/vnnews_clean/_native.c"],
            optional=True,
            # Floats identical to the Python reference's: no fused multiply-add.
            extra_compile_args=["-ffp-contract=off"],
        )
    ]
)
