"""The typed, read-only view of the ``characters`` table: :class:`CharacterRecord`.

The characters stage writes the table as JSON-ready dicts; every later stage reads it
through :func:`cast_of` (or :func:`cast_by_id`), so no stage parses a gender or an alias
list itself. Records are frozen: a stage that decides something new about a character
publishes it in a layer, it does not edit the record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ficlens.lexicon.gender import Gender, parse_gender

__all__ = ["CharacterRecord", "cast_by_id", "cast_of", "record_of"]


@dataclass(frozen=True, slots=True)
class CharacterRecord:
    """One row of the ``characters`` table."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    gender: Gender = Gender.UNKNOWN
    gender_confidence: float = 0.0
    kind: str = "named"  # named / nominal / narrator
    narrator: bool = False  # tells the story in the first person
    mentions: int = 0
    on_stage: bool = True
    person: int = 1  # the narrator's grammatical person: 2 for a second-person reader
    narrates: tuple[tuple[int, int], ...] = ()  # stretches told in their person; () = all

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias, the name first."""
        return (self.name, *(a for a in self.aliases if a != self.name))


def record_of(row: Mapping[str, Any]) -> CharacterRecord:
    """A record from one table row (a gold table's row with 'male'/None genders too)."""
    aliases = row.get("aliases") or ()
    return CharacterRecord(
        id=str(row["id"]),
        name=str(row.get("name") or ""),
        aliases=tuple(str(a) for a in aliases),
        gender=parse_gender(row.get("gender")),
        gender_confidence=float(row.get("gender_confidence") or 0.0),
        kind=str(row.get("kind") or "named"),
        narrator=bool(row.get("narrator", False)),
        mentions=int(row.get("mentions") or 0),
        on_stage=bool(row.get("on_stage", True)),
        person=int(row.get("person") or 1),
        narrates=tuple((int(s), int(e)) for s, e in row.get("narrates") or ()),
    )


def cast_of(source: Any) -> tuple[CharacterRecord, ...]:
    """Records for the rows of a ``characters`` table, given the table itself or a Work
    holding one (rows without an id are skipped; no table gives no records)."""
    table: Iterable[Mapping[str, Any]] | None = (
        source.tables.get("characters") if hasattr(source, "tables") else source
    )
    return tuple(record_of(row) for row in table or () if "id" in row)


def cast_by_id(source: Any) -> dict[str, CharacterRecord]:
    """Records by character id, in table order (``source`` as for :func:`cast_of`)."""
    return {record.id: record for record in cast_of(source)}
