"""The two readings of who is who that the relations stage counts with.

Everything the stage counts rests on two noisy decisions made upstream: which character a
pronoun is and who says a quote. Coreference publishes two readings of them (stage
``referents``, :mod:`ficlens.coref.readings`): the models' (``upstream``) and a reader's
convention (``convention``). The stage counts every piece of evidence in both and keeps the
mean, so that where the two disagree each counts half and neither decides alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ficlens.coref.readings import READINGS, Ref, read_references, reading_quotes
from ficlens.document import Span, Work


@dataclass(frozen=True, slots=True)
class Reading:
    name: str
    refs: list[Ref]  # sorted by offset
    quotes: list[Span]  # speech quotes, with this reading's speaker and addressee


def both_readings(work: Work) -> list[Reading]:
    """The upstream and the convention reading, from the ``referents`` and
    ``quote_readings`` layers."""
    return [Reading(name, read_references(work, name), reading_quotes(work, name))
            for name in READINGS]
