"""What the relations stage counts with: every reference to a character and every speech
quote with its speaker and addressee, as the upstream stages decided them (names from
``mentions``, pronouns from the ``referents`` layer coreference publishes, speakers from
``quotes``)."""

from __future__ import annotations

from dataclasses import dataclass

from ficlens.coref.readings import Ref, read_references, speech_quotes
from ficlens.document import Span, Work


@dataclass(frozen=True, slots=True)
class Reading:
    refs: list[Ref]  # sorted by offset
    quotes: list[Span]  # speech quotes


def reading_of(work: Work) -> Reading:
    return Reading(read_references(work), speech_quotes(work))
