"""What the features of one quotation read, computed once per quotation.

``StoryTables`` holds what is computed once per story (and per pass): the exchanges and
turns, the paragraphs' groups of quotations, the voices. ``build_window`` turns one
quotation and its candidates into a ``QuoteWindow``: frozen values, one part per feature
family (``ficlens.quotes.families``), which every candidate's row then reads.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ficlens.lexicon import noun_gender
from ficlens.quotes.config import tunables
from ficlens.quotes.context import StoryContext
from ficlens.quotes.epithets import head_noun
from ficlens.quotes.exchanges import Exchanges, RunProfile
from ficlens.quotes.mentions import last_position
from ficlens.quotes.reader import QuoteInfo
from ficlens.quotes.tags import pronoun_gender
from ficlens.quotes.voice import VoiceModel

NO_RANKS: dict[str, int] = {}


@dataclass(frozen=True, slots=True)
class MentionWindow:
    """Where the candidates were named around the quotation: positions in the story's
    mention lists (``ctx.all_mentions`` for ``recent``, ``ctx.narration`` otherwise)."""

    recent: tuple[int, int]  # every mention in the LAST_NAMED_REACH before the quotation
    window: tuple[int, int]  # narration from back_paragraphs back to its last paragraph
    paragraph: tuple[int, int]  # ... in its paragraph
    previous_paragraph: tuple[int, int]
    near_paragraphs: tuple[int, int]  # ... in the NEAR_PARAGRAPHS before it
    upto_quote: int  # narration starting at or before the quotation's start
    after_quote: int  # narration starting at or after its end
    recent_subjects: dict[str, str]  # gender -> last character acting as a subject
    previous_paragraph_last: str | None  # last named in a narration paragraph before it
    recency: dict[str, int]  # candidate -> rank by the last narration mention
    scene_start: int
    focal_start: int
    focal_total: int  # narration subjects from focal_start to the quotation


@dataclass(frozen=True, slots=True)
class TagWindow:
    """What the quotation's speech tags say."""

    named: set[str | None]  # characters of its name tags
    after: set[str]  # characters its tags after (or between) its pieces resolve to
    before: set[str]  # ... and its tags before it
    pron_gender: str  # "m" / "f" of its first gendered pronoun tag
    nominal_gender: str  # ... of its first gendered description tag
    pron_rank: dict[str, int]  # candidates of the pronoun's gender, latest named first
    affinity: dict[str, float]  # how often a description tag's noun follows each name
    affinity_rank: dict[str, int]


@dataclass(frozen=True, slots=True)
class NeighbourWindow:
    """What the quotations around it say: their tags' speakers, their vocatives."""

    prev_sets: dict[str, set]  # feature name -> characters of that neighbour
    same_para_rules: Counter  # tag speakers of the other quotations of its paragraph
    recent_named: list[str]  # speakers named by tags before it in its stretch, latest first
    pron_prev_named: str | None  # the latest of them of its pronoun tag's gender
    stretch_vocatives: Counter  # characters addressed by name around it
    addressed_prev: str  # gender a "sir" / "ma'am" in the turn before addresses
    addressed_next: str  # ... in the turn after


@dataclass(frozen=True, slots=True)
class ExchangeWindow:
    """The exchange (run of linked quotations) it belongs to."""

    turn: int
    setup: tuple[Counter, set[str]]  # who the narration opening it names, and as subject
    profile: RunProfile
    anchor_same: dict[str, int]  # tag-named speakers an even number of turns away
    anchor_other: dict[str, int]  # ... an odd number


@dataclass(frozen=True, slots=True)
class VoiceWindow:
    scores: dict[str, float]  # candidate -> how much worse its voice fits than the best's
    ranks: dict[str, int]


@dataclass(frozen=True, slots=True)
class SequenceWindow:
    """What a previous pass chose for the quotations around it (empty in a first pass)."""

    has_previous: bool
    pron_gender: str
    choices: dict[int, str | None]  # k-th previous quotation (k < 0: following) -> speaker
    recent_speakers: list[str]  # chosen speakers of its stretch, latest first
    pron_prev_speaker: str | None  # the latest of them of its pronoun tag's gender
    voice: VoiceWindow


@dataclass(frozen=True, slots=True)
class QuoteWindow:
    info: QuoteInfo
    cands: list[str]
    mentions: MentionWindow
    tags: TagWindow
    neighbours: NeighbourWindow
    exchange: ExchangeWindow
    voice: VoiceWindow
    sequence: SequenceWindow


def _ranks(scores: dict[str, float]) -> dict[str, int]:
    """0 for the highest score, 1 for the next, ..."""
    return {c: r for r, c in enumerate(sorted(scores, key=lambda c: -scores[c]))}


