"""Where each character is referred to: names, resolved pronouns, and speech quotes.

Reads the upstream layers: ``mentions`` (attr ``character``), ``coref`` (attr ``character``)
and ``quotes`` (``speaker``, ``addressee``, ``speech``). When no coref stage has run, third
person pronouns go to the nearest salient character of the same gender (the last one named
or speaking), and inside a speech quote "I/me/my" go to the speaker and "you/your" to the
addressee. In a scene with a focal character (``scenes`` layer, attr ``focal``), that
character is the default for pronouns of their gender unless another was named just before,
and in first-person scenes (attr ``person``) "I/me/my" in narration are that character.
Everything is a single left-to-right pass.

:func:`convention_pronouns` is that same fallback run as a reader would, independently of the
coref and speaker models: names in narration and the focal character (of the scene, or of
the stretch of a head-hopping scene, attr ``focal_runs``) and the character the scene names
most (:class:`ficlens.pov.cues.SubjectResolver`) decide, quote speakers do not.
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
from ficlens.pov.cues import SubjectResolver
from ficlens.pov.regions import Intervals, quote_parts

CACHE_KEY = "relations.references"
GRAMMAR_KEY = "relations.grammar"
GENDERS_KEY = "relations.genders"
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
# "he kissed him": an object this close after its clause's subject, with no punctuation
# between, cannot be that subject (binding principle B); "she didn't need to thank him for
# letting her go" is another clause, and "she rested her palm" a possessive.
_SAME_CLAUSE = re.compile(r"\s+(?:[\w'’]+\s+){1,3}$")
_BARE_OBJECT = re.compile(r"^\s*(?:[.,;:!?\"”)\n]|$|(?:and|or|but|as|to|in|on|at|with|for)\b)")
RECENT_NAME = 250  # chars: a name this close outranks the focal character for a pronoun
HALF_LIFE = 2000  # chars over which a reference's salience halves
FORGET_AFTER = 6 * 2000  # chars: a character unmentioned this long is no longer a candidate
MAX_CANDIDATES = 8
PRONOUN_WEIGHT = 0.5  # a resolved pronoun keeps its character in mind, less than a name
RECALLED_WEIGHT = 0.5  # a name in a past-perfect (backstory) sentence


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
    cached = work.cache.get(GENDERS_KEY)
    if cached is not None:
        return cached
    found = {cid: normalise_gender(c.get("gender")) for cid, c in characters(work).items()}
    work.cache[GENDERS_KEY] = found
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
    """Finds the speech quote whose pieces hold an offset in O(log n): the narration between
    the pieces of a split quote ("Yes," he said. "Go.") belongs to no quote."""

    def __init__(self, quotes: list[Span]) -> None:
        self.quotes = quotes
        pieces = sorted(
            (start, end, i) for i, q in enumerate(quotes) for start, end in quote_parts(q)
        )
        self.starts = [start for start, _, _ in pieces]
        self.pieces = pieces

    def at(self, offset: int) -> Span | None:
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.pieces[i][1]:
            return self.quotes[self.pieces[i][2]]
        return None


def references(work: Work) -> list[Ref]:
    """Every reference to a character, sorted by offset (cached per work)."""
    cached = work.cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    refs = named_references(work)
    if work.has("coref"):
        refs += [
            Ref(c.start, c.end, str(c["character"]), "pronoun")
            for c in work.layer("coref")
            if c.get("character") is not None
        ]
    else:
        refs += _salience_pronouns(work, refs, speech_quotes(work), by_speakers=True)
    refs.sort(key=lambda r: (r.start, r.end))
    work.cache[CACHE_KEY] = refs
    return refs


def named_references(work: Work) -> list[Ref]:
    """References by name: the ``mentions`` layer, for characters of the table."""
    known = characters(work)
    return [
        Ref(m.start, m.end, str(m["character"]), "name")
        for m in work.layer("mentions")
        if m.get("character") is not None and str(m["character"]) in known
    ]


def convention_pronouns(work: Work) -> list[Ref]:
    """Third-person pronouns, and "I" in first-person narration, resolved by the reading
    convention alone (see the module docstring); "I" and "you" inside quotes are left to
    :func:`quote_person_pronouns`."""
    names = named_references(work)
    return _salience_pronouns(work, names, speech_quotes(work), by_speakers=False, in_quote=False)


def quote_person_pronouns(work: Work, quotes: list[Span]) -> list[Ref]:
    """ "I" and "you" inside each quote's pieces: its speaker and its addressee."""
    out = []
    for quote in quotes:
        for start, end in quote_parts(quote):
            for match in _PRONOUN.finditer(work.text, start, end):
                target = _in_quote_target(match.group().lower(), quote)
                if target:
                    out.append(Ref(match.start(), match.end(), str(target), "pronoun"))
    return out


