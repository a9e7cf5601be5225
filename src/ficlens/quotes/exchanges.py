"""Exchanges: runs of linked quotations, their turns, and who takes part in each.

Everything here is computed once per story (or once per exchange) and read by every
quotation's window.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from dataclasses import dataclass

from ficlens.quotes.config import tunables
from ficlens.quotes.context import StoryContext
from ficlens.quotes.conversation import NEXT, NO_LINK, links
from ficlens.quotes.reader import QuoteInfo
from ficlens.quotes.tags import pronoun_gender

MISSING = -1.0
NO_TURN = 99

_NO_QUOTE = QuoteInfo(quote=None, index=-1)  # type: ignore[arg-type]


@dataclass(slots=True)
class RunProfile:
    narration: Counter  # mentions in the narration between an exchange's quotations
    subjects: Counter  # ... as the subject of a verb
    tag_genders: Counter  # "m" / "f": how many of its pronoun tags say "he" / "she"
    vocatives: Counter  # characters its quotations address by name
    talked_about: Counter  # characters its quotations name but do not address

    def gender_share(self, gender: str) -> float:
        total = sum(self.tag_genders.values())
        if not total or not gender:
            return MISSING
        return self.tag_genders.get(gender, 0) / total


def turns_and_anchors(
    ctx: StoryContext,
) -> tuple[list[tuple[int, int]], dict[int, list[tuple[int, int, str]]]]:
    """Each quotation's exchange (a run of linked quotations) and turn in it (a new turn
    at each new paragraph), and per exchange the quotations a name tag attributes."""
    turns: list[tuple[int, int]] = []
    anchors: dict[int, list[tuple[int, int, str]]] = {}
    run = turn = 0
    for k, link in enumerate(links(ctx)):
        if link == NO_LINK:
            run, turn = k, 0
        elif link == NEXT:
            turn += 1
        turns.append((run, turn))
        info = ctx.infos[k]
        if info.rule_kind == "name" and info.rule_speaker is not None:
            anchors.setdefault(run, []).append((k, turn, info.rule_speaker))
    return turns, anchors


def paragraph_groups(ctx: StoryContext) -> list[tuple[int, int]]:
    """For each speech quotation, the quotations [first, last) of the run of consecutive
    ones that share its first paragraph."""
    groups: list[tuple[int, int]] = []
    first = 0
    for k in range(1, len(ctx.infos) + 1):
        if k == len(ctx.infos) or ctx.infos[k].quote.paragraph != ctx.infos[first].quote.paragraph:
            groups.extend([(first, k)] * (k - first))
            first = k
    return groups


def conversation_lengths(ctx: StoryContext) -> list[int]:
    """For each speech quotation, how many quotations before it follow one another at most
    a paragraph apart."""
    lengths: list[int] = []
    for k, info in enumerate(ctx.infos):
        linked = k and info.quote.paragraph - ctx.infos[k - 1].quote.last_paragraph <= 1
        lengths.append(lengths[-1] + 1 if linked else 0)
    return lengths


class Exchanges:
    """The story's exchanges, turns and paragraphs of quotations."""

    def __init__(self, ctx: StoryContext) -> None:
        self.ctx = ctx
        self.turns, self.anchors = turns_and_anchors(ctx)
        self.paragraph_groups = paragraph_groups(ctx)
        self.conversation_lengths = conversation_lengths(ctx)
        self._rule_speakers = {
            first: Counter(ctx.infos[i].rule_speaker for i in range(first, last))
            for first, last in dict.fromkeys(self.paragraph_groups)}
        # One exchange's setup and profile, kept while its quotations are read in order.
        self._setup: dict[int, tuple[Counter, set[str]]] = {}
        self._profile: dict[int, RunProfile] = {}

    def paragraph_rule_speakers(self, index: int) -> Counter:
        """The tag speakers of the quotations in quotation ``index``'s paragraph group."""
        return self._rule_speakers[self.paragraph_groups[index][0]]

    def setup(self, run: int) -> tuple[Counter, set[str]]:
        """Who the narration names in the paragraphs that open an exchange (the scene it
        happens in: "Tony was alone in the library when Jock came in"), and who of them
        acts as a subject there."""
        if run not in self._setup:
            self._setup = {run: self._read_setup(run)}
        return self._setup[run]

    def _read_setup(self, run: int) -> tuple[Counter, set[str]]:
        ctx = self.ctx
        first = ctx.infos[run].quote
        lo = ctx.paragraphs[max(0, first.paragraph - tunables().setup_paragraphs)][0]
        named: Counter[str] = Counter()
        subjects: set[str] = set()
        for m in ctx.mentions_between(lo, first.start):
            if m.in_quote < 0:
                named[m.character] += 1
                if m.subject:
                    subjects.add(m.character)
        return named, subjects

    def profile(self, run: int) -> RunProfile:
        """Who acts in the narration inside an exchange, which genders its pronoun tags
        name, whom its quotations address and whom they talk about (not to): the evidence
        of who takes part in it."""
        if run not in self._profile:
            self._profile = {run: self._read_profile(run)}
        return self._profile[run]

    def _read_profile(self, run: int) -> RunProfile:
        ctx = self.ctx
        profile = RunProfile(Counter(), Counter(), Counter(), Counter(), Counter())
        j = run
        while j < len(ctx.infos) and self.turns[j][0] == run and j - run < tunables().turn_reach:
            info = ctx.infos[j]
            profile.vocatives.update(info.vocatives)
            profile.talked_about.update(c for c in info.inside if c not in info.vocatives)
            profile.tag_genders.update(
                g for t in info.tags if t.kind == "pronoun" and (g := pronoun_gender(t.pronoun)))
            j += 1
        last = ctx.infos[j - 1].quote
        for m in ctx.mentions_between(ctx.infos[run].quote.start, last.end):
            if m.in_quote < 0:
                profile.narration[m.character] += 1
                profile.subjects[m.character] += m.subject
        return profile

    def neighbour_turn(self, info: QuoteInfo, step: int) -> QuoteInfo:
        """The quotation ``step`` away when it is the turn just before or after this one
        in the same exchange (the one this quotation answers, or its answer)."""
        j = info.index + step
        if 0 <= j < len(self.turns):
            (run, turn), (other_run, other_turn) = self.turns[info.index], self.turns[j]
            if run == other_run and abs(turn - other_turn) == 1:
                return self.ctx.infos[j]
        return _NO_QUOTE

    def named_turns(self, info: QuoteInfo) -> tuple[dict[str, int], dict[str, int]]:
        """Speakers named by tags in the same exchange, by how many turns away they speak:
        an even number of turns (the same side of an A, B, A, B exchange) or odd."""
        same: dict[str, int] = {}
        other: dict[str, int] = {}
        run, turn = self.turns[info.index]
        anchors = self.anchors.get(run, [])
        lo = bisect.bisect_left(anchors, (info.index - tunables().turn_reach,))
        for j, anchor_turn, speaker in itertools.islice(anchors, lo, None):
            if j > info.index + tunables().turn_reach:
                break
            if j == info.index:
                continue
            distance = abs(anchor_turn - turn)
            side = same if distance % 2 == 0 else other
            side[speaker] = min(side.get(speaker, NO_TURN), distance)
        return same, other
