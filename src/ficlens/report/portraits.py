"""Character portraits for the reports: the ``portraits`` layer counted per character and role.

The terminal summary, the HTML cards and the BookNLP ``.book`` export all read this one
summary. "Top" words leave out spaCy's English stop words (``be``, ``have``, ``say``, ``get``
...), which every character does and which say nothing about any one of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ficlens.document import Span, Work

ROLES = ("agent", "patient", "mod", "poss")
ROLE_TITLES = {
    "agent": "What they do",
    "patient": "What is done to them",
    "mod": "How they are described",
    "poss": "What they have",
}


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, imported when a portrait is first summarised: importing
    them imports spaCy, half a second of ``ficlens serve``'s start otherwise."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@dataclass
class Portrait:
    character: str
    entries: dict[str, list[Span]] = field(default_factory=lambda: {r: [] for r in ROLES})

    def counts(self, role: str) -> Counter:
        return Counter(str(s.get("lemma")) for s in self.entries[role])

    def top(self, role: str, limit: int) -> list[tuple[str, int]]:
        """The most frequent telling words of ``role``: stop words only if nothing else."""
        counts = self.counts(role)
        telling = [(w, n) for w, n in counts.most_common() if w not in _stop_words()]
        return (telling or counts.most_common())[:limit]

    def examples(self, role: str, word: str, limit: int) -> list[Span]:
        return [s for s in self.entries[role] if s.get("lemma") == word][:limit]

    @property
    def size(self) -> int:
        return sum(len(spans) for spans in self.entries.values())


def portraits(work: Work) -> dict[str, Portrait]:
    """Each character's portrait, keyed by character id, in the layer's text order."""
    found: dict[str, Portrait] = {}
    for span in work.layer("portraits"):
        role = str(span.get("role"))
        if role not in ROLES:
            continue
        character = str(span.get("character"))
        found.setdefault(character, Portrait(character)).entries[role].append(span)
    return found


class Sentences:
    """The sentence around a word, for showing the line a portrait entry comes from."""

    def __init__(self, work: Work) -> None:
        self.view = work.view("sentences")

    def around(self, span: Span) -> tuple[int, int]:
        sentence = self.view.at(span.start)
        if sentence is not None and sentence.end >= span.end:
            return sentence.start, sentence.end
        return span.start, span.end
