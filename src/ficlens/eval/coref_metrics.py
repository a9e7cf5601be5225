"""Coreference scores: MUC, B-cubed and CEAF-e, with the standard definitions.

Clusters are collections of hashable mention keys (e.g. ``(start, end)``). Key = gold,
response = system. Definitions follow Pradhan et al. (2014), "Scoring coreference
partitions of predicted mentions", which is what the CoNLL reference scorer implements:
mentions of one side missing from the other side count as errors (no twinless-mention
tricks), so the same functions serve gold and predicted mentions.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

Cluster = frozenset


@dataclass(frozen=True, slots=True)
class PRF:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 0.0 if total == 0 else 2 * self.recall * self.precision / total

    def as_dict(self) -> dict[str, float]:
        return {"recall": self.recall, "precision": self.precision, "f1": self.f1}


def _clusters(groups: Iterable[Iterable[Hashable]]) -> list[frozenset]:
    return [frozenset(g) for g in groups if g]


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _muc_side(key: list[frozenset], response: list[frozenset]) -> float:
    where = {m: i for i, cluster in enumerate(response) for m in cluster}
    num = den = 0
    for cluster in key:
        parts = {where.get(m, ("missing", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return _ratio(num, den)


def muc(key: Sequence[Iterable], response: Sequence[Iterable]) -> PRF:
    k, r = _clusters(key), _clusters(response)
    return PRF(_muc_side(k, r), _muc_side(r, k))


def _b3_side(key: list[frozenset], response: list[frozenset]) -> float:
    where = {m: cluster for cluster in response for m in cluster}
    num = 0.0
    total = 0
    for cluster in key:
        for m in cluster:
            total += 1
            other = where.get(m)
            if other is not None:
                num += len(cluster & other) / len(cluster)
    return _ratio(num, total)


def b_cubed(key: Sequence[Iterable], response: Sequence[Iterable]) -> PRF:
    k, r = _clusters(key), _clusters(response)
    return PRF(_b3_side(k, r), _b3_side(r, k))


def ceaf_e(key: Sequence[Iterable], response: Sequence[Iterable]) -> PRF:
    """Entity-based CEAF: phi4 similarity, best one-to-one cluster alignment."""
    k, r = _clusters(key), _clusters(response)
    if not k or not r:
        return PRF(0.0, 0.0)
    where: dict[Hashable, list[int]] = {}
    for j, cluster in enumerate(r):
        for m in cluster:
            where.setdefault(m, []).append(j)
    sim = np.zeros((len(k), len(r)))
    for i, cluster in enumerate(k):
        for j in {j for m in cluster for j in where.get(m, ())}:
            sim[i, j] = 2 * len(cluster & r[j]) / (len(cluster) + len(r[j]))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    best = float(sim[rows, cols].sum())
    return PRF(best / len(k), best / len(r))


@dataclass
class CorefScores:
    muc: PRF
    b3: PRF
    ceaf_e: PRF

    @property
    def average_f1(self) -> float:
        return (self.muc.f1 + self.b3.f1 + self.ceaf_e.f1) / 3

    def as_dict(self) -> dict[str, object]:
        return {
            "muc": self.muc.as_dict(),
            "b3": self.b3.as_dict(),
            "ceaf_e": self.ceaf_e.as_dict(),
            "average_f1": self.average_f1,
        }


def score(key: Sequence[Iterable], response: Sequence[Iterable]) -> CorefScores:
    return CorefScores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))


class Accumulator:
    """Corpus-level scores: numerators and denominators summed over documents."""

    def __init__(self) -> None:
        self.sums = np.zeros(12)

    def add(self, key: Sequence[Iterable], response: Sequence[Iterable]) -> None:
        k, r = _clusters(key), _clusters(response)
        n_key = sum(len(c) for c in k)
        n_resp = sum(len(c) for c in r)
        muc_r_den = sum(len(c) - 1 for c in k)
        muc_p_den = sum(len(c) - 1 for c in r)
        ceaf = ceaf_e(k, r)
        self.sums += np.array([
            _muc_side(k, r) * muc_r_den, muc_r_den, _muc_side(r, k) * muc_p_den, muc_p_den,
            _b3_side(k, r) * n_key, n_key, _b3_side(r, k) * n_resp, n_resp,
            ceaf.recall * len(k), len(k), ceaf.precision * len(r), len(r),
        ])

    def result(self) -> CorefScores:
        s = self.sums

        def prf(offset: int) -> PRF:
            return PRF(_ratio(s[offset], s[offset + 1]), _ratio(s[offset + 2], s[offset + 3]))

        return CorefScores(prf(0), prf(4), prf(8))
