"""From pair scores to antecedents and entities (best-first mention ranking)."""

from __future__ import annotations

import numpy as np


def best_antecedents(
    a: np.ndarray, c: np.ndarray, scores: np.ndarray
) -> dict[int, tuple[int, float]]:
    """For each anaphor, its highest-scoring candidate and that score (ties: the nearest)."""
    if len(a) == 0:
        return {}
    order = np.lexsort((-c, -scores, a))
    a_sorted = a[order]
    first = np.concatenate([[True], a_sorted[1:] != a_sorted[:-1]])
    picks = order[first]
    return {int(a[i]): (int(c[i]), float(scores[i])) for i in picks}


def choice_probabilities(a: np.ndarray, scores: np.ndarray) -> dict[int, float]:
    """Softmax share of each anaphor's best candidate among all its candidates.

    ``a`` must be grouped (pairs of one anaphor contiguous), as ``candidate_pairs`` gives.
    """
    if len(a) == 0:
        return {}
    starts = np.flatnonzero(np.concatenate([[True], a[1:] != a[:-1]]))
    best = np.maximum.reduceat(scores, starts)
    spread = np.exp(scores - np.repeat(best, np.diff(np.append(starts, len(a)))))
    return dict(zip(a[starts].tolist(), (1.0 / np.add.reduceat(spread, starts)).tolist(),
                    strict=True))


def cluster(
    n: int,
    best: dict[int, tuple[int, float]],
    threshold: float,
    fixed: list[str | None] | None = None,
) -> list[str]:
    """Entity label per mention, in text order.

    A mention with a ``fixed`` label (a character id from an earlier stage) keeps it; any
    other mention joins its best antecedent's entity when the score reaches ``threshold``
    and starts a new entity otherwise.
    """
    labels: list[str] = []
    for i in range(n):
        given = fixed[i] if fixed is not None else None
        if given is not None:
            labels.append(given)
            continue
        pick = best.get(i)
        if pick is not None and pick[1] >= threshold:
            labels.append(labels[pick[0]])
        else:
            labels.append(f"new-{i}")
    return labels
