"""Where each character is referred to: names, resolved pronouns, and speech quotes.

Reads the upstream layers: ``mentions`` (attr ``character``), ``coref`` (attr ``character``)
and ``quotes`` (``speaker``, ``addressee``, ``speech``). When no coref stage has run, third
person pronouns go to the nearest salient character of the same gender (the last one named
or speaking), and inside a speech quote "I/me/my" go to the speaker and "you/your" to the
addressee. In a scene with a focal character (``scenes`` layer, attr ``focal``), that
character is the default for pronouns of their gender unless another was named just before,
and in first-person scenes (attr ``person``) "I/me/my" in narration are that character.
Everything is a single left-to-right pass.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ficlens.document import Span, Work

CACHE_KEY = "relations.references"
_PRONOUN = re.compile(
    r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself|[Ss]he|[Hh]er|[Hh]ers|[Hh]erself"
    r"|I|[Mm]e|[Mm]y|[Mm]yself|[Yy]ou|[Yy]our|[Yy]ourself)\b"
)
_PRONOUN_GENDER = {
    "he": "M", "him": "M", "his": "M", "himself": "M",
    "she": "F", "her": "F", "hers": "F", "herself": "F",
}  # fmt: skip
_FIRST_PERSON = frozenset({"i", "me", "my", "myself"})
_SECOND_PERSON = frozenset({"you", "your", "yourself"})
_OBJECT_FORMS = frozenset({"him", "her"})
_SENTENCE_END = re.compile(r"[.!?\n]")
RECENT_NAME = 250  # chars: a name this close outranks the focal character for a pronoun
HALF_LIFE = 2000  # chars over which a reference's salience halves
FORGET_AFTER = 6 * 2000  # chars: a character unmentioned this long is no longer a candidate
MAX_CANDIDATES = 8
PRONOUN_WEIGHT = 0.5  # a resolved pronoun keeps its character in mind, less than a name


@dataclass(frozen=True, slots=True)
class Ref:
    """One reference to a character: ``kind`` is ``name`` (mentions layer) or ``pronoun``."""

    start: int
    end: int
    character: str
    kind: str


def normalise_gender(value: Any) -> str | None:
    """'M', 'F' or None from whatever the characters table says (male, f, he/him...)."""
    if not isinstance(value, str) or not value:
        return None
    word = value.strip().lower()
    if word.startswith(("f", "she", "w")):
        return "F"
    if word.startswith(("m", "he")):
        return "M"
    return None


def characters(work: Work) -> dict[str, dict[str, Any]]:
    return {str(c["id"]): c for c in work.tables.get("characters", []) if "id" in c}


def genders(work: Work) -> dict[str, str | None]:
    """'M' / 'F' / None per character id; where the table says nothing, the pronouns the
    coref layer resolved to the character decide (at least 3, three quarters agreeing)."""
    found = {cid: normalise_gender(c.get("gender")) for cid, c in characters(work).items()}
    if all(found.values()):
        return found
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for span in work.layer("coref"):
        gender = _PRONOUN_GENDER.get(str(span.get("pronoun", "")).lower())
        if gender and span.get("character") is not None:
            votes[str(span["character"])][gender] += 1
    for cid, gender in found.items():
        if gender is None and votes[cid]:
            top, n = votes[cid].most_common(1)[0]
            if n >= 3 and n >= 0.75 * sum(votes[cid].values()):
                found[cid] = top
    return found


def speech_quotes(work: Work) -> list[Span]:
    return [q for q in work.layer("quotes") if q.get("speech", True)]


class QuoteIndex:
    """Finds the speech quote containing an offset in O(log n)."""

    def __init__(self, quotes: list[Span]) -> None:
        self.quotes = quotes
        self.starts = [q.start for q in quotes]

    def at(self, offset: int) -> Span | None:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None


def references(work: Work) -> list[Ref]:
    """Every reference to a character, sorted by offset (cached per work)."""
    cached = work.cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    known = characters(work)
    refs = [
        Ref(m.start, m.end, str(m["character"]), "name")
        for m in work.layer("mentions")
        if m.get("character") is not None and str(m["character"]) in known
    ]
    if work.has("coref"):
        refs += [
            Ref(c.start, c.end, str(c["character"]), "pronoun")
            for c in work.layer("coref")
            if c.get("character") is not None
        ]
    else:
        refs += _salience_pronouns(work, refs)
    refs.sort(key=lambda r: (r.start, r.end))
    work.cache[CACHE_KEY] = refs
    return refs


def _salience_pronouns(work: Work, names: list[Ref]) -> list[Ref]:
    """Fallback resolution when no coref layer exists (see the module docstring)."""
    gender_of = genders(work)
    quotes = QuoteIndex(speech_quotes(work))
    scene_at = _scene_lookup(work)
    speakers = [(q.start, str(q["speaker"])) for q in quotes.quotes if q.get("speaker")]
    events = sorted([(r.start, r.character) for r in names] + speakers)
    # Narration pronouns look only at names in narration and at speakers: a name said in
    # dialogue ("Nathan and Haley are great") does not put that person on stage.
    in_dialogue = [quotes.at(offset) is not None for offset, _ in events]
    narration, anywhere = _Salience(gender_of), _Salience(gender_of)
    subject_at: dict[str, tuple[int, str]] = {}  # gender -> (offset, char) of last he/she
    out: list[Ref] = []
    e = 0
    text = work.text
    for match in _PRONOUN.finditer(text):
        while e < len(events) and events[e][0] < match.start():
            offset, character = events[e]
            anywhere.add(character, offset)
            if not in_dialogue[e]:
                narration.add(character, offset)
            e += 1
        word = match.group().lower()
        quote = quotes.at(match.start())
        scene = scene_at(match.start())
        target = _in_quote_target(word, quote)
        if quote is None and word in _FIRST_PERSON:
            target = _narrator(scene)
        if target is None and word in _PRONOUN_GENDER:
            gender = _PRONOUN_GENDER[word]
            salience = narration if quote is None else anywhere
            pov = _focal(scene, gender, gender_of)
            ranked = salience.ranked(gender, pov, match.start())
            target = _salient(ranked, word, subject_at.get(gender), text, match.start())
            if target and word in ("he", "she"):
                subject_at[gender] = (match.start(), target)
            if target:
                salience.add(target, match.start(), PRONOUN_WEIGHT)
        if target:
            out.append(Ref(match.start(), match.end(), target, "pronoun"))
    return out


class _Salience:
    """Who is on the reader's mind: each reference adds weight that halves every
    ``HALF_LIFE`` chars (recency and frequency together, after Lappin and Leass)."""

    def __init__(self, gender_of: dict[str, str | None]) -> None:
        self.gender_of = gender_of
        self.weight: dict[str, float] = {}
        self.seen: dict[str, int] = {}
        self.named: dict[str, int] = {}
        self.by_gender: dict[str | None, list[str]] = defaultdict(list)

    def add(self, character: str, offset: int, weight: float = 1.0) -> None:
        recency = self.by_gender[self.gender_of.get(character)]  # most recent first
        if character in self.seen:
            recency.remove(character)
        recency.insert(0, character)
        self.weight[character] = self.value(character, offset) + weight
        self.seen[character] = offset
        if weight >= 1.0:
            self.named[character] = offset

    def value(self, character: str, offset: int) -> float:
        if character not in self.weight:
            return 0.0
        return self.weight[character] * 0.5 ** ((offset - self.seen[character]) / HALF_LIFE)

    def ranked(self, gender: str, pov: str | None, offset: int) -> list[str]:
        """Candidates of ``gender``: one named in the last ``RECENT_NAME`` chars, then the
        scene's focal character (the default "she" of a third-limited scene), then by
        salience."""
        same = list(
            itertools.takewhile(
                lambda c: offset - self.seen[c] < FORGET_AFTER,
                self.by_gender[gender][:MAX_CANDIDATES],
            )
        )
        fresh = sorted(
            (c for c in same if offset - self.named.get(c, -RECENT_NAME) < RECENT_NAME),
            key=lambda c: -self.named[c],
        )
        rest = sorted(same, key=lambda c: -self.value(c, offset))
        return list(dict.fromkeys([*fresh, *([pov] if pov else []), *rest]))


def _scene_lookup(work: Work) -> Callable[[int], Span | None]:
    """``scene_at(offset)``: the scene (from the ``scenes`` layer) holding an offset."""
    scenes = work.layer("scenes")
    starts = [s.start for s in scenes]

    def scene_at(offset: int) -> Span | None:
        i = bisect_right(starts, offset) - 1
        return scenes[i] if i >= 0 and offset < scenes[i].end else None

    return scene_at


def _focal(scene: Span | None, gender: str, gender_of: dict[str, str | None]) -> str | None:
    """The scene's focal character when it has the pronoun's gender."""
    character = str(scene["focal"]) if scene is not None and scene.get("focal") else None
    return character if character and gender_of.get(character) == gender else None


def _narrator(scene: Span | None) -> str | None:
    """Who "I" is in first-person narration: the scene's focal character."""
    if scene is None or scene.get("person") != "first" or not scene.get("focal"):
        return None
    return str(scene["focal"])


