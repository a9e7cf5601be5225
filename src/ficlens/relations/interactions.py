"""The interaction network: who speaks to whom, turn exchanges, shared scenes, mentions.

Counts per unordered pair of character ids (sorted tuple):

* ``lines``: speech quotes whose speaker and addressee are the pair, either way;
* ``exchanges``: turn pairs, a line by one followed directly by a line by the other in the
  same scene (a reply);
* ``co_scenes``: scenes where both are referred to or speak;
* ``mentions``: one named inside the other's speech, plus narration sentences that refer
  to both (names or resolved pronouns);
* ``talk``: lines and replies again, each weighted by the confidence of its speaker
  attribution (a reply by the least sure of its two lines);
* ``together``: the length (chars) of the scenes they share, each scene weighted by the
  smaller of their two shares of its references, so a name dropped once in a backstory
  paragraph does not make a character a scene partner.

:func:`count_interactions` counts under a :class:`~readings.Reading`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from ficlens.coref.readings import QuoteIndex, Ref, refs_per_span
from ficlens.document import Span, Work
from ficlens.relations.readings import Reading

Pair = tuple[str, str]


def pair_of(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


@dataclass
class Interactions:
    lines: Counter[Pair] = field(default_factory=Counter)
    exchanges: Counter[Pair] = field(default_factory=Counter)
    co_scenes: Counter[Pair] = field(default_factory=Counter)
    mentions: Counter[Pair] = field(default_factory=Counter)
    talk: Counter[Pair] = field(default_factory=Counter)
    together: Counter[Pair] = field(default_factory=Counter)

    def pairs(self) -> set[Pair]:
        return set(self.lines) | set(self.exchanges) | set(self.co_scenes) | set(self.mentions)

    def counters(self) -> tuple[Counter[Pair], ...]:
        return (
            self.lines, self.exchanges, self.co_scenes, self.mentions, self.talk, self.together
        )  # fmt: skip

    def strength(self, pair: Pair) -> float:
        """One number for how much a pair interacts (replies count most)."""
        return (
            self.exchanges[pair]
            + 0.5 * self.lines[pair]
            + 0.5 * self.mentions[pair]
            + 0.5 * self.co_scenes[pair]
        )


def count_interactions(
    work: Work, sentences: list[tuple[int, int]], reading: Reading, reply_gap: int
) -> Interactions:
    found = Interactions()
    quotes, refs = reading.quotes, reading.refs
    _count_lines(quotes, found)
    scenes = scene_segments(work)
    _count_exchanges(quotes, scenes, found, reply_gap)
    _count_co_scenes(quotes, refs, scenes, found)
    _count_mentions(quotes, refs, sentences, found)
    return found


def attribution_confidence(quote: Span) -> float:
    value = quote.get("confidence")
    return float(value) if isinstance(value, int | float) else 1.0


def _count_lines(quotes: list[Span], found: Interactions) -> None:
    for q in quotes:
        speaker, addressee = q.get("speaker"), q.get("addressee")
        if speaker and addressee and speaker != addressee:
            pair = pair_of(str(speaker), str(addressee))
            found.lines[pair] += 1
            found.talk[pair] += attribution_confidence(q)


def _scene_number(scene_starts: list[int], offset: int) -> int:
    return bisect_right(scene_starts, offset)


def _count_exchanges(
    quotes: list[Span], scenes: list[tuple[int, int]], found: Interactions, reply_gap: int
) -> None:
    scene_starts = [s for s, _ in scenes]
    previous = None
    for q in quotes:
        speaker = q.get("speaker")
        if not speaker:
            previous = None
            continue
        if (
            previous is not None
            and previous.get("speaker") != speaker
            and q.start - previous.end <= reply_gap
            and _scene_number(scene_starts, q.start) == _scene_number(scene_starts, previous.start)
        ):
            pair = pair_of(str(previous["speaker"]), str(speaker))
            found.exchanges[pair] += 1
            found.talk[pair] += min(attribution_confidence(previous), attribution_confidence(q))
        previous = q


def _count_co_scenes(
    quotes: list[Span], refs: list[Ref], scenes: list[tuple[int, int]], found: Interactions
) -> None:
    speakers = [(q.start, q.end, str(q["speaker"])) for q in quotes if q.get("speaker")]
    speaker_refs = [Ref(s, e, c, "speaker") for s, e, c in speakers]
    merged = sorted(refs + speaker_refs, key=lambda r: (r.start, r.end))
    for (start, end), inside in zip(scenes, refs_per_span(merged, scenes), strict=True):
        share = Counter(r.character for r in inside)
        for a, b in combinations(sorted(share), 2):
            found.co_scenes[(a, b)] += 1
            found.together[(a, b)] += (end - start) * min(share[a], share[b]) / len(inside)


def _count_mentions(
    quotes: list[Span], refs: list[Ref], sentences: list[tuple[int, int]], found: Interactions
) -> None:
    index = QuoteIndex(quotes)
    for ref in refs:
        quote = index.at(ref.start)
        if ref.kind == "name" and quote is not None and quote.get("speaker"):
            speaker = str(quote["speaker"])
            if speaker != ref.character:
                found.mentions[pair_of(speaker, ref.character)] += 1
    narration = [s for s in sentences if index.at(s[0]) is None and index.at(s[1] - 1) is None]
    for inside in refs_per_span(refs, narration):
        for a, b in combinations(sorted({r.character for r in inside}), 2):
            found.mentions[(a, b)] += 1


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
