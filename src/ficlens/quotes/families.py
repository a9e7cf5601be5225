"""The ranking features, family by family: each family reads one part of a quotation's
window (``ficlens.quotes.window``) and gives its features for one candidate."""

from __future__ import annotations

import bisect
import math

from ficlens.quotes.config import tunables
from ficlens.quotes.context import StoryContext
from ficlens.quotes.exchanges import NO_TURN
from ficlens.quotes.reader import QuoteInfo
from ficlens.quotes.window import (
    ExchangeWindow,
    MentionWindow,
    NeighbourWindow,
    QuoteWindow,
    SequenceWindow,
    StoryTables,
    TagWindow,
    VoiceWindow,
)

MISSING = -1.0
NO_VOICE = -99.0  # a voice margin is itself negative
FAR = 1e6
TAG_KINDS = {"": 0, "name": 1, "pronoun": 2, "nominal": 3}
GENDER_CODES = {"m": 1.0, "f": 2.0}


def log_count(x: float) -> float:
    return math.log1p(x) if x >= 0 else MISSING


def _count(starts: list[int], lo: int, hi: int) -> int:
    """How many of the sorted offsets ``starts`` lie in [lo, hi)."""
    return bisect.bisect_left(starts, hi) - bisect.bisect_left(starts, lo)


def _agrees(wanted: str, gender: str) -> float:
    """1 when a candidate has the gender a cue asks for, -1 when the other, else MISSING."""
    if not wanted or not gender:
        return MISSING
    return 1.0 if wanted == gender else -1.0


def candidate_row(tables: StoryTables, w: QuoteWindow, cand: str) -> dict[str, float]:
    """Every candidate family's features of ``cand`` for the quotation of ``w`` (the
    quotation's own features, the same for every candidate, are ``quote_features``)."""
    ctx = tables.ctx
    gender = ctx.gender.get(cand, "")
    return {
        **story_features(tables, cand, gender, w.info.quote.start),
        **tag_features(ctx, w.info, w.tags, cand, gender),
        **mention_features(ctx, w.info, w.mentions, cand, gender),
        **neighbour_features(w.neighbours, w.tags.pron_gender, cand, gender),
        **exchange_features(w.exchange, cand, gender),
        **voice_features(w.voice, cand, "voice_margin", "voice_rank"),
        **sequence_features(w.sequence, cand),
    }


def quote_features(tables: StoryTables, w: QuoteWindow) -> dict[str, float]:
    """The quotation's own features, the same for every candidate."""
    ctx, info, exchanges = tables.ctx, w.info, tables.exchanges
    quote = info.quote
    prev = ctx.infos[info.index - 1].quote if info.index > 0 else None
    first, last = exchanges.paragraph_groups[info.index]
    scene_start = ctx.scene_start(quote.start)
    scene_quotes = info.index - ctx.speech_view.first_from(scene_start)
    return {
        "tag_kind": TAG_KINDS[info.rule_kind],
        "tag_first_person": float(ctx.first_person_tag(info)),
        "gap_paras": quote.paragraph - prev.last_paragraph if prev else 99,
        "quotes_in_para": last - first,
        "pos_in_para": info.index - first,
        "quote_len": log_count(quote.end - quote.start),
        "starts_para": float(quote.start == ctx.paragraphs[quote.paragraph][0]),
        "n_cands": len(w.cands),
        "conv_len": min(exchanges.conversation_lengths[info.index], tunables().max_count),
        "scene_quotes": min(scene_quotes, tunables().max_count),
    }


def story_features(tables: StoryTables, cand: str, gender: str, offset: int) -> dict[str, float]:
    """How the whole story treats the candidate: how often named, quoted, tagged, and
    whether they narrate where the quotation stands."""
    ctx = tables.ctx
    total = ctx.total_by_char.get(cand, 0)
    return {
        "gender": GENDER_CODES.get(gender, 0.0),
        "global_log": log_count(total),
        "global_rank": tables.global_rank.get(cand, 999),
        "narrator": float(cand == ctx.narrator_at(offset)),
        "quoted_frac": ctx.quoted_by_char.get(cand, 0) / total if total else MISSING,
        "tagged_lines": tables.tagged_lines.get(cand, 0.0),
    }


