"""The character mentions attribution reads, indexed by offset, character and paragraph.

Every query a quotation makes (who is named in this stretch, the last time a character
was named, who acts as a subject in this paragraph) is a binary search over positions
computed once per story, so a quotation costs the same in a paragraph of a hundred
kilobytes as in one of a line.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ficlens.document import LayerView, Span
from ficlens.quotes.tags import SUBJECT_DEPS, tokens_within


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    character: str
    paragraph: int
    in_quote: int  # index of the quotation holding it, -1 in narration
    subject: bool = False  # subject of a verb in narration
    backstory: bool = False  # in a past-perfect clause ("Haley had nodded")
    kin: bool = False  # "her father" in the narration, not a name


# Below this many mentions a stretch is read mention by mention; above it, character by
# character through their own positions (the same answer, in time that does not grow
# with the stretch).
_SCAN_LIMIT = 64


def _positions_by_character(mentions: list[Mention], keep=lambda m: True) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for k, m in enumerate(mentions):
        if keep(m):
            found[m.character].append(k)
    return dict(found)


def _count(positions: list[int], lo: int, hi: int) -> int:
    """How many of the sorted ``positions`` lie in [lo, hi)."""
    return bisect.bisect_left(positions, hi) - bisect.bisect_left(positions, lo)


def _last_below(positions: list[int], lo: int, hi: int) -> int:
    """The greatest of the sorted ``positions`` in [lo, hi), or -1."""
    k = bisect.bisect_left(positions, hi) - 1
    return positions[k] if k >= 0 and positions[k] >= lo else -1


def _first_from(positions: list[int], lo: int, hi: int) -> int:
    """The least of the sorted ``positions`` in [lo, hi), or -1."""
    k = bisect.bisect_left(positions, lo)
    return positions[k] if k < len(positions) and positions[k] < hi else -1


class MentionList:
    """Mentions sorted by start, with each character's positions in the list."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.view = LayerView(mentions)
        self.by_character = _positions_by_character(mentions)
        self.subjects_by_character = _positions_by_character(mentions, lambda m: m.subject)

    def __len__(self) -> int:
        return len(self.mentions)

    def position(self, offset: int) -> int:
        """The position of the first mention starting at or after ``offset``."""
        return self.view.first_from(offset)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Positions [lo, hi) of the mentions starting in [start, end)."""
        return self.position(start), self.position(end)

    def between(self, start: int, end: int) -> list[Mention]:
        return self.view.between(start, end)

    def count(self, character: str, lo: int, hi: int) -> int:
        return _count(self.by_character.get(character, []), lo, hi)

    def has_subject(self, character: str, lo: int, hi: int) -> bool:
        return _count(self.subjects_by_character.get(character, []), lo, hi) > 0

    def subject_ending_by(self, character: str, lo: int, hi: int, offset: int) -> bool:
        """Whether a subject mention of ``character`` at positions [lo, hi) ends by
        ``offset``."""
        positions = self.subjects_by_character.get(character, [])
        k = bisect.bisect_left(positions, hi) - 1
        while k >= 0 and positions[k] >= lo:
            if self.mentions[positions[k]].end <= offset:
                return True
            k -= 1
        return False

    def last_of(self, character: str, lo: int, hi: int) -> Mention | None:
        k = _last_below(self.by_character.get(character, []), lo, hi)
        return self.mentions[k] if k >= 0 else None

    def first_of(self, character: str, lo: int, hi: int) -> Mention | None:
        k = _first_from(self.by_character.get(character, []), lo, hi)
        return self.mentions[k] if k >= 0 else None

    def first_appearances(self, lo: int, hi: int) -> list[str]:
        """The characters of positions [lo, hi), in the order they first appear."""
        if hi - lo <= max(_SCAN_LIMIT, 4 * len(self.by_character)):
            return list(dict.fromkeys(m.character for m in self.mentions[lo:hi]))
        first = {c: _first_from(ks, lo, hi) for c, ks in self.by_character.items()}
        return sorted((c for c, k in first.items() if k >= 0), key=first.__getitem__)

    def latest_appearances(self, lo: int, hi: int, limit: int) -> list[str]:
        """Up to ``limit`` characters of positions [lo, hi), the last named first."""
        found: dict[str, None] = {}
        for k in range(hi - 1, max(lo, hi - _SCAN_LIMIT) - 1, -1):
            found.setdefault(self.mentions[k].character)
            if len(found) >= limit:
                return list(found)
        if hi - lo <= _SCAN_LIMIT:
            return list(found)
        last = {c: _last_below(ks, lo, hi) for c, ks in self.by_character.items()}
        return sorted((c for c, k in last.items() if k >= 0), key=lambda c: -last[c])[:limit]

    def positions_where(self, keep: Callable[[Mention], bool]) -> list[int]:
        return [k for k, m in enumerate(self.mentions) if keep(m)]


def last_position(positions: list[int], lo: int, hi: int) -> int:
    """The greatest of the sorted ``positions`` in [lo, hi), or -1."""
    return _last_below(positions, lo, hi)


def pluperfect_verbs(tokens: list[Span]) -> set[int]:
    """Token indices of verbs in the past perfect ("had nodded") and of verbs conjoined to
    one ("..., Haley threw him a look"): narration of what happened before the scene, whose
    actors need not be on stage."""
    found: set[int] = set()
    for tok in tokens:
        attrs = tok.attrs  # read directly: this runs over every token of the story
        head = attrs["head"]
        if (attrs["dep"] == "aux" and attrs["lemma"] == "have" and attrs["tag"] == "VBD"
                and 0 <= head < len(tokens) and tokens[head]["tag"] == "VBN"):
            found.add(head)
    # "Brooke had nodded, Haley threw him a look": the parser often hangs the first clause
    # of such a list on the next as a complement; the list keeps its tense.
    for i in sorted(found):
        head = tokens[i]["head"]
        if (tokens[i]["dep"] in ("ccomp", "parataxis") and i < head < len(tokens)
                and tokens[head]["tag"] == "VBD"):
            found.add(head)
    for i, tok in enumerate(tokens):
        attrs = tok.attrs
        if attrs["dep"] == "conj" and attrs["head"] in found and attrs["tag"] in ("VBD", "VBN"):
            found.add(i)
    return found


def _clause_verb(tokens: list[Span], i: int, reach: int = 6) -> int:
    """The verb whose clause token ``i`` belongs to (up the dependency heads), or -1."""
    for _step in range(reach):
        if tokens[i]["pos"] in ("VERB", "AUX"):
            return i
        head = tokens[i]["head"]
        if head == i or not 0 <= head < len(tokens):
            return -1
        i = head
    return -1


class MentionMaker:
    """Turns a character's span into a Mention: its paragraph, the quotation holding it,
    and in the narration whether it is a subject and whether it is backstory."""

    def __init__(
        self, tokens: LayerView, quote_at: Callable[[int], int],
        paragraph_of: Callable[[int], int],
    ) -> None:
        self.tokens = tokens
        self.quote_at = quote_at
        self.paragraph_of = paragraph_of

    @cached_property
    def _backstory_verbs(self) -> set[int]:
        return pluperfect_verbs(self.tokens.spans)

    def make(self, start: int, end: int, character: str, kin: bool = False) -> Mention:
        in_quote = self.quote_at(start)
        subject = backstory = False
        if in_quote < 0:
            tokens = self.tokens.spans
            inside = tokens_within(self.tokens, start, end)
            subject = any(tokens[i]["dep"] in SUBJECT_DEPS for i in inside)
            backstory = bool(inside) and _clause_verb(tokens, inside[-1]) in (
                self._backstory_verbs)
        return Mention(start, end, character, self.paragraph_of(start), in_quote, subject,
                       backstory, kin)

    def from_layer(self, layer: list[Span]) -> list[Mention]:
        """The spans of the ``mentions`` layer that name a character."""
        return [self.make(span.start, span.end, span.get("character"))
                for span in layer if span.get("character") is not None]