def _salience_pronouns(
    work: Work,
    names: list[Ref],
    quote_spans: list[Span],
    by_speakers: bool,
    in_quote: bool = True,
) -> list[Ref]:
    """Fallback resolution when no coref layer exists (see the module docstring)."""
    gender_of = genders(work)
    quotes = QuoteIndex(quote_spans)
    focal_at = focal_lookup(work)
    leader_at = _leader_lookup(work)
    scene_at = _scene_lookup(work)
    speakers = (
        [(q.start, str(q["speaker"])) for q in quote_spans if q.get("speaker")]
        if by_speakers
        else []
    )
    events = sorted([(r.start, r.character) for r in names] + speakers)
    # Narration pronouns look only at names in narration and at speakers: a name said in
    # dialogue ("Nathan and Haley are great") does not put that person on stage.
    in_dialogue = [quotes.at(offset) is not None for offset, _ in events]
    # A name in a past-perfect sentence ("Years ago Sam had driven them") recalls someone
    # rather than putting them on stage: it weighs half and is no "just named" candidate.
    grammar = _grammar(work)
    narration, anywhere = _Salience(gender_of), _Salience(gender_of)
    # (gender, end offset, character) of the last "he" / "she": the subject of the clause
    subject: tuple[str, int, str] | None = None
    out: list[Ref] = []
    e = 0
    text = work.text
    for match in _PRONOUN.finditer(text):
        while e < len(events) and events[e][0] < match.start():
            offset, character = events[e]
            anywhere.add(character, offset)
            if not in_dialogue[e]:
                narration.add(
                    character, offset, RECALLED_WEIGHT if offset in grammar.past_perfect else 1.0
                )
            e += 1
        word = match.group().lower()
        quote = quotes.at(match.start())
        target = _in_quote_target(word, quote) if in_quote else None
        if quote is None and word in _FIRST_PERSON:
            target = _narrator(scene_at(match.start()))
        if target is None and word in _PRONOUN_GENDER:
            gender = _PRONOUN_GENDER[word]
            salience = narration if quote is None else anywhere
            defaults = [focal_at(match.start()), leader_at(gender, match.start())]
            fitting = [c for c in defaults if c and gender_of.get(c) == gender]
            ranked = salience.ranked(gender, fitting, match.start())
            same = subject[1:] if subject and subject[0] == gender else None
            is_object = _clause_object(text, match, same, grammar.possessive)
            target = _salient(ranked, is_object, same)
            if target and word in ("he", "she"):
                subject = (gender, match.end(), target)
            if target:
                salience.add(target, match.start(), PRONOUN_WEIGHT)
        if target:
            out.append(Ref(match.start(), match.end(), str(target), "pronoun"))
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

    def ranked(self, gender: str, defaults: list[str], offset: int) -> list[str]:
        """Candidates of ``gender``: one named in the last ``RECENT_NAME`` chars, then the
        scene's ``defaults`` (its focal character, the default "she" of a third-limited
        scene, then its most named one), then by salience."""
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
        return list(dict.fromkeys([*fresh, *defaults, *rest]))


def _scene_lookup(work: Work) -> Callable[[int], Span | None]:
    """``scene_at(offset)``: the scene (from the ``scenes`` layer) holding an offset."""
    scenes = work.layer("scenes")
    starts = [s.start for s in scenes]

    def scene_at(offset: int) -> Span | None:
        i = bisect_right(starts, offset) - 1
        return scenes[i] if i >= 0 and offset < scenes[i].end else None

    return scene_at