def _first_gender(genders: list[str]) -> str:
    return next((g for g in genders if g), "")


def pronoun_tag_gender(info: QuoteInfo) -> str:
    """The gender of the quotation's first gendered pronoun tag, or ""."""
    return _first_gender([pronoun_gender(t.pronoun) for t in info.tags if t.kind == "pronoun"])


class StoryTables:
    """What every quotation's window reads that is computed once per story and pass."""

    def __init__(self, ctx: StoryContext, previous: list[str | None] | None = None) -> None:
        self.ctx = ctx
        self.previous = previous  # speakers from a first pass, for the sequence features
        self.exchanges = Exchanges(ctx)
        by_count = Counter(ctx.total_by_char).most_common()
        self.global_rank = {c: r for r, (c, _n) in enumerate(by_count)}
        # How many lines name tags give each character in the whole story: who talks.
        tagged = Counter(
            info.rule_speaker for info in ctx.infos
            if info.rule_kind == "name" and info.rule_speaker is not None)
        self.tagged_lines = {c: math.log1p(n) for c, n in tagged.items()}
        self.subjects_by_gender = {g: ctx.narration.positions_where(
            lambda m, g=g: m.subject and ctx.gender.get(m.character, "") == g) for g in "mf"}
        # Each voice as a previous pass's speakers for every quotation tell it.
        self.pred_voice = (
            VoiceModel(ctx.quote_words, previous) if previous is not None else None)

    @cached_property
    def voice(self) -> VoiceModel:
        """Each voice as the name tags tell it (not needed by a sequence-only update)."""
        return VoiceModel(self.ctx.quote_words, [
            info.rule_speaker if info.rule_kind == "name" else None for info in self.ctx.infos])


def build_window(tables: StoryTables, info: QuoteInfo, cands: list[str]) -> QuoteWindow:
    tags = tag_window(tables.ctx, info, cands, recency := _recency(tables.ctx, info, cands))
    voice_scores = tables.voice.scores(info.index, cands)
    return QuoteWindow(
        info=info,
        cands=cands,
        mentions=mention_window(tables, info, recency),
        tags=tags,
        neighbours=neighbour_window(tables, info, tags.pron_gender),
        exchange=exchange_window(tables.exchanges, info),
        voice=VoiceWindow(voice_scores, _ranks(voice_scores)),
        sequence=sequence_window(tables, info, cands, tags.pron_gender),
    )


# -- mentions ---------------------------------------------------------------------------------
def _recency(ctx: StoryContext, info: QuoteInfo, cands: list[str]) -> dict[str, int]:
    last = {}
    for cand in cands:
        m = ctx.last_narration_mention(cand, info.quote.start)
        last[cand] = m.start if m else -1
    order = sorted(cands, key=lambda c: -last[c])
    return {c: (r if last[c] >= 0 else 99) for r, c in enumerate(order)}


def _narration_in(
    ctx: StoryContext, first_para: int, last_para: int, window: tuple[int, int]
) -> tuple[int, int]:
    """Positions in ctx.narration of the mentions of paragraphs first_para..last_para that
    lie in ``window`` (positions too)."""
    lo = max(window[0], ctx.narration.position(ctx.paragraph_offsets(first_para)[0]))
    hi = min(window[1], ctx.narration.position(ctx.paragraph_offsets(last_para)[1]))
    return lo, max(lo, hi)


def mention_window(tables: StoryTables, info: QuoteInfo, recency: dict[str, int]) -> MentionWindow:
    ctx, quote = tables.ctx, info.quote
    narration = ctx.narration
    para = quote.paragraph
    window = narration.span(
        ctx.paragraphs[max(0, para - tunables().back_paragraphs)][0],
        ctx.paragraphs[min(len(ctx.paragraphs) - 1, quote.last_paragraph)][1],
    )
    no_range = (window[0], window[0])
    previous = _narration_in(ctx, para - 1, para - 1, window) if para else no_range
    scene_start = ctx.scene_start(quote.start)
    focal_start = max(scene_start, quote.start - tunables().focal_reach)
    return MentionWindow(
        recent=ctx.all_mentions.span(
            max(0, quote.start - tunables().last_named_reach), quote.start),
        window=window,
        paragraph=_narration_in(ctx, para, para, window),
        previous_paragraph=previous,
        near_paragraphs=(_narration_in(ctx, max(0, para - tunables().near_paragraphs),
                                       para - 1, window)
                         if para else no_range),
        upto_quote=narration.position(quote.start + 1),
        after_quote=narration.position(quote.end),
        recent_subjects=_recent_subjects(tables, info, window),
        previous_paragraph_last=_previous_paragraph_last(ctx, info, previous),
        recency=recency,
        scene_start=scene_start,
        focal_start=focal_start,
        focal_total=(bisect.bisect_left(ctx.subject_starts, quote.start)
                     - bisect.bisect_left(ctx.subject_starts, focal_start)),
    )


