"""What the coref stage's passes share: the roles of mentions and the state of one resolution."""

from __future__ import annotations

from dataclasses import dataclass, field

from ficlens.coref.mentions import MentionTable
from ficlens.document import Work
from ficlens.lexicon import cast_of

PRONOUN, NOMINAL_ROLE, NAME = "pronoun", "nominal", "name"


@dataclass
class Resolution:
    """One resolution: mentions, their table, fixed labels and ranked candidates, and the
    entity label of each mention (the nominal relinking updates ``kept`` and ``labels``)."""

    rows: list[tuple]
    roles: list[str]
    table: MentionTable
    fixed: list[str | None]
    from_quotes: dict[int, float]
    ranked: dict[int, list[tuple[int, float]]]
    shares: dict[int, dict[int, float]]
    kept: dict[int, list[tuple[int, float]]]
    forbidden: dict[int, list[int]]
    repeats: dict[int, int]
    genders: dict[str, str | None]
    labels: list[str]
    # mentions that take no antecedent, and those nothing may refer back to
    unlinked: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())
    # the speaker of the quote around each third-person pronoun in one
    speaking: dict[int, frozenset[str]] = field(default_factory=dict)


def character_genders(work: Work) -> dict[str, str | None]:
    """'m' / 'f' / None per character id, from the characters table."""
    return {c.id: c.gender.code or None for c in cast_of(work)}
