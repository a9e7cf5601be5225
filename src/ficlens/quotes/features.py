"""Features of each (quotation, candidate speaker) pair for the learned ranking model.

Candidates are the characters mentioned in the paragraphs around a quotation plus the
speakers the tags gave for the last few quotations. Every feature is computed the same way
in training (PDNC) and at run time, from the layers alone.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ficlens.nlp.lexicon import noun_gender
from ficlens.quotes.context import QuoteInfo, StoryContext, pronoun_gender
from ficlens.quotes.conversation import NEXT, NO_LINK, links
from ficlens.quotes.epithets import head_noun
from ficlens.quotes.mentions import last_position
from ficlens.quotes.voice import VoiceModel

BACK_PARAGRAPHS = 8
# A speaker is often named only after the exchange ("... said Mrs. Bennet" two lines on).
AHEAD_PARAGRAPHS = 3
# The most-named characters of the story speak in long stretches that never name them.
LEADING_CHARACTERS = 3
HISTORY = 4
RECENT_CHARACTERS = 6  # long untagged exchanges name nobody for many paragraphs
RECENT_REACH = 30000
SPEAKER_HISTORY = 20  # previous quotations whose (first-pass) speakers tell who is on stage
SPEAKER_HISTORY_PARAS = 40
VOCATIVE_REACH = 10  # quotations either side whose vocatives say who is on stage
TURN_REACH = 40  # quotations either side whose name tags say who speaks which turn
NO_TURN = 99
SETUP_PARAGRAPHS = 3  # narration before an exchange that sets its scene
FOCAL_REACH = 20000  # characters of a scene before a quotation: whose actions it narrates
MISSING = -1.0
NO_VOICE = -99.0  # a voice margin is itself negative
FAR = 1e6

FEATURES = (
    "tag_name", "tag_name_after", "tag_name_before", "tag_nominal_match",
    "tag_pron_gender", "tag_pron_rank", "tag_first_person", "tag_kind",
    "rule_speaker",
    "last_dist", "last_narr_dist", "last_narr_paras", "next_narr_dist", "recency_rank",
    "cnt_para", "cnt_prev1", "cnt_prev3", "cnt_win",
    "in_quote", "vocative", "voc_prev1", "voc_prev2", "in_prev_quote",
    "rule_prev1", "rule_prev2", "rule_prev3", "rule_prev4", "rule_same_para",
    "para_subject_before", "para_subject_after", "prev_para_subject", "first_in_para",
    "gender", "global_log", "global_rank", "quoted_frac",
    "gap_paras", "quotes_in_para", "pos_in_para", "quote_len", "starts_para", "n_cands",
    "conv_len", "narrator", "tag_nominal_gender", "epithet_affinity", "epithet_rank",
    "subject_recent", "rule_next1", "rule_next2", "voc_next1",
    "pred_next1", "pred_next2", "near_after", "lead_in", "prev_para_last",
    "pred_prev1", "pred_prev2", "pron_prev_speaker", "recent_speaker_share",
    "pron_prev_named", "named_speaker_share", "voc_stretch",
    "turn_same_named", "turn_other_named",
    "addressed_self", "addressed_prev", "addressed_next",
    "setup_count", "setup_subject", "run_talked_about", "run_turn", "tagged_lines",
    "last_narr_backstory", "run_narr", "run_subject", "run_gender_share", "run_vocative",
    "scene_count", "scene_quotes", "focal_share", "voice_margin", "voice_rank",
    "voice_pred_margin", "voice_pred_rank",
)
# The features that read a previous pass's choices; the others do not change between passes.
SEQUENCE_FEATURES = (
    "pred_next1", "pred_next2", "pred_prev1", "pred_prev2", "pron_prev_speaker",
    "recent_speaker_share", "voice_pred_margin", "voice_pred_rank",
)


def candidates(ctx: StoryContext, info: QuoteInfo) -> list[str]:
    quote = info.quote
    first = max(0, quote.paragraph - BACK_PARAGRAPHS)
    last = min(len(ctx.paragraphs) - 1, quote.last_paragraph + AHEAD_PARAGRAPHS)
    seen = dict.fromkeys(ctx.all_mentions.first_appearances(
        *ctx.all_mentions.span(ctx.paragraphs[first][0], ctx.paragraphs[last][1])))
    for k in range(1, HISTORY + 1):
        if info.index - k >= 0:
            speaker = ctx.infos[info.index - k].rule_speaker
            if speaker is not None:
                seen.setdefault(speaker)
    for tag in info.tags:
        if tag.character is not None:
            seen.setdefault(tag.character)
    if ctx.narrator is not None:
        seen.setdefault(ctx.narrator)
    recent = ctx.all_mentions.latest_appearances(
        *ctx.all_mentions.span(max(0, quote.start - RECENT_REACH), quote.start),
        RECENT_CHARACTERS)
    for cand in recent:
        seen.setdefault(cand)
    for cand in ctx.leading_characters[:LEADING_CHARACTERS]:
        seen.setdefault(cand)
    return list(seen)


def _turns_and_anchors(
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


_NO_QUOTE = QuoteInfo(quote=None, index=-1)  # type: ignore[arg-type]


def _agrees(wanted: str, gender: str) -> float:
    """1 when a candidate has the gender a cue asks for, -1 when the other, else MISSING."""
    if not wanted or not gender:
        return MISSING
    return 1.0 if wanted == gender else -1.0


def _count(starts: list[int], lo: int, hi: int) -> int:
    """How many of the sorted offsets ``starts`` lie in [lo, hi)."""
    return bisect.bisect_left(starts, hi) - bisect.bisect_left(starts, lo)


def _paragraph_groups(ctx: StoryContext) -> list[tuple[int, int]]:
    """For each speech quotation, the quotations [first, last) of the run of consecutive
    ones that share its first paragraph."""
    groups: list[tuple[int, int]] = []
    first = 0
    for k in range(1, len(ctx.infos) + 1):
        if k == len(ctx.infos) or ctx.infos[k].quote.paragraph != ctx.infos[first].quote.paragraph:
            groups.extend([(first, k)] * (k - first))
            first = k
    return groups


def _conversation_lengths(ctx: StoryContext) -> list[int]:
    """For each speech quotation, how many quotations before it follow one another at most
    a paragraph apart."""
    lengths: list[int] = []
    for k, info in enumerate(ctx.infos):
        linked = k and info.quote.paragraph - ctx.infos[k - 1].quote.last_paragraph <= 1
        lengths.append(lengths[-1] + 1 if linked else 0)
    return lengths


def _ranks(scores: dict[str, float]) -> dict[str, int]:
    """0 for the highest score, 1 for the next, ..."""
    return {c: r for r, c in enumerate(sorted(scores, key=lambda c: -scores[c]))}


def _log(x: float) -> float:
    return math.log1p(x) if x >= 0 else MISSING


class FeatureBuilder:
    """Turns a StoryContext into rows of FEATURES, one per (quotation, candidate)."""

    def __init__(self, ctx: StoryContext, previous: list[str | None] | None = None) -> None:
        self.ctx = ctx
        self.previous = previous  # speakers from a first pass, for the sequence features
        counts = Counter({c: n for c, n in ctx.total_by_char.items()})
        self.global_rank = {c: r for r, (c, _n) in enumerate(counts.most_common())}
        self.turns, self.anchors = _turns_and_anchors(ctx)
        self.para_groups = _paragraph_groups(ctx)
        self.conversation_lengths = _conversation_lengths(ctx)
        self.para_rule_speakers: dict[int, Counter] = {}
        for first, last in dict.fromkeys(self.para_groups):
            self.para_rule_speakers[first] = Counter(
                ctx.infos[i].rule_speaker for i in range(first, last))
        self.subjects_by_gender = {g: ctx.narration.positions_where(
            lambda m, g=g: m.subject and ctx.gender.get(m.character, "") == g) for g in "mf"}
        self._setup_cache: dict[int, tuple[Counter, set[str]]] = {}
        self._profile_cache: dict[int, RunProfile] = {}
        # How many lines name tags give each character in the whole story: who talks.
        tagged = Counter(
            info.rule_speaker for info in ctx.infos
            if info.rule_kind == "name" and info.rule_speaker is not None)
        self.tagged_lines = {c: _log(n) for c, n in tagged.items()}
        # Each voice as a previous pass's speakers for every quotation tell it.
        self.pred_voice = (
            VoiceModel(ctx.quote_words, previous) if previous is not None else None)

    @cached_property
    def voice(self) -> VoiceModel:
        """Each voice as the name tags tell it (not needed by a sequence-only update)."""
        return VoiceModel(self.ctx.quote_words, [
            info.rule_speaker if info.rule_kind == "name" else None for info in self.ctx.infos])

    def rows(self, info: QuoteInfo) -> tuple[list[str], list[list[float]]]:
        cands = candidates(self.ctx, info)
        if not cands:
            return [], []
        shared = self._quote_features(info, len(cands))
        self._window(info, cands)
        recency = self._recency(info, cands)
        self.voice_scores = self.voice.scores(info.index, cands)
        self.voice_rank = _ranks(self.voice_scores)
        pron_rank = self._pronoun_rank(info, cands, recency)
        rows = []
        for cand in cands:
            row = dict(shared)
            row.update(self._candidate_features(info, cand, recency, pron_rank))
            rows.append([float(row[name]) for name in FEATURES])
        return cands, rows

    def sequence_rows(self, info: QuoteInfo, cands: list[str]) -> list[list[float]]:
        """Only the SEQUENCE_FEATURES of ``rows`` (same values), for a later pass."""
        genders = [pronoun_gender(t.pronoun) for t in info.tags if t.kind == "pronoun"]
        self.pron_gender = next((g for g in genders if g), "")
        self._sequence_window(info, cands)
        rows = []
        for cand in cands:
            values = self._sequence_features(info, cand)
            rows.append([values[name] for name in SEQUENCE_FEATURES])
        return rows

    def _sequence_window(self, info: QuoteInfo, cands: list[str]) -> None:
        self.pred_voice_scores = (
            {} if self.pred_voice is None else self.pred_voice.scores(info.index, cands))
        self.pred_voice_rank = _ranks(self.pred_voice_scores)
        self.neighbour_choices = self._neighbour_choices(info)
        self.recent_speakers = self._recent_speakers(info)
        self.pron_prev_speaker = next(
            (c for c in self.recent_speakers if self.ctx.gender.get(c) == self.pron_gender),
            None,
        ) if self.pron_gender else None

    def _sequence_features(self, info: QuoteInfo, cand: str) -> dict[str, float]:
        return {
            "pred_next1": self._predicted(-1, cand),
            "pred_next2": self._predicted(-2, cand),
            "pred_prev1": self._predicted(1, cand),
            "pred_prev2": self._predicted(2, cand),
            "pron_prev_speaker": self._pron_prev_speaker(cand),
            "recent_speaker_share": self._recent_share(cand),
            "voice_pred_margin": self.pred_voice_scores.get(cand, NO_VOICE),
            "voice_pred_rank": (self.pred_voice_rank.get(cand, 99) if self.pred_voice_rank
                                else MISSING),
        }

    def _quote_features(self, info: QuoteInfo, n_cands: int) -> dict[str, float]:
        ctx, quote = self.ctx, info.quote
        prev = ctx.infos[info.index - 1].quote if info.index > 0 else None
        first, last = self.para_groups[info.index]
        kinds = {"": 0, "name": 1, "pronoun": 2, "nominal": 3}
        conv = self.conversation_lengths[info.index]
        p_start, _ = ctx.paragraphs[quote.paragraph]
        return {
            "tag_kind": kinds[info.rule_kind],
            "tag_first_person": float(ctx.is_first_person_tag(info)),
            "gap_paras": quote.paragraph - prev.last_paragraph if prev else 99,
            "quotes_in_para": last - first,
            "pos_in_para": info.index - first,
            "quote_len": _log(quote.end - quote.start),
            "starts_para": float(quote.start == p_start),
            "n_cands": n_cands,
            "conv_len": min(conv, 30),
            "scene_quotes": min(self._scene_quotes(info), 30),
        }

    def _scene_quotes(self, info: QuoteInfo) -> int:
        """How many quotations of its scene come before this one."""
        start = self.ctx.scene_start(info.quote.start)
        return info.index - bisect.bisect_left(self.ctx.quote_starts, start)

    def _recency(self, info: QuoteInfo, cands: list[str]) -> dict[str, int]:
        last = {}
        for cand in cands:
            m = self.ctx.last_narration_mention(cand, info.quote.start)
            last[cand] = m.start if m else -1
        order = sorted(cands, key=lambda c: -last[c])
        return {c: (r if last[c] >= 0 else 99) for r, c in enumerate(order)}

    def _pronoun_rank(
        self, info: QuoteInfo, cands: list[str], recency: dict[str, int]
    ) -> dict[str, int]:
        genders = {pronoun_gender(t.pronoun) for t in info.tags if t.kind == "pronoun"} - {""}
        if len(genders) != 1:
            return {}
        gender = genders.pop()
        agreeing = sorted(
            (c for c in cands if self.ctx.gender.get(c) == gender), key=lambda c: recency[c]
        )
        return {c: r for r, c in enumerate(agreeing)}

    def _narration_in(
        self, first_para: int, last_para: int, window: tuple[int, int]
    ) -> tuple[int, int]:
        """Positions in ctx.narration of the mentions of paragraphs first_para..last_para
        that lie in ``window`` (positions too)."""
        ctx = self.ctx
        lo = max(window[0], ctx.narration.position(ctx.paragraph_offsets(first_para)[0]))
        hi = min(window[1], ctx.narration.position(ctx.paragraph_offsets(last_para)[1]))
        return lo, max(lo, hi)

    def _window(self, info: QuoteInfo, cands: list[str]) -> None:
        """Mentions shared by every candidate of one quotation, computed once."""
        ctx, quote = self.ctx, info.quote
        narration = ctx.narration
        self.recent_range = ctx.all_mentions.span(max(0, quote.start - 20000), quote.start)
        para = quote.paragraph
        window = narration.span(
            ctx.paragraphs[max(0, para - BACK_PARAGRAPHS)][0],
            ctx.paragraphs[min(len(ctx.paragraphs) - 1, quote.last_paragraph)][1],
        )
        self.window_range = window
        self.para_range = self._narration_in(para, para, window)
        no_range = (window[0], window[0])
        self.prev_para_range = self._narration_in(para - 1, para - 1, window) if para else no_range
        self.prev3_range = (
            self._narration_in(max(0, para - 3), para - 1, window) if para else no_range)
        self.before_quote = narration.position(quote.start)
        self.upto_quote = narration.position(quote.start + 1)
        self.after_quote = narration.position(quote.end)
        self.scene_start = ctx.scene_start(quote.start)
        self.focal_start = max(self.scene_start, quote.start - FOCAL_REACH)
        self.focal_total = _count(ctx.subject_starts, self.focal_start, quote.start)
        recent_lo, _ = self._narration_in(max(0, para - 2), para, window)
        recent_hi = min(window[1], self.before_quote)
        self.recent_subjects: dict[str, str] = {}  # gender -> last character acting as subject
        for gender, positions in self.subjects_by_gender.items():
            k = last_position(positions, recent_lo, recent_hi)
            if k >= 0:
                self.recent_subjects[gender] = narration.mentions[k].character
        nouns = [head_noun(t.subject_text) for t in info.tags if t.kind == "nominal"]
        self.affinity = ctx.epithets.affinity(nouns[0]) if nouns else {}
        self.affinity_rank = _ranks(self.affinity)
        tags = info.tags
        self.tag_named = {t.character for t in tags if t.kind == "name"}
        self.tag_after = {t.character for t in tags if t.character and t.position != "before"}
        self.tag_before = {t.character for t in tags if t.character and t.position == "before"}
        genders = [pronoun_gender(t.pronoun) for t in tags if t.kind == "pronoun"]
        self.pron_gender = next((g for g in genders if g), "")
        nominal = [noun_gender(head_noun(t.subject_text)) for t in tags if t.kind == "nominal"]
        self.nominal_gender = next((g for g in nominal if g), "")
        self.prev_sets = {
            name: self._prev_set(info, k, pick)
            for name, k, pick in (
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
        }
        self.same_para_rules = self.para_rule_speakers[self.para_groups[info.index][0]].copy()
        self.same_para_rules[info.rule_speaker] -= 1
        self.prev_para_last = self._prev_para_last(info)
        self._sequence_window(info, cands)
        self.recent_named = self._recent_named(info)
        self.stretch_vocatives = self._stretch_vocatives(info)
        self.anchor_same, self.anchor_other = self._named_turns(info)
        self.setup = self._exchange_setup(self.turns[info.index][0])
        self.profile = self._run_profile(self.turns[info.index][0])
        self.addressed_prev = self._neighbour_turn(info, -1).addressed
        self.addressed_next = self._neighbour_turn(info, 1).addressed
        self.pron_prev_named = next(
            (c for c in self.recent_named if ctx.gender.get(c) == self.pron_gender), None
        ) if self.pron_gender else None

    def _exchange_setup(self, run: int) -> tuple[Counter, set[str]]:
        """Who the narration names in the paragraphs that open an exchange (the scene it
        happens in: "Tony was alone in the library when Jock came in"), and who of them
        acts as a subject there."""
        cached = self._setup_cache.get(run)
        if cached is not None:
            return cached
        ctx = self.ctx
        first = ctx.infos[run].quote
        lo = ctx.paragraphs[max(0, first.paragraph - SETUP_PARAGRAPHS)][0]
        named: Counter[str] = Counter()
        subjects: set[str] = set()
        for m in ctx.mentions_between(lo, first.start):
            if m.in_quote < 0:
                named[m.character] += 1
                if m.subject:
                    subjects.add(m.character)
        self._setup_cache = {run: (named, subjects)}
        return self._setup_cache[run]

    def _run_profile(self, run: int) -> RunProfile:
        """Who acts in the narration inside an exchange, which genders its pronoun tags
        name, whom its quotations address and whom they talk about (not to): the evidence
        of who takes part in it."""
        cached = self._profile_cache.get(run)
        if cached is not None:
            return cached
        ctx = self.ctx
        profile = RunProfile(Counter(), Counter(), Counter(), Counter(), Counter())
        j = run
        while j < len(ctx.infos) and self.turns[j][0] == run and j - run < TURN_REACH:
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
        self._profile_cache = {run: profile}
        return profile

    def _neighbour_turn(self, info: QuoteInfo, step: int) -> QuoteInfo:
        """The quotation ``step`` away when it is the turn just before or after this one
        in the same exchange (the one this quotation answers, or its answer)."""
        j = info.index + step
        if 0 <= j < len(self.turns):
            (run, turn), (other_run, other_turn) = self.turns[info.index], self.turns[j]
            if run == other_run and abs(turn - other_turn) == 1:
                return self.ctx.infos[j]
        return _NO_QUOTE

    def _named_turns(self, info: QuoteInfo) -> tuple[dict[str, int], dict[str, int]]:
        """Speakers named by tags in the same exchange, by how many turns away they speak:
        an even number of turns (the same side of an A, B, A, B exchange) or odd."""
        same: dict[str, int] = {}
        other: dict[str, int] = {}
        run, turn = self.turns[info.index]
        anchors = self.anchors.get(run, [])
        lo = bisect.bisect_left(anchors, (info.index - TURN_REACH,))
        for j, anchor_turn, speaker in anchors[lo:]:
            if j > info.index + TURN_REACH:
                break
            if j == info.index:
                continue
            distance = abs(anchor_turn - turn)
            side = same if distance % 2 == 0 else other
            side[speaker] = min(side.get(speaker, NO_TURN), distance)
        return same, other

    def _stretch_vocatives(self, info: QuoteInfo) -> Counter:
        """Who the quotations around this one address by name ("Luke, ..."): characters on
        stage, when the narration says only "he" and "she" for pages."""
        counts: Counter[str] = Counter()
        infos = self.ctx.infos
        lo = max(0, info.index - VOCATIVE_REACH)
        hi = min(len(infos), info.index + VOCATIVE_REACH + 1)
        for j in range(lo, hi):
            if j != info.index and abs(
                    infos[j].quote.paragraph - info.quote.paragraph) <= SPEAKER_HISTORY_PARAS:
                counts.update(infos[j].vocatives)
        return counts

    def _recent_named(self, info: QuoteInfo) -> list[str]:
        """Speakers that name tags gave to the previous quotations of this stretch, latest
        first: the anchors a later "she said" most often points back to."""
        found = []
        for j in range(info.index - 1, max(-1, info.index - 1 - SPEAKER_HISTORY), -1):
            other = self.ctx.infos[j]
            if info.quote.paragraph - other.quote.paragraph > SPEAKER_HISTORY_PARAS:
                break
            if other.rule_kind == "name" and other.rule_speaker is not None:
                found.append(other.rule_speaker)
        return found

    def _recent_speakers(self, info: QuoteInfo) -> list[str]:
        """First-pass speakers of the previous quotations of this stretch, latest first: who
        is on stage, which a pronoun tag refers to more often than to the last name read."""
        if self.previous is None:
            return []
        found = []
        for j in range(info.index - 1, max(-1, info.index - 1 - SPEAKER_HISTORY), -1):
            if info.quote.paragraph - self.ctx.infos[j].quote.paragraph > SPEAKER_HISTORY_PARAS:
                break
            if self.previous[j] is not None:
                found.append(self.previous[j])
        return found

    def _prev_set(self, info: QuoteInfo, k: int, pick) -> set:
        """``pick`` of the k-th previous quotation (k < 0: following) in the same exchange."""
        j = info.index - k
        if not 0 <= j < len(self.ctx.infos):
            return set()
        other = self.ctx.infos[j]
        first, second = (other, info) if k > 0 else (info, other)
        if second.quote.paragraph - first.quote.last_paragraph > 3:
            return set()  # a different conversation
        return set(pick(other))

    # -- candidate-level -----------------------------------------------------------------
    def _candidate_features(
        self, info: QuoteInfo, cand: str, recency: dict[str, int], pron_rank: dict[str, int]
    ) -> dict[str, float]:
        ctx, quote = self.ctx, info.quote
        gender = ctx.gender.get(cand, "")
        if self.pron_gender:
            tag_pron_gender = 1.0 if gender == self.pron_gender else (0.0 if not gender else -1.0)
        else:
            tag_pron_gender = MISSING
        last_any = ctx.all_mentions.last_of(cand, *self.recent_range)
        last_any_pos = last_any.end if last_any else None
        last_narr = ctx.last_narration_mention(cand, quote.start)
        next_narr = ctx.next_narration_mention(cand, quote.end)
        para = quote.paragraph
        narration = ctx.narration
        para_lo, para_hi = self.para_range
        total = ctx.total_by_char.get(cand, 0)
        prev = self.prev_sets
        return {
            "tag_name": float(cand in self.tag_named),
            "tag_name_after": float(cand in self.tag_after),
            "tag_name_before": float(cand in self.tag_before),
            "tag_nominal_match": float(self._nominal_match(info, cand)),
            "tag_pron_gender": tag_pron_gender,
            "tag_pron_rank": pron_rank.get(cand, 99) if pron_rank else MISSING,
            "rule_speaker": float(info.rule_speaker == cand),
            "last_dist": _log(quote.start - last_any_pos) if last_any_pos else _log(FAR),
            "last_narr_dist": _log(quote.start - last_narr.end) if last_narr else _log(FAR),
            "last_narr_paras": para - last_narr.paragraph if last_narr else 999,
            "last_narr_backstory": float(last_narr.backstory) if last_narr else MISSING,
            "next_narr_dist": _log(next_narr.start - quote.end) if next_narr else _log(FAR),
            "recency_rank": recency.get(cand, 99),
            "cnt_para": narration.count(cand, para_lo, para_hi),
            "cnt_prev1": narration.count(cand, *self.prev_para_range),
            "cnt_prev3": narration.count(cand, *self.prev3_range),
            "cnt_win": narration.count(cand, *self.window_range),
            "in_quote": float(cand in info.inside),
            "vocative": float(cand in info.vocatives),
            "voc_prev1": float(cand in prev["voc_prev1"]),
            "voc_prev2": float(cand in prev["voc_prev2"]),
            "in_prev_quote": float(cand in prev["in_prev_quote"]),
            "rule_prev1": float(cand in prev["rule_prev1"]),
            "rule_prev2": float(cand in prev["rule_prev2"]),
            "rule_prev3": float(cand in prev["rule_prev3"]),
            "rule_prev4": float(cand in prev["rule_prev4"]),
            "rule_same_para": float(self.same_para_rules[cand] > 0),
            "rule_next1": float(cand in prev["rule_next1"]),
            "rule_next2": float(cand in prev["rule_next2"]),
            "voc_next1": float(cand in prev["voc_next1"]),
            "para_subject_before": float(narration.subject_ending_by(
                cand, para_lo, min(para_hi, self.upto_quote), quote.start)),
            "para_subject_after": float(narration.has_subject(
                cand, max(para_lo, self.after_quote), para_hi)),
            "prev_para_subject": float(narration.has_subject(cand, *self.prev_para_range)),
            "first_in_para": float(
                para_hi > para_lo and narration.mentions[para_lo].character == cand),
            "gender": {"m": 1.0, "f": 2.0}.get(gender, 0.0),
            "global_log": _log(total),
            "global_rank": self.global_rank.get(cand, 999),
            "narrator": float(cand == ctx.narrator),
            "tag_nominal_gender": self._nominal_gender(gender),
            "epithet_affinity": self.affinity.get(cand, 0.0) if self.affinity else MISSING,
            "epithet_rank": self.affinity_rank.get(cand, 99) if self.affinity else MISSING,
            "subject_recent": float(self.recent_subjects.get(gender) == cand) if gender else 0.0,
            "near_after": float(cand in info.near_after),
            "lead_in": float(cand in info.lead_in),
            "prev_para_last": float(self.prev_para_last == cand),
            "quoted_frac": ctx.quoted_by_char.get(cand, 0) / total if total else MISSING,
            **self._sequence_features(info, cand),
            "pron_prev_named": (float(self.pron_prev_named == cand) if self.pron_gender
                                else MISSING),
            "named_speaker_share": (self.recent_named.count(cand) / len(self.recent_named)
                                    if self.recent_named else 0.0),
            "voc_stretch": self.stretch_vocatives.get(cand, 0),
            "addressed_self": _agrees(info.addressed, gender),
            "addressed_prev": _agrees(self.addressed_prev, gender),
            "addressed_next": _agrees(self.addressed_next, gender),
            "tagged_lines": self.tagged_lines.get(cand, 0.0),
            "setup_count": self.setup[0].get(cand, 0),
            "setup_subject": float(cand in self.setup[1]),
            "run_talked_about": self.profile.talked_about.get(cand, 0),
            "run_narr": self.profile.narration.get(cand, 0),
            "run_subject": self.profile.subjects.get(cand, 0),
            "run_gender_share": self.profile.gender_share(gender),
            "run_vocative": self.profile.vocatives.get(cand, 0),
            "run_turn": min(self.turns[info.index][1], 30),
            "turn_same_named": self.anchor_same.get(cand, NO_TURN),
            "turn_other_named": self.anchor_other.get(cand, NO_TURN),
            "scene_count": _log(_count(ctx.starts_by_char.get(cand, []), self.scene_start,
                                       quote.start)),
            "focal_share": (_count(ctx.subject_starts_by_char.get(cand, []), self.focal_start,
                                   quote.start) / self.focal_total if self.focal_total
                            else MISSING),
            "voice_margin": self.voice_scores.get(cand, NO_VOICE),
            "voice_rank": self.voice_rank.get(cand, 99) if self.voice_rank else MISSING,
        }

    def _pron_prev_speaker(self, cand: str) -> float:
        if self.previous is None or not self.pron_gender:
            return MISSING
        return float(self.pron_prev_speaker == cand)

    def _recent_share(self, cand: str) -> float:
        if self.previous is None:
            return MISSING
        if not self.recent_speakers:
            return 0.0
        return self.recent_speakers.count(cand) / len(self.recent_speakers)

    def _nominal_gender(self, gender: str) -> float:
        if not self.nominal_gender:
            return MISSING
        if not gender:
            return 0.0
        return 1.0 if gender == self.nominal_gender else -1.0

    def _prev_para_last(self, info: QuoteInfo) -> str | None:
        """The last character named in the previous paragraph, when it is pure narration."""
        para = info.quote.paragraph - 1
        if para < 0 or (info.index > 0 and self.ctx.infos[info.index - 1].quote.last_paragraph
                        == para):
            return None
        lo, hi = self.prev_para_range
        return self.ctx.narration.mentions[hi - 1].character if hi > lo else None

    def _neighbour_choices(self, info: QuoteInfo) -> dict[int, str | None]:
        """The speaker chosen for the k-th previous quotation (k < 0: following), for k in
        -2..2, when it is in the same exchange (within 3 paragraphs)."""
        choices: dict[int, str | None] = {}
        if self.previous is None:
            return choices
        for k in (-2, -1, 1, 2):
            j = info.index - k
            choices[k] = None
            if not 0 <= j < len(self.ctx.infos):
                continue
            other = self.ctx.infos[j].quote
            first, second = (other, info.quote) if j < info.index else (info.quote, other)
            if second.paragraph - first.last_paragraph <= 3:
                choices[k] = self.previous[j]
        return choices

    def _predicted(self, k: int, cand: str) -> float:
        """Whether the speaker chosen for the k-th previous quotation (second pass) is cand."""
        if self.previous is None:
            return MISSING
        chosen = self.neighbour_choices[k]
        return float(chosen is not None and chosen == cand)

    def _nominal_match(self, info: QuoteInfo, cand: str) -> bool:
        """A descriptive tag ("the old man") whose head word is part of a candidate name."""
        char = self.ctx.characters.get(cand)
        if char is None:
            return False
        names = " ".join([char.get("name", ""), *char.get("aliases", [])]).lower().split()
        for tag in info.tags:
            if tag.kind == "nominal":
                head = tag.subject_text.lower().split()[-1:]
                if head and head[0] in names:
                    return True
        return False
