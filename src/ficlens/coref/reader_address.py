"""The narration's "you": the reader addressed ("you may imagine") or anyone at all ("you
never can tell"), not a character.

Outside quotes, "you" names no one the story follows, so each one is an entity of its own:
it takes no antecedent and nothing refers back to it (in LitBank's training documents more
than half of them start an entity). A story told in the second person is the exception: there
"you" is the protagonist, and the narration's you-forms are a large share of its pronouns.
"""

from __future__ import annotations

import numpy as np

from ficlens.coref.config import tunables
from ficlens.coref.mentions import PRON, MentionTable


def reader_you_rows(table: MentionTable) -> frozenset[int]:
    """Indices of the narration's "you"s that address the reader (or anyone)."""
    narration = (table.kind == PRON) & (table.quote < 0)
    you = narration & (table.person == 2)
    if you.sum() >= tunables().second_person_share * narration.sum():
        return frozenset()
    return frozenset(np.flatnonzero(you).tolist())


def second_person_reader(characters: list[dict]) -> str | None:
    """The id of the reader-insert's Reader, the character the narration's "you" is (the
    characters stage flags them narrator with person 2), or None."""
    for row in characters:
        if row.get("narrator") and row.get("person") == 2:
            return str(row["id"])
    return None
