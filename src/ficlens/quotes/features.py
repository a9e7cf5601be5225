"""Features of each (quotation, candidate speaker) pair for the learned ranking model.

Candidates are the characters mentioned in the paragraphs around a quotation plus the
speakers the tags gave for the last few quotations. Every feature is computed the same way
in training (PDNC) and at run time, from the layers alone: once per quotation its window
(``ficlens.quotes.window``), then per candidate each family of features
(``ficlens.quotes.families``).
"""

from __future__ import annotations

from operator import itemgetter

from ficlens.quotes.config import tunables
from ficlens.quotes.context import StoryContext
from ficlens.quotes.families import candidate_row, quote_features, sequence_features
from ficlens.quotes.reader import QuoteInfo
from ficlens.quotes.window import (
    StoryTables,
    build_window,
    pronoun_tag_gender,
    sequence_window,
)

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
    """Who may speak a quotation: those named in the paragraphs around it, the tag
    speakers of the last few quotations, its tags' characters, the narrator, the last few
    named and the story's leading characters, in that order."""
    quote = info.quote
    first = max(0, quote.paragraph - tunables().back_paragraphs)
    last = min(len(ctx.paragraphs) - 1, quote.last_paragraph + tunables().ahead_paragraphs)
    everyone = ctx.all_mentions
    seen = dict.fromkeys(everyone.first_appearances(
        *everyone.span(ctx.paragraphs[first][0], ctx.paragraphs[last][1])))
    for k in range(1, tunables().history + 1):
        if info.index - k >= 0:
            speaker = ctx.infos[info.index - k].rule_speaker
            if speaker is not None:
                seen.setdefault(speaker)
    for tag in info.tags:
        if tag.character is not None:
            seen.setdefault(tag.character)
    narrator = ctx.narrator_at(quote.start)
    if narrator is not None:
        seen.setdefault(narrator)
    recent = everyone.latest_appearances(
        *everyone.span(max(0, quote.start - tunables().recent_reach), quote.start),
        tunables().recent_characters)
    for cand in recent:
        seen.setdefault(cand)
    for cand in ctx.leading_characters[:tunables().leading_characters]:
        seen.setdefault(cand)
    return list(seen)


class FeatureBuilder:
    """Turns a StoryContext into rows of FEATURES, one per (quotation, candidate)."""

    def __init__(self, ctx: StoryContext, previous: list[str | None] | None = None) -> None:
        """``previous``: the speakers a first pass chose, for the sequence features."""
        self.ctx = ctx
        self.tables = StoryTables(ctx, previous)

    def rows(self, info: QuoteInfo, cands: list[str] | None = None
             ) -> tuple[list[str], list[list[float]]]:
        """The quotation's candidates (``cands`` when already known) and a row for each."""
        cands = candidates(self.ctx, info) if cands is None else cands
        if not cands:
            return [], []
        window = build_window(self.tables, info, cands)
        shared = quote_features(self.tables, window)
        pick = itemgetter(*FEATURES)
        rows = []
        for cand in cands:
            row = candidate_row(self.tables, window, cand)
            row.update(shared)  # the quotation's features: names no family uses
            rows.append(list(map(float, pick(row))))
        return cands, rows

    def sequence_rows(self, info: QuoteInfo, cands: list[str]) -> list[list[float]]:
        """Only the SEQUENCE_FEATURES of ``rows`` (same values), for a later pass."""
        window = sequence_window(self.tables, info, cands, pronoun_tag_gender(info))
        pick = itemgetter(*SEQUENCE_FEATURES)
        return [list(pick(sequence_features(window, cand))) for cand in cands]
