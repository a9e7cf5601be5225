"""Which words set one group of characters apart from another: the log-odds ratio with an
informative Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words", section 3.5).

For a word w with counts y_a, y_b in the two groups (totals n_a, n_b) and a prior built from
the background counts of both groups together (alpha_w, summing to alpha_0):

    delta_w = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
            - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w))
    var(delta_w) ~ 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)
    z_w = delta_w / sqrt(var)

The prior shrinks rare words toward zero, so a word seen twice does not top the list. Counts
are *per work*: a word counts once for each work (and character) whose portrait has it, so one
long work cannot carry the comparison by repeating itself.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

PRIOR_WEIGHT = 0.1  # alpha_0 as a share of the background total (Monroe et al. use 0.01-1)


@dataclass(frozen=True, slots=True)
class Distinctive:
    word: str
    z: float
    delta: float
    count_a: int
    count_b: int


def per_work_counts(units: Iterable[Iterable[str]]) -> Counter:
    """Each unit (one character in one work) counts a word once, however often it has it."""
    counts: Counter = Counter()
    for words in units:
        counts.update(set(words))
    return counts


def log_odds(group_a: Counter, group_b: Counter, prior_weight: float = PRIOR_WEIGHT,
             min_count: int = 2) -> list[Distinctive]:
    """Words by how much more group A uses them than group B (z-score, A first)."""
    background = group_a + group_b
    total = sum(background.values())
    if total == 0:
        return []
    alpha_0 = prior_weight * total
    n_a, n_b = sum(group_a.values()), sum(group_b.values())
    scored = []
    for word, count in background.items():
        if count < min_count:
            continue
        alpha = alpha_0 * count / total
        y_a, y_b = group_a[word], group_b[word]
        delta = (math.log((y_a + alpha) / (n_a + alpha_0 - y_a - alpha))
                 - math.log((y_b + alpha) / (n_b + alpha_0 - y_b - alpha)))
        variance = 1 / (y_a + alpha) + 1 / (y_b + alpha)
        scored.append(Distinctive(word, delta / math.sqrt(variance), delta, y_a, y_b))
    scored.sort(key=lambda d: (-d.z, d.word))
    return scored
