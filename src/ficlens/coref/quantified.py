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
# phrases a quantifier opens ("no man", "some of them", "every child"): never anaphoric in
# LitBank's training documents (0 of 240); the denying ones are not referred back to either
QUANTIFIERS = frozenset("no none every any some many several few most each".split())
DENYING = frozenset({"no", "none"})

Ranked = dict[int, list[tuple[int, float]]]


def _phrase(text: str, row: tuple) -> str:
    return " ".join(text[row[0] : row[1]].lower().split())


def quantified_rows(text: str, rows: Sequence[tuple]) -> tuple[frozenset[int], frozenset[int]]:
    """Indices of the quantified mentions, and of those nothing may refer back to."""
    phrases = [_phrase(text, row) for row in rows]
    persons = {i for i, phrase in enumerate(phrases) if phrase in QUANTIFIED_PERSONS}
    openers = {i: phrase.split()[0] for i, phrase in enumerate(phrases) if " " in phrase}
    quantified = {i for i, word in openers.items() if word in QUANTIFIERS}
    unreferable = {i for i in persons if not phrases[i].startswith(REFERABLE_PREFIX)}
    unreferable |= {i for i in quantified if openers[i] in DENYING}
    return frozenset(persons | quantified), frozenset(unreferable)


def without_quantified(
    kept: Ranked, anaphors: frozenset[int], unreferable: frozenset[int]
) -> Ranked:
    """``kept`` candidates without those of ``anaphors`` (they start entities) and without
    ``unreferable`` antecedents."""
    return {
        i: [] if i in anaphors else [(j, s) for j, s in cands if j not in unreferable]
        for i, cands in kept.items()
    }
