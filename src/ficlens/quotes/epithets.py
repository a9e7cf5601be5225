"""Descriptions used as speech-tag subjects ("the painter", "the old gentleman").

Two cheap signals tie a description to a character: its gender (a small lexicon of
gendered nouns) and where else the same noun turns up in the story, i.e. which character
was named just before each of its other occurrences (``Basil ... the painter``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from ficlens.document import LayerView

_WORD = re.compile(r"[A-Za-z]+")


def head_noun(phrase: str) -> str:
    words = _WORD.findall(phrase)
    return words[-1].lower() if words else ""


class EpithetIndex:
    """For a noun, how often each character was the last one named before it appeared."""

    REACH = 300  # characters back from an occurrence to the character it describes

    def __init__(self, text: str, narration_mentions) -> None:
        self.text = text
        lowered = text.lower()
        # str.find on a lower-cased copy is far cheaper than a case-blind regex per noun;
        # the copy is only usable when lower-casing kept every offset.
        self.lowered = lowered if len(lowered) == len(text) else None
        self.mentions = LayerView(narration_mentions)  # each with .start/.end/.character
        self.affinity = lru_cache(maxsize=512)(self._affinity)

    def _affinity(self, noun: str) -> dict[str, float]:
        if len(noun) < 3:
            return {}
        counts: Counter[str] = Counter()
        for start in self._occurrences(noun):
            k = self.mentions.first_from(start) - 1
            if k >= 0 and start - self.mentions[k].end <= self.REACH:
                counts[self.mentions[k].character] += 1
        total = sum(counts.values())
        return {c: n / total for c, n in counts.items()} if total else {}

    def _occurrences(self, noun: str) -> Iterator[int]:
        """Start offsets of ``noun`` as a whole word, in any case."""
        text = self.lowered
        if text is None:
            for match in re.finditer(rf"\b{re.escape(noun)}\b", self.text, re.IGNORECASE):
                yield match.start()
            return
        noun = noun.lower()
        i = text.find(noun)
        while i >= 0:
            end = i + len(noun)
            if not _is_word_char(text, i - 1) and not _is_word_char(text, end):
                yield i
            i = text.find(noun, i + 1)


def _is_word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")
