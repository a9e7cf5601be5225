"""DCT low-pass smoothing of a valence series, after syuzhet's ``get_dct_transform``.

syuzhet takes the type-II DCT of the raw sentence values, keeps the ``low_pass_size``
lowest coefficients, zero-pads them to the output length and inverts: the result is a
smooth curve resampled to that length. We do the same with orthonormal DCTs and rescale by
``sqrt(out_len / n)`` so the smoothed curve keeps the level of the raw values (the mean of
a constant series survives unchanged), which syuzhet's unnormalised transform does not.

Only ``keep`` (five) coefficients are ever needed, so both transforms are written out as
cosine sums over numpy arrays rather than taken from scipy.fft, whose import (with
scipy.special behind it) cost more start-up than the arcs themselves; they agree with
scipy's ``dct``/``idct(norm="ortho")`` to about 1e-15 (tests/test_arc.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

LOW_PASS_SIZE = 5  # syuzhet's default
ARC_POINTS = 100


def dct_lowpass(
    values: Sequence[float], keep: int = LOW_PASS_SIZE, out_len: int = ARC_POINTS
) -> np.ndarray:
    """Smooth ``values`` to their ``keep`` lowest cosine components, resampled to ``out_len``."""
    raw = np.asarray(values, dtype=float)
    if raw.size == 0:
        return np.zeros(0)
    keep = max(1, min(keep, raw.size, out_len))
    coefficients = _cosines(keep, raw.size) @ raw * _ortho_scale(keep, raw.size)
    curve = (coefficients * _ortho_scale(keep, out_len)) @ _cosines(keep, out_len)
    return curve * np.sqrt(out_len / raw.size)


def _cosines(keep: int, size: int) -> np.ndarray:
    """cos(pi k (2n + 1) / 2 size) for the k < keep lowest frequencies and n < size: the
    type-II DCT's basis, and (transposed) its inverse's."""
    k = np.arange(keep)[:, None]
    n = np.arange(size)[None, :]
    return np.cos(np.pi * k * (2 * n + 1) / (2 * size))


def _ortho_scale(keep: int, size: int) -> np.ndarray:
    """The orthonormal DCT's factor per coefficient: sqrt(1/size) for the first, sqrt(2/size)
    for the others."""
    scale = np.full(keep, np.sqrt(2.0 / size))
    scale[0] = np.sqrt(1.0 / size)
    return scale


def rescale(values: np.ndarray) -> np.ndarray:
    """Min-max scale to -1..1 (syuzhet's ``rescale_x_2``); a flat curve maps to zeros."""
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-12:
        return np.zeros_like(values)
    return 2.0 * (values - low) / (high - low) - 1.0