def _recent_subjects(
    tables: StoryTables, info: QuoteInfo, window: tuple[int, int]
) -> dict[str, str]:
    """Per gender, the last character acting as a subject in the narration of the
    quotation's paragraph and the subject_paragraphs before it, before the quotation."""
    ctx, quote = tables.ctx, info.quote
    lo, _ = _narration_in(ctx, max(0, quote.paragraph - tunables().subject_paragraphs),
                          quote.paragraph, window)
    hi = min(window[1], ctx.narration.position(quote.start))
    found = {}
    for gender, positions in tables.subjects_by_gender.items():
        k = last_position(positions, lo, hi)
        if k >= 0:
            found[gender] = ctx.narration.mentions[k].character
    return found


def _previous_paragraph_last(
    ctx: StoryContext, info: QuoteInfo, previous: tuple[int, int]
) -> str | None:
    """The last character named in the previous paragraph, when it is pure narration."""
    para = info.quote.paragraph - 1
    if para < 0 or (info.index > 0 and ctx.infos[info.index - 1].quote.last_paragraph == para):
        return None
    lo, hi = previous
    return ctx.narration.mentions[hi - 1].character if hi > lo else None


# -- tags -------------------------------------------------------------------------------------
def tag_window(
    ctx: StoryContext, info: QuoteInfo, cands: list[str], recency: dict[str, int]
) -> TagWindow:
    tags = info.tags
    nouns = [head_noun(t.subject_text) for t in tags if t.kind == "nominal"]
    affinity = ctx.epithets.affinity(nouns[0]) if nouns else {}
    return TagWindow(
        named={t.character for t in tags if t.kind == "name"},
        after={t.character for t in tags if t.character and t.position != "before"},
        before={t.character for t in tags if t.character and t.position == "before"},
        pron_gender=pronoun_tag_gender(info),
        nominal_gender=_first_gender([noun_gender(noun).code for noun in nouns]),
        pron_rank=_pronoun_rank(ctx, info, cands, recency),
        affinity=affinity,
        affinity_rank=_ranks(affinity),
    )


def _pronoun_rank(
    ctx: StoryContext, info: QuoteInfo, cands: list[str], recency: dict[str, int]
) -> dict[str, int]:
    """The candidates of the one gender the pronoun tags name, by recency."""
    genders = {pronoun_gender(t.pronoun) for t in info.tags if t.kind == "pronoun"} - {""}
    if len(genders) != 1:
        return NO_RANKS
    gender = genders.pop()
    agreeing = sorted((c for c in cands if ctx.gender.get(c) == gender), key=lambda c: recency[c])
    return {c: r for r, c in enumerate(agreeing)}


# -- neighbours -------------------------------------------------------------------------------
_NEIGHBOUR_SETS = (
    ("voc_prev1", 1, lambda i: i.vocatives), ("voc_prev2", 2, lambda i: i.vocatives),
    ("in_prev_quote", 1, lambda i: i.inside),
    ("rule_prev1", 1, lambda i: [i.rule_speaker]),
    ("rule_prev2", 2, lambda i: [i.rule_speaker]),
    ("rule_prev3", 3, lambda i: [i.rule_speaker]),
    ("rule_prev4", 4, lambda i: [i.rule_speaker]),
    ("rule_next1", -1, lambda i: [i.rule_speaker]),
    ("rule_next2", -2, lambda i: [i.rule_speaker]),
    ("voc_next1", -1, lambda i: i.vocatives),
)


def neighbour_window(tables: StoryTables, info: QuoteInfo, pron_gender: str) -> NeighbourWindow:
    ctx, exchanges = tables.ctx, tables.exchanges
    same_para_rules = exchanges.paragraph_rule_speakers(info.index).copy()
    same_para_rules[info.rule_speaker] -= 1
    recent_named = _recent_named(ctx, info)
    return NeighbourWindow(
        prev_sets={name: _neighbour_set(ctx, info, k, pick) for name, k, pick in _NEIGHBOUR_SETS},
        same_para_rules=same_para_rules,
        recent_named=recent_named,
        pron_prev_named=_latest_of_gender(ctx, recent_named, pron_gender),
        stretch_vocatives=_stretch_vocatives(ctx, info),
        addressed_prev=exchanges.neighbour_turn(info, -1).addressed,
        addressed_next=exchanges.neighbour_turn(info, 1).addressed,
    )


