"""DCT low-pass smoothing of a valence series, after syuzhet's ``get_dct_transform``.

syuzhet takes the type-II DCT of the raw sentence values, keeps the ``low_pass_size``
lowest coefficients, zero-pads them to the output length and inverts: the result is a
smooth curve resampled to that length. We do the same with orthonormal DCTs and rescale by
``sqrt(out_len / n)`` so the smoothed curve keeps the level of the raw values (the mean of
a constant series survives unchanged), which syuzhet's unnormalised transform does not.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.fft import dct, idct

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
    coefficients = dct(raw, type=2, norm="ortho")
    padded = np.zeros(out_len)
    padded[:keep] = coefficients[:keep]
    return idct(padded, type=2, norm="ortho") * np.sqrt(out_len / raw.size)


def rescale(values: np.ndarray) -> np.ndarray:
    """Min-max scale to -1..1 (syuzhet's ``rescale_x_2``); a flat curve maps to zeros."""
    if values.size == 0:
        return values
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-12:
        return np.zeros_like(values)
    return 2.0 * (values - low) / (high - low) - 1.0