def tag_features(
    ctx: StoryContext, info: QuoteInfo, tags: TagWindow, cand: str, gender: str
) -> dict[str, float]:
    """What the speech tags, and the names and address words in and around the
    quotation, say of the candidate."""
    return {
        "tag_name": float(cand in tags.named),
        "tag_name_after": float(cand in tags.after),
        "tag_name_before": float(cand in tags.before),
        "tag_nominal_match": float(_nominal_match(ctx, info, cand)),
        "tag_pron_gender": _pronoun_agreement(tags.pron_gender, gender),
        "tag_pron_rank": tags.pron_rank.get(cand, 99) if tags.pron_rank else MISSING,
        "tag_nominal_gender": _nominal_agreement(tags.nominal_gender, gender),
        "epithet_affinity": tags.affinity.get(cand, 0.0) if tags.affinity else MISSING,
        "epithet_rank": tags.affinity_rank.get(cand, 99) if tags.affinity else MISSING,
        "rule_speaker": float(info.rule_speaker == cand),
        "in_quote": float(cand in info.inside),
        "vocative": float(cand in info.vocatives),
        "near_after": float(cand in info.near_after),
        "lead_in": float(cand in info.lead_in),
        "addressed_self": _agrees(info.addressed, gender),
    }


def _pronoun_agreement(wanted: str, gender: str) -> float:
    if not wanted:
        return MISSING
    return 1.0 if gender == wanted else (0.0 if not gender else -1.0)


def _nominal_agreement(wanted: str, gender: str) -> float:
    if not wanted:
        return MISSING
    if not gender:
        return 0.0
    return 1.0 if gender == wanted else -1.0


def _nominal_match(ctx: StoryContext, info: QuoteInfo, cand: str) -> bool:
    """A descriptive tag ("the old man") whose head word is part of a candidate name."""
    heads = [words[-1] for t in info.tags if t.kind == "nominal"
             and (words := t.subject_text.lower().split())]
    char = ctx.characters.get(cand)
    if not heads or char is None:
        return False
    names = " ".join(char.names).lower().split()
    return any(head in names for head in heads)


def mention_features(
    ctx: StoryContext, info: QuoteInfo, w: MentionWindow, cand: str, gender: str
) -> dict[str, float]:
    """Where and how often the candidate was named before (and after) the quotation."""
    quote, narration = info.quote, ctx.narration
    last_any = ctx.all_mentions.last_of(cand, *w.recent)
    last_narr = ctx.last_narration_mention(cand, quote.start)
    next_narr = ctx.next_narration_mention(cand, quote.end)
    para_lo, para_hi = w.paragraph
    focal = _count(ctx.subject_starts_by_char.get(cand, []), w.focal_start, quote.start)
    return {
        "last_dist": log_count(quote.start - last_any.end if last_any and last_any.end
                               else FAR),
        "last_narr_dist": log_count(quote.start - last_narr.end) if last_narr else log_count(FAR),
        "last_narr_paras": quote.paragraph - last_narr.paragraph if last_narr else 999,
        "last_narr_backstory": float(last_narr.backstory) if last_narr else MISSING,
        "next_narr_dist": log_count(next_narr.start - quote.end) if next_narr else log_count(FAR),
        "recency_rank": w.recency.get(cand, 99),
        "cnt_para": narration.count(cand, para_lo, para_hi),
        "cnt_prev1": narration.count(cand, *w.previous_paragraph),
        "cnt_prev3": narration.count(cand, *w.near_paragraphs),
        "cnt_win": narration.count(cand, *w.window),
        "para_subject_before": float(narration.subject_ending_by(
            cand, para_lo, min(para_hi, w.upto_quote), quote.start)),
        "para_subject_after": float(narration.has_subject(
            cand, max(para_lo, w.after_quote), para_hi)),
        "prev_para_subject": float(narration.has_subject(cand, *w.previous_paragraph)),
        "first_in_para": float(
            para_hi > para_lo and narration.mentions[para_lo].character == cand),
        "subject_recent": float(w.recent_subjects.get(gender) == cand) if gender else 0.0,
        "prev_para_last": float(w.previous_paragraph_last == cand),
        "scene_count": log_count(_count(ctx.starts_by_char.get(cand, []), w.scene_start,
                                        quote.start)),
        "focal_share": focal / w.focal_total if w.focal_total else MISSING,
    }


