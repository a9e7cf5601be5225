"""Reagan et al.'s six emotional arcs (2016) as templates, and a classifier over them.

Reagan et al. found that the first SVD modes of 1,300 Gutenberg arcs are, to a good
approximation, the lowest cosine components: one half-period (rise or fall), one period
(fall-rise or rise-fall) and one and a half periods (rise-fall-rise or fall-rise-fall).
Each shape is therefore a cosine template on the 0..1 story axis; a smoothed arc gets the
shape whose template it correlates with best (Pearson r, so level and scale do not matter).
"""

from __future__ import annotations

import numpy as np

# name -> (half-periods, sign): sign +1 starts high (the curve is cos), -1 starts low.
SHAPES: dict[str, tuple[int, int]] = {
    "rags_to_riches": (1, -1),  # rise
    "tragedy": (1, 1),  # riches to rags: fall
    "man_in_a_hole": (2, 1),  # fall-rise
    "icarus": (2, -1),  # rise-fall
    "cinderella": (3, -1),  # rise-fall-rise
    "oedipus": (3, 1),  # fall-rise-fall
}


def template(name: str, points: int = 100) -> np.ndarray:
    half_periods, sign = SHAPES[name]
    x = np.linspace(0.0, 1.0, points)
    return sign * np.cos(half_periods * np.pi * x)


def shape_scores(arc: np.ndarray) -> dict[str, float]:
    """Correlation of ``arc`` with each of the six templates (0 for a flat arc)."""
    arc = np.asarray(arc, dtype=float)
    centred = arc - arc.mean()
    norm = np.linalg.norm(centred)
    scores = {}
    for name in SHAPES:
        shape = template(name, arc.size)
        shape = shape - shape.mean()
        denom = norm * np.linalg.norm(shape)
        scores[name] = round(float(centred @ shape / denom), 4) if denom > 1e-12 else 0.0
    return scores


def classify(arc: np.ndarray) -> tuple[str | None, dict[str, float]]:
    """The best-matching shape name (None for a flat or too short arc) and all scores."""
    if np.asarray(arc).size < 3:
        return None, {name: 0.0 for name in SHAPES}
    scores = shape_scores(arc)
    best = max(scores, key=scores.__getitem__)
    return (best if scores[best] > 0 else None), scores