def _latest_of_gender(ctx: StoryContext, speakers: list[str], gender: str) -> str | None:
    if not gender:
        return None
    return next((c for c in speakers if ctx.gender.get(c) == gender), None)


def _neighbour_set(ctx: StoryContext, info: QuoteInfo, k: int, pick) -> set:
    """``pick`` of the k-th previous quotation (k < 0: following) in the same exchange."""
    j = info.index - k
    if not 0 <= j < len(ctx.infos):
        return set()
    other = ctx.infos[j]
    first, second = (other, info) if k > 0 else (info, other)
    if second.quote.paragraph - first.quote.last_paragraph > tunables().same_exchange_gap:
        return set()  # a different conversation
    return set(pick(other))


def _stretch_vocatives(ctx: StoryContext, info: QuoteInfo) -> Counter:
    """Who the quotations around this one address by name ("Luke, ..."): characters on
    stage, when the narration says only "he" and "she" for pages."""
    counts: Counter[str] = Counter()
    infos, config = ctx.infos, tunables()
    lo = max(0, info.index - config.vocative_reach)
    hi = min(len(infos), info.index + config.vocative_reach + 1)
    for j in range(lo, hi):
        if j != info.index and abs(infos[j].quote.paragraph - info.quote.paragraph) <= (
                config.speaker_history_paras):
            counts.update(infos[j].vocatives)
    return counts


def _recent_named(ctx: StoryContext, info: QuoteInfo) -> list[str]:
    """Speakers that name tags gave to the previous quotations of this stretch, latest
    first: the anchors a later "she said" most often points back to."""
    found, config = [], tunables()
    for j in range(info.index - 1, max(-1, info.index - 1 - config.speaker_history), -1):
        other = ctx.infos[j]
        if info.quote.paragraph - other.quote.paragraph > config.speaker_history_paras:
            break
        if other.rule_kind == "name" and other.rule_speaker is not None:
            found.append(other.rule_speaker)
    return found


# -- exchange ---------------------------------------------------------------------------------
def exchange_window(exchanges: Exchanges, info: QuoteInfo) -> ExchangeWindow:
    run, turn = exchanges.turns[info.index]
    same, other = exchanges.named_turns(info)
    return ExchangeWindow(
        turn=turn,
        setup=exchanges.setup(run),
        profile=exchanges.profile(run),
        anchor_same=same,
        anchor_other=other,
    )


# -- a previous pass's choices ----------------------------------------------------------------
def sequence_window(
    tables: StoryTables, info: QuoteInfo, cands: list[str], pron_gender: str
) -> SequenceWindow:
    scores = {} if tables.pred_voice is None else tables.pred_voice.scores(info.index, cands)
    recent = _recent_speakers(tables, info)
    return SequenceWindow(
        has_previous=tables.previous is not None,
        pron_gender=pron_gender,
        choices=_neighbour_choices(tables, info),
        recent_speakers=recent,
        pron_prev_speaker=_latest_of_gender(tables.ctx, recent, pron_gender),
        voice=VoiceWindow(scores, _ranks(scores)),
    )


def _recent_speakers(tables: StoryTables, info: QuoteInfo) -> list[str]:
    """First-pass speakers of the previous quotations of this stretch, latest first: who
    is on stage, which a pronoun tag refers to more often than to the last name read."""
    if tables.previous is None:
        return []
    infos, found, config = tables.ctx.infos, [], tunables()
    for j in range(info.index - 1, max(-1, info.index - 1 - config.speaker_history), -1):
        if info.quote.paragraph - infos[j].quote.paragraph > config.speaker_history_paras:
            break
        if tables.previous[j] is not None:
            found.append(tables.previous[j])
    return found


def _neighbour_choices(tables: StoryTables, info: QuoteInfo) -> dict[int, str | None]:
    """The speaker chosen for the k-th previous quotation (k < 0: following), for k in
    -2..2, when it is in the same exchange (within SAME_EXCHANGE_GAP paragraphs)."""
    choices: dict[int, str | None] = {}
    if tables.previous is None:
        return choices
    infos, gap = tables.ctx.infos, tunables().same_exchange_gap
    for k in (-2, -1, 1, 2):
        j = info.index - k
        choices[k] = None
        if not 0 <= j < len(infos):
            continue
        other = infos[j].quote
        first, second = (other, info.quote) if j < info.index else (info.quote, other)
        if second.paragraph - first.last_paragraph <= gap:
            choices[k] = tables.previous[j]
    return choices