def neighbour_features(
    w: NeighbourWindow, pron_gender: str, cand: str, gender: str
) -> dict[str, float]:
    """What the quotations around this one say of the candidate."""
    prev = w.prev_sets
    return {
        **{name: float(cand in characters) for name, characters in prev.items()},
        "rule_same_para": float(w.same_para_rules[cand] > 0),
        "pron_prev_named": float(w.pron_prev_named == cand) if pron_gender else MISSING,
        "named_speaker_share": (w.recent_named.count(cand) / len(w.recent_named)
                                if w.recent_named else 0.0),
        "voc_stretch": w.stretch_vocatives.get(cand, 0),
        "addressed_prev": _agrees(w.addressed_prev, gender),
        "addressed_next": _agrees(w.addressed_next, gender),
    }


def exchange_features(w: ExchangeWindow, cand: str, gender: str) -> dict[str, float]:
    """The candidate's part in the exchange: named in its setting, acting in it, named
    by tags on its turns."""
    named, subjects = w.setup
    profile = w.profile
    return {
        "setup_count": named.get(cand, 0),
        "setup_subject": float(cand in subjects),
        "run_talked_about": profile.talked_about.get(cand, 0),
        "run_narr": profile.narration.get(cand, 0),
        "run_subject": profile.subjects.get(cand, 0),
        "run_gender_share": profile.gender_share(gender),
        "run_vocative": profile.vocatives.get(cand, 0),
        "run_turn": min(w.turn, tunables().max_count),
        "turn_same_named": w.anchor_same.get(cand, NO_TURN),
        "turn_other_named": w.anchor_other.get(cand, NO_TURN),
    }


def voice_features(w: VoiceWindow, cand: str, margin: str, rank: str) -> dict[str, float]:
    """How the quotation's words fit the candidate's voice (as ``margin`` and ``rank``)."""
    return {
        margin: w.scores.get(cand, NO_VOICE),
        rank: w.ranks.get(cand, 99) if w.ranks else MISSING,
    }


def sequence_features(w: SequenceWindow, cand: str) -> dict[str, float]:
    """Whom a previous pass chose for the quotations around this one."""
    return {
        "pred_next1": _predicted(w, -1, cand),
        "pred_next2": _predicted(w, -2, cand),
        "pred_prev1": _predicted(w, 1, cand),
        "pred_prev2": _predicted(w, 2, cand),
        "pron_prev_speaker": (float(w.pron_prev_speaker == cand)
                              if w.has_previous and w.pron_gender else MISSING),
        "recent_speaker_share": _recent_share(w, cand),
        **voice_features(w.voice, cand, "voice_pred_margin", "voice_pred_rank"),
    }


def _predicted(w: SequenceWindow, k: int, cand: str) -> float:
    """Whether the speaker chosen for the k-th previous quotation is ``cand``."""
    if not w.has_previous:
        return MISSING
    chosen = w.choices[k]
    return float(chosen is not None and chosen == cand)


def _recent_share(w: SequenceWindow, cand: str) -> float:
    if not w.has_previous:
        return MISSING
    if not w.recent_speakers:
        return 0.0
    return w.recent_speakers.count(cand) / len(w.recent_speakers)