def _in_quote_target(word: str, quote: Span | None) -> str | None:
    if quote is None:
        return None
    if word in _FIRST_PERSON:
        return quote.get("speaker")
    if word in _SECOND_PERSON:
        return quote.get("addressee")
    return None


def _salient(
    order: list[str], word: str, subject: tuple[int, str] | None, text: str, offset: int
) -> str | None:
    """The first-ranked candidate; for "him/her" after "he/she" in the same sentence naming
    that candidate, the next one (so "he kissed him" names two people)."""
    if not order:
        return None
    if (
        word in _OBJECT_FORMS
        and subject is not None
        and subject[1] == order[0]
        and len(order) > 1
        and not _SENTENCE_END.search(text, subject[0], offset)
    ):
        return order[1]
    return order[0]


def refs_per_span(refs: list[Ref], spans: Iterable[tuple[int, int]]) -> list[list[Ref]]:
    """The references lying inside each of the sorted ``spans``."""
    starts = [r.start for r in refs]
    out = []
    for start, end in spans:
        i = bisect_right(starts, start - 1)
        inside = []
        while i < len(refs) and refs[i].start < end:
            if refs[i].end <= end:
                inside.append(refs[i])
            i += 1
        out.append(inside)
    return out


def scene_segments(work: Work) -> list[tuple[int, int]]:
    """Scenes from the ``scenes`` layer, else text cut at scene breaks and chapters."""
    scenes = work.layer("scenes")
    if scenes:
        return [(s.start, s.end) for s in scenes]
    cuts = sorted({0, len(work.text)} | {
        offset
        for name in ("scene_breaks", "chapters")
        for span in work.layer(name)
        for offset in (span.start, span.end)
    })  # fmt: skip
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
