"""The interaction network: who speaks to whom, turn exchanges, shared scenes, mentions.

Counts per unordered pair of character ids (sorted tuple):

* ``lines``: speech quotes whose speaker and addressee are the pair, either way;
* ``exchanges``: turn pairs, a line by one followed directly by a line by the other in the
  same scene (a reply);
* ``co_scenes``: scenes where both are referred to or speak;
* ``mentions``: one named inside the other's speech, plus narration sentences that refer
  to both (names or resolved pronouns).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from ficlens.document import Span, Work
from ficlens.relations.references import (
    QuoteIndex,
    Ref,
    references,
    refs_per_span,
    scene_segments,
    speech_quotes,
)

Pair = tuple[str, str]
REPLY_GAP = 1500  # chars: a line further than this from the last one is not a reply to it


def pair_of(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


@dataclass
class Interactions:
    lines: Counter[Pair] = field(default_factory=Counter)
    exchanges: Counter[Pair] = field(default_factory=Counter)
    co_scenes: Counter[Pair] = field(default_factory=Counter)
    mentions: Counter[Pair] = field(default_factory=Counter)

    def pairs(self) -> set[Pair]:
        return set(self.lines) | set(self.exchanges) | set(self.co_scenes) | set(self.mentions)

    def strength(self, pair: Pair) -> float:
        """One number for how much a pair interacts (replies count most)."""
        return (
            self.exchanges[pair]
            + 0.5 * self.lines[pair]
            + 0.5 * self.mentions[pair]
            + 0.5 * self.co_scenes[pair]
        )


def count_interactions(work: Work, sentences: list[tuple[int, int]]) -> Interactions:
    found = Interactions()
    quotes = speech_quotes(work)
    refs = references(work)
    _count_lines(quotes, found)
    scenes = scene_segments(work)
    _count_exchanges(quotes, scenes, found)
    _count_co_scenes(quotes, refs, scenes, found)
    _count_mentions(quotes, refs, sentences, found)
    return found


def _count_lines(quotes: list[Span], found: Interactions) -> None:
    for q in quotes:
        speaker, addressee = q.get("speaker"), q.get("addressee")
        if speaker and addressee and speaker != addressee:
            found.lines[pair_of(str(speaker), str(addressee))] += 1


def _scene_number(scene_starts: list[int], offset: int) -> int:
    return bisect_right(scene_starts, offset)


def _count_exchanges(
    quotes: list[Span], scenes: list[tuple[int, int]], found: Interactions
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
            and q.start - previous.end <= REPLY_GAP
            and _scene_number(scene_starts, q.start) == _scene_number(scene_starts, previous.start)
        ):
            found.exchanges[pair_of(str(previous["speaker"]), str(speaker))] += 1
        previous = q


def _count_co_scenes(
    quotes: list[Span], refs: list[Ref], scenes: list[tuple[int, int]], found: Interactions
) -> None:
    speakers = [(q.start, q.end, str(q["speaker"])) for q in quotes if q.get("speaker")]
    speaker_refs = [Ref(s, e, c, "speaker") for s, e, c in speakers]
    merged = sorted(refs + speaker_refs, key=lambda r: (r.start, r.end))
    for inside in refs_per_span(merged, scenes):
        present = sorted({r.character for r in inside})
        for a, b in combinations(present, 2):
            found.co_scenes[(a, b)] += 1


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
