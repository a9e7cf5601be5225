"""Candidate antecedents and their features, computed for all pairs at once with numpy.

Each anaphor is paired with the mentions before it inside a fixed window (plus, for names
and nominals, the last earlier mention sharing its head word), so the cost is linear in the
number of mentions.
"""

from __future__ import annotations

import numpy as np

from ficlens.coref.config import tunables
from ficlens.coref.mentions import DEP_CODES, NOUN_CASE, PRON, MentionTable

POSS_DEP = DEP_CODES["poss"]
RULED_OUT = -1e6

FEATURE_NAMES = (
    "a_kind", "c_kind", "a_person", "c_person", "a_gender", "c_gender", "a_plural", "c_plural",
    "a_case", "c_case", "gender_agree", "number_agree", "person_agree", "sent_dist",
    "mention_dist", "token_dist", "c_subject", "a_subject", "c_dep", "a_dep", "a_in_quote",
    "c_in_quote", "same_quote", "quote_dist", "c_speech_subject", "c_tags_a_quote",
    "c_tags_other_quote", "exact_match", "head_match", "c_seen_before", "c_total_count",
    "compatible_between", "same_sentence", "same_form", "reflexive_local", "a_seen_before",
    "c_subject_prev_sent", "first_person_narration", "compatible_subjects_between",
    "same_verb", "c_entity_mentions_before_a", "c_main_subject", "main_subject_chain",
    "a_determiner", "c_determiner", "a_vocative", "c_vocative", "is_dummy",
)
# Columns that describe the anaphor alone: the only ones a "no antecedent" row keeps.
ANAPHOR_COLUMNS = frozenset({
    "a_kind", "a_person", "a_gender", "a_plural", "a_case", "a_subject", "a_dep",
    "a_in_quote", "a_seen_before", "a_determiner", "a_vocative", "is_dummy",
})
NOT_A_CANDIDATE = -1.0


