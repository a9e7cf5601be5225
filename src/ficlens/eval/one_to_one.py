"""One-to-one alignment of predicted characters with gold characters.

A predicted character may stand for one gold character only, so a character that merges two
people (a father and his son) is credited with one of them, and two predicted characters for
one person are credited once. The alignment maximises a similarity with
:func:`scipy.optimize.linear_sum_assignment`: name agreement first (a name in common
outweighs any number of quotations), then shared quotations (gold lines of the gold
character the predicted one is given, a joint line counting 1/n for each of its n speakers,
plus a quarter for each line addressed to both). A predicted character whose names are names
of some gold characters can only be aligned with one of those: a second "Nyota" beside
"Lieutenant Uhura" is a duplicate of Uhura, not whoever's lines it was given. Only a
predicted character that no gold name identifies (a narrator, an unlisted description) is
aligned by shared quotations alone. Among predicted characters that share a name with one
gold character, the one given more of its lines is aligned with it ("Jack" with 135
mentions, not "Dr Abbot" with four). Pairs with no similarity stay unaligned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

from ficlens.eval.scoring import normal_name

ADDRESSEE_WEIGHT = 0.25


def name_forms(names: Iterable[str]) -> set[str]:
    return {normal_name(n) for n in names if n and n.strip()}


def align(
    predicted: Mapping[str, set[str]],
    gold: Mapping[str, set[str]],
    shared: Counter[tuple[str, str]],
) -> dict[str, str]:
    """Predicted id -> gold id, one to one. ``predicted``/``gold`` give each id's normalised
    name forms (:func:`name_forms`); ``shared`` the quotation votes per (predicted, gold)."""
    pids, gids = list(predicted), list(gold)
    if not pids or not gids:
        return {}
    name_weight = 1.0 + sum(shared.values())
    matrix = np.zeros((len(pids), len(gids)))
    for i, pid in enumerate(pids):
        named = any(predicted[pid] & gold[gid] for gid in gids)
        for j, gid in enumerate(gids):
            names = len(predicted[pid] & gold[gid])
            if names or not named:
                matrix[i, j] = name_weight * (names > 0) + shared[(pid, gid)]
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return {pids[i]: gids[j] for i, j in zip(rows, cols, strict=True) if matrix[i, j] > 0}