def _leader_lookup(work: Work) -> Callable[[str, int], str | None]:
    """``leader_at(gender, offset)``: the character of that gender the scene holding the
    offset names most (dialogue included, the whole story's names weighing in), as the pov
    stage picks a scene's default "he" and "she"."""
    scenes = [(s.start, s.end) for s in work.layer("scenes")] or [(0, len(work.text))]
    resolver = SubjectResolver(work, scenes)
    code = {"M": "m", "F": "f"}

    def leader_at(gender: str, offset: int) -> str | None:
        default = resolver.default_for(code[gender], offset)
        return default.character if default is not None else None

    return leader_at


def focal_lookup(work: Work) -> Callable[[int], str | None]:
    """``focal_at(offset)``: the scene's focal character, or in a scene that hops heads the
    focal character of the stretch (``focal_runs``) holding the offset."""
    stretches: list[tuple[int, int, str]] = []
    for scene in work.layer("scenes"):
        if scene.get("focal"):
            stretches.append((scene.start, scene.end, str(scene["focal"])))
            continue
        for run in scene.get("focal_runs") or []:
            if run.get("focal"):
                stretches.append((int(run["start"]), int(run["end"]), str(run["focal"])))
    stretches.sort()
    starts = [s for s, _, _ in stretches]

    def focal_at(offset: int) -> str | None:
        i = bisect_right(starts, offset) - 1
        return stretches[i][2] if i >= 0 and offset < stretches[i][1] else None

    return focal_at


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


@dataclass(frozen=True, slots=True)
class _Grammar:
    """What the parse says that the resolution needs: sentences whose main verb is past
    perfect ("had driven"), and the offsets of possessive pronouns ("her palm"); None
    without a parse."""

    past_perfect: Intervals
    possessive: set[int] | None


def _grammar(work: Work) -> _Grammar:
    cached = work.cache.get(GRAMMAR_KEY)
    if cached is not None:
        return cached
    tokens = work.layer("tokens")
    sentences = work.layer("sentences")
    perfect: set[int] = set()
    possessive: set[int] = set()
    for tok in tokens:
        attrs = tok.attrs  # plain dict reads: this loop sees every token of the story
        tag = attrs.get("tag")
        if tag == "PRP$":
            possessive.add(tok.start)
        elif tag == "VBD" and attrs.get("dep") == "aux" and _had_main_verb(tok, tokens):
            perfect.add(attrs.get("sent"))
    found = _Grammar(
        Intervals(
            (sentences[i].start, sentences[i].end)
            for i in perfect
            if isinstance(i, int) and 0 <= i < len(sentences)
        ),
        possessive if tokens else None,
    )
    work.cache[GRAMMAR_KEY] = found
    return found


def _had_main_verb(tok: Span, tokens: list[Span]) -> bool:
    """'had' as the auxiliary of its sentence's main verb."""
    head = tok.get("head")
    return (
        str(tok.get("lemma")).lower() == "have"
        and isinstance(head, int)
        and 0 <= head < len(tokens)
        and tokens[head].get("dep") == "ROOT"
    )


def _clause_object(
    text: str,
    match: re.Match[str],
    subject: tuple[int, str] | None,
    possessive: set[int] | None,
) -> bool:
    """Whether the pronoun is the object of the clause whose subject is ``subject``."""
    word = match.group().lower()
    if subject is None or word not in _OBJECT_FORMS:
        return False
    if word == "her":
        tagged_possessive = possessive is not None and match.start() in possessive
        if tagged_possessive or (
            possessive is None and not _BARE_OBJECT.match(text[match.end() : match.end() + 12])
        ):
            return False
    return _SAME_CLAUSE.match(text, subject[0], match.start()) is not None


def _salient(order: list[str], is_object: bool, subject: tuple[int, str] | None) -> str | None:
    """The first-ranked candidate; for the object of a clause whose subject named that
    candidate, the next one (so "he kissed him" names two people)."""
    if not order:
        return None
    if is_object and subject is not None and subject[1] == order[0] and len(order) > 1:
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
