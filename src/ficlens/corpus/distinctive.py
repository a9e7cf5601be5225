"""Which words set one group of characters apart from another: the log-odds ratio with an
informative Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words", section 3.5).

For a word w with counts y_a, y_b in the two groups (totals n_a, n_b) and a prior built from
the background counts of both groups together (alpha_w, summing to alpha_0):

    delta_w = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
            - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w))
    var(delta_w) ~ 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)
    z_w = delta_w / sqrt(var)

The prior shrinks rare words toward zero, so a word seen twice does not top the list. The
counts may be weights (real numbers): the corpus caps each work's weight (see
``corpus/portraits.py``), so that one long work cannot carry the comparison by repeating
itself.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass

PRIOR_WEIGHT = 0.1  # alpha_0 as a share of the background total (Monroe et al. use 0.01-1)


@dataclass(frozen=True, slots=True)
class Distinctive:
    word: Hashable
    z: float
    delta: float
    count_a: float
    count_b: float


def log_odds(group_a: Counter, group_b: Counter, prior_weight: float = PRIOR_WEIGHT,
             min_count: float = 2) -> list[Distinctive]:
    """Words by how much more group A uses them than group B (z-score, A first)."""
    background = group_a + group_b
    total = sum(background.values())
    n_a, n_b = sum(group_a.values()), sum(group_b.values())
    if n_a <= 0 or n_b <= 0:  # nothing to compare with
        return []
    alpha_0 = prior_weight * total
    scored = []
    for word, count in background.items():
        alpha = alpha_0 * count / total
        y_a, y_b = group_a[word], group_b[word]
        rest_a, rest_b = n_a + alpha_0 - y_a - alpha, n_b + alpha_0 - y_b - alpha
        if count < min_count or rest_a <= 0 or rest_b <= 0:  # the only word: no odds
            continue
        delta = math.log((y_a + alpha) / rest_a) - math.log((y_b + alpha) / rest_b)
        variance = 1 / (y_a + alpha) + 1 / (y_b + alpha)
        scored.append(Distinctive(word, delta / math.sqrt(variance), delta, y_a, y_b))
    scored.sort(key=lambda d: (-d.z, d.word))
    return scored
