"""Matching gold quotations to predicted ones by character overlap."""

from __future__ import annotations

from collections.abc import Sequence

from ficlens.document import LayerView


def _overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match_quotes(
    gold: Sequence[Sequence[tuple[int, int]]], predicted: Sequence[Sequence[tuple[int, int]]]
) -> list[int]:
    """For each gold quotation (list of spans), the index of the predicted quotation that
    overlaps it most, or -1. Both lists are in text order."""
    by_start = LayerView([(p[0][0], p[-1][1]) for p in predicted])
    result = []
    for spans in gold:
        first, last = spans[0][0], spans[-1][1]
        k = by_start.first_from(last)
        best, best_overlap = -1, 0
        j = k - 1
        while j >= 0 and predicted[j][-1][1] > first - 20000:
            overlap = _overlap(spans, predicted[j])
            if overlap > best_overlap:
                best, best_overlap = j, overlap
            if predicted[j][-1][1] <= first and j < k - 3:
                break
            j -= 1
        result.append(best)
    return result
