"""From pair scores to antecedents and entities (best-first mention ranking)."""

from __future__ import annotations

from collections.abc import Callable

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


def softmax_by_anaphor(a: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Each pair's share of its anaphor's candidates (softmax over the anaphor's scores).

    ``a`` must be grouped (pairs of one anaphor contiguous), as ``candidate_pairs`` gives.
    """
    if len(a) == 0:
        return np.zeros(0)
    starts = np.flatnonzero(np.concatenate([[True], a[1:] != a[:-1]]))
    sizes = np.diff(np.append(starts, len(a)))
    spread = np.exp(scores - np.repeat(np.maximum.reduceat(scores, starts), sizes))
    return spread / np.repeat(np.add.reduceat(spread, starts), sizes)


def entity_share(
    candidates: list[tuple[int, float]], shares: dict[int, float], labels: list[str], label: str
) -> float:
    """Probability mass an anaphor's top candidates give to one entity."""
    return sum(shares.get(cand, 0.0) for cand, _ in candidates if labels[cand] == label)


def ranked_candidates(
    a: np.ndarray, c: np.ndarray, scores: np.ndarray, keep: int = 10,
    top: np.ndarray | None = None,
) -> dict[int, list[tuple[int, float]]]:
    """Each anaphor's ``keep`` best candidates, best first (ties: the nearest); ``top``:
    ``top_pairs(a, c, scores, keep)`` when the caller has it already."""
    if len(a) == 0:
        return {}
    order = top_pairs(a, c, scores, keep) if top is None else top
    pairs = list(zip(c[order].tolist(), scores[order].tolist(), strict=True))
    return {i: pairs[lo:hi] for i, lo, hi in groups(a[order])}


def groups(a: np.ndarray) -> zip:
    """``(anaphor, lo, hi)`` for each run of equal values in the grouped array ``a``."""
    if len(a) == 0:
        return zip()
    starts = np.flatnonzero(np.concatenate([[True], a[1:] != a[:-1]]))
    ends = np.append(starts[1:], len(a))
    return zip(a[starts].tolist(), starts.tolist(), ends.tolist(), strict=True)


def top_pairs(a: np.ndarray, c: np.ndarray, scores: np.ndarray, keep: int) -> np.ndarray:
    """Indices of each anaphor's ``keep`` best pairs, grouped by anaphor, best first."""
    order = np.lexsort((-c, -scores, a))
    a_sorted = a[order]
    starts = np.flatnonzero(np.concatenate([[True], a_sorted[1:] != a_sorted[:-1]]))
    sizes = np.diff(np.append(starts, len(a)))
    rank = np.arange(len(a)) - np.repeat(starts, sizes)
    return order[rank < keep]


_NONE_BANNED: frozenset[str] = frozenset()  # most mentions: no binding-theory conflict


def _best_entity(
    shares: dict[int, float], labels: list[str], banned: set[str] | frozenset[str]
) -> tuple[str, float] | None:
    """The entity the candidates' shares favour most, and its share."""
    mass: dict[str, float] = {}
    for cand, share in shares.items():
        if labels[cand] not in banned:
            mass[labels[cand]] = mass.get(labels[cand], 0.0) + share
    return max(mass.items(), key=lambda item: item[1]) if mass else None


def cluster(
    n: int,
    ranked: dict[int, list[tuple[int, float]]],
    threshold: float,
    fixed: list[str | None] | None = None,
    forbidden: dict[int, list[int]] | None = None,
    regroup: Callable[[int, str], bool] | None = None,
    overrule: tuple[dict[int, float], dict[int, dict[int, float]]] | None = None,
    redirect: Callable[[int, str, list[str]], str] | None = None,
    agrees: Callable[[int, str], bool] | None = None,
    taken: Callable[[int, str], None] | None = None,
) -> list[str]:
    """Entity label per mention, in text order.

    A mention with a ``fixed`` label (a character id from an earlier stage) keeps it; any
    other mention joins the entity of its best antecedent scoring at least ``threshold``,
    skipping entities of mentions it may not corefer with (``forbidden``: binding theory),
    and starts a new entity otherwise. When ``regroup(i, label)`` says so, the mention joins
    a group entity beside ``label`` instead (plural "they" near one character).

    ``overrule`` is ``(confidence, shares)``: a fixed label with a confidence (from another
    stage's guess) gives way to the ranker's entity when the ranker's probability mass for
    that entity (``shares``: each candidate's softmax share) is larger.
    """
    labels: list[str] = []
    forbidden = forbidden or {}
    soft, shares = overrule or ({}, {})
    for i in range(n):
        given = fixed[i] if fixed is not None else None
        banned = {labels[j] for j in forbidden[i]} if i in forbidden else _NONE_BANNED
        if given is not None and i in soft:
            best = _best_entity(shares.get(i, {}), labels, banned)
            given = best[0] if best is not None and best[1] > soft[i] else given
        if given is not None:
            labels.append(given)
            if taken is not None:
                taken(i, given)
            continue
        label = f"new-{i}"
        for cand, score in ranked.get(i, ()):
            if score < threshold:
                break
            if labels[cand] not in banned and (agrees is None or agrees(i, labels[cand])):
                label = labels[cand]
                if redirect is not None:
                    label = redirect(i, label, labels)
                if regroup is not None and regroup(i, label):
                    label = f"group:{label}"
                break
        labels.append(label)
        if taken is not None:
            taken(i, label)
    return labels
