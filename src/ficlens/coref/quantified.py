"""Quantified indefinite persons: "nobody", "no one", "everyone", "somebody", "any one".

They name no one in particular, so they never refer back to an earlier mention (none of the
61 in LitBank's training documents does); and one that denies or generalises ("nobody",
"everyone", "anybody") is not referred back to either (only "somebody" sometimes is:
"somebody ... he"). Two "nobody"s are two entities, whatever their ranker scores say.
"""

from __future__ import annotations

from collections.abc import Sequence

QUANTIFIED_PERSONS = frozenset(
    "nobody somebody someone anyone everyone everybody anybody no-one".split()
) | frozenset({"no one", "every one", "any one", "some one"})
# "somebody", "some one": a particular person the text may go on about
REFERABLE_PREFIX = "some"

Ranked = dict[int, list[tuple[int, float]]]


def _phrase(text: str, row: tuple) -> str:
    return " ".join(text[row[0] : row[1]].lower().split())


def quantified_rows(text: str, rows: Sequence[tuple]) -> tuple[frozenset[int], frozenset[int]]:
    """Indices of the quantified mentions, and of those nothing may refer back to."""
    found = {i for i, row in enumerate(rows) if _phrase(text, row) in QUANTIFIED_PERSONS}
    unreferable = {i for i in found if not _phrase(text, rows[i]).startswith(REFERABLE_PREFIX)}
    return frozenset(found), frozenset(unreferable)


def without_quantified(
    kept: Ranked, anaphors: frozenset[int], unreferable: frozenset[int]
) -> Ranked:
    """``kept`` candidates without those of ``anaphors`` (they start entities) and without
    ``unreferable`` antecedents."""
    return {
        i: [] if i in anaphors else [(j, s) for j, s in cands if j not in unreferable]
        for i, cands in kept.items()
    }