def candidate_pairs(table: MentionTable, anaphors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(anaphor, candidate)`` index arrays, grouped by anaphor in ascending order."""
    a_parts: list[np.ndarray] = []
    c_parts: list[np.ndarray] = []
    last_by_head: dict[int, int] = {}
    anaphor_set = set(anaphors.tolist())
    head_key = table.head_key.tolist()
    kind = table.kind.tolist()
    for i in range(len(table)):
        if i in anaphor_set:
            window = tunables().pronoun_window if kind[i] == PRON else tunables().noun_window
            cands = np.arange(max(0, i - window), i, dtype=np.int64)
            far = last_by_head.get(head_key[i], -1) if kind[i] != PRON else -1
            if 0 <= far < i - window:
                cands = np.concatenate([[far], cands])
            a_parts.append(np.full(len(cands), i, dtype=np.int64))
            c_parts.append(cands)
        if kind[i] != PRON:
            last_by_head[head_key[i]] = i
    if not a_parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(a_parts), np.concatenate(c_parts)


def _prefix(mask: np.ndarray) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(mask.astype(np.int64))])


def binding_conflicts(table: MentionTable, a: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Pairs that binding theory rules out: a plain object pronoun and the subject of its
    own verb ("Dean walked over to him": him is not Dean), unless both are the same first
    or second person ("I found the heat too strong upon me"), and a possessor and the
    phrase it possesses ("her" in "her son" is not the son)."""
    t = table
    plain_object = (t.kind[a] == PRON) & (t.case[a] == 1) & (t.dep[a] != POSS_DEP)
    principle_b = plain_object & (t.subject[c] == 1) & (t.verb[a] == t.verb[c]) & (t.verb[a] >= 0)
    principle_b &= ~((t.person[a] != 3) & (t.person[a] == t.person[c]))
    return principle_b | _possessor_of(t, a, c) | _possessor_of(t, c, a)


def _possessor_of(t: MentionTable, owner: np.ndarray, owned: np.ndarray) -> np.ndarray:
    return (t.dep[owner] == POSS_DEP) & (t.parent[owner] == t.token[owned]) & (
        t.kind[owned] != PRON
    )


def _mentions_before(keys: np.ndarray, c: np.ndarray, a: np.ndarray) -> np.ndarray:
    """For each pair, how many mentions sharing the candidate's entity key precede ``a``."""
    n = len(keys)
    order = np.sort(keys.astype(np.int64) * (n + 1) + np.arange(n))
    base = keys[c].astype(np.int64) * (n + 1)
    return np.searchsorted(order, base + a) - np.searchsorted(order, base)


def pair_features(table: MentionTable, a: np.ndarray, c: np.ndarray) -> np.ndarray:
    """One row of :data:`FEATURE_NAMES` per (anaphor, candidate) pair."""
    t = table
    ga, gc = t.gender[a], t.gender[c]
    pa, pc = t.plural[a], t.plural[c]
    gender_agree = np.where((ga == 0) | (gc == 0), 0, np.where(ga == gc, 1, -1))
    number_agree = np.where((pa == 2) | (pc == 2), 0, np.where(pa == pc, 1, -1))
    qa, qc = t.quote[a], t.quote[c]
    in_a, in_c = qa >= 0, qc >= 0
    same_quote = in_a & (qa == qc)
    quote_dist = np.where(in_a & in_c, np.abs(qa - qc), -1)
    tags_a = in_a & ((t.tag_quote_before[c] == qa) | (t.tag_quote_after[c] == qa))
    tags_other = ~in_a & ((t.tag_quote_before[c] >= 0) | (t.tag_quote_after[c] >= 0))
    # mentions (and subjects) between candidate and anaphor agreeing in gender with the anaphor
    compatible = np.zeros(len(a), dtype=np.int64)
    compatible_subjects = np.zeros(len(a), dtype=np.int64)
    for code in (0, 1, 2):
        agree = (t.gender == code) | (t.gender == 0) if code else np.ones(len(t), bool)
        sel = ga == code
        prefix = _prefix(agree)
        compatible[sel] = prefix[a[sel]] - prefix[c[sel] + 1]
        prefix = _prefix(agree & (t.subject == 1))
        compatible_subjects[sel] = prefix[a[sel]] - prefix[c[sel] + 1]
    sent_dist = t.sent[a] - t.sent[c]
    same_form = (t.kind[a] == PRON) & (t.kind[c] == PRON) & (t.person[a] == t.person[c]) & (
        ga == gc
    ) & (pa == pc)
    reflexive_local = (t.case[a] == 3) & (sent_dist == 0)
    first_narr = (t.person[a] == 1) & (t.person[c] == 1) & ~in_a & ~in_c
    columns = (
        t.kind[a], t.kind[c], t.person[a], t.person[c], ga, gc, pa, pc,
        t.case[a], t.case[c], gender_agree, number_agree, (t.person[a] == t.person[c]),
        sent_dist, a - c, np.log1p(np.maximum(t.token[a] - t.token[c], 0)),
        t.subject[c], t.subject[a], t.dep[c], t.dep[a], in_a, in_c, same_quote, quote_dist,
        t.speech_subject[c], tags_a, tags_other,
        t.text_key[a] == t.text_key[c],
        (t.head_key[a] == t.head_key[c]) & (t.case[a] == NOUN_CASE) & (t.case[c] == NOUN_CASE),
        t.seen_before[c], t.total_count[c], compatible, sent_dist == 0, same_form,
        reflexive_local, t.seen_before[a], t.subject[c] & (sent_dist == 1), first_narr,
        compatible_subjects, (t.verb[a] == t.verb[c]) & (t.verb[a] >= 0),
        _mentions_before(t.entity_key, c, a), t.main_subject[c],
        (t.main_subject[a] == 1) & (t.main_subject[c] == 1) & (sent_dist == 1),
        t.determiner[a], t.determiner[c], t.vocative[a], t.vocative[c], np.zeros(len(a)),
    )
    # filled column by column into a column-major matrix: one contiguous write per column
    # (the model reads either layout; the values are the same float32s)
    out = np.empty((len(columns), len(a)), dtype=np.float32)
    for index, col in enumerate(columns):
        out[index] = col
    return out.T


def dummy_features(table: MentionTable, anaphors: np.ndarray) -> np.ndarray:
    """One "no antecedent" row per anaphor: its own columns, every pair column -1.

    The ranker scores it beside the real candidates, so it learns when a mention starts an
    entity (anaphoricity); candidates are then judged by how far they beat it."""
    rows = pair_features(table, anaphors, anaphors)
    for index, name in enumerate(FEATURE_NAMES):
        if name not in ANAPHOR_COLUMNS:
            rows[:, index] = NOT_A_CANDIDATE
    rows[:, FEATURE_NAMES.index("is_dummy")] = 1.0
    return rows
