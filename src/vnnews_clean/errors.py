"""Exceptions raised by vnnews_clean."""

from __future__ import annotations


class CleanError(ValueError):
    """Base class of every error vnnews_clean raises on bad input."""


class InputTooLargeError(CleanError):
    """The input exceeds a size limit of :class:`~vnnews_clean.CleanConfig`."""


class WeightsError(CleanError):
    """The weights file is missing, malformed or does not match this version of the code."""


class EncodingError(CleanError):
    """With ``CleanConfig.strict_decoding``, the bytes could not be decoded faithfully: bytes
    invalid in every plausible encoding, or text in a legacy Vietnamese encoding (TCVN3, VNI)."""
