"""Second look at the stage's own nominal mentions ("the girl", "his wife", "the doctor").

The antecedent ranker judges each nominal against single earlier mentions. Here each of a
nominal's best candidates is judged together with what the first clustering pass knows of
the candidate's entity: how often and how recently it was mentioned, the gender its
pronouns give it, whether one of its mentions had the nominal's head word ("the girl" after
"the girl"), or described it by apposition or copula ("Emma, the eldest daughter",
"Mr. X was a doctor" ... "the doctor"), and whether the entity possesses the nominal ("his
wife" is not "he"). A small LightGBM classifier (``coref_nominal.lgb.txt``, trained on the
pipeline's own mentions of the LitBank training documents) gives each pair a probability;
the nominal joins its likeliest candidate's entity when that clears the metadata's
``nominal_link_threshold``.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ficlens.coref.config import tunables
from ficlens.coref.mentions import DEP_CODES, POSSESSED, PRON, MentionTable
from ficlens.lexicon import kin_terms

POSS_DEP = DEP_CODES["poss"]
DESCRIPTION_DEPS = frozenset({DEP_CODES["appos"]})  # appos and attr share the code
# Relatives by blood or marriage, formal words only ("her mother", not "her mom").
FAMILY_RELATIONS = frozenset({
    "parent", "child", "sibling", "spouse", "parent's sibling", "sibling's child", "cousin",
    "grandparent", "grandchild",
})  # fmt: skip
KIN_NOUNS = frozenset(
    word for word, term in kin_terms().items() if term.formal and term.relation in FAMILY_RELATIONS
)
NOMINAL_FEATURES = (
    "score", "rank", "gap_to_best", "best_score", "entity_share", "ent_count", "ent_character",
    "ent_he", "ent_she", "ent_gender_agree", "ent_head_match", "ent_description_match",
    "ent_sent_gap", "ent_recent", "ent_possesses", "ent_plural_share", "ent_subject_prev",
    "repeat_target", "c_kind", "c_subject", "c_plural", "a_determiner", "a_plural",
    "a_gender", "a_in_quote", "a_subject", "a_length", "a_postmodified", "sent_dist",
    "same_quote", "head_match", "exact_match", "gender_agree", "number_agree", "describes",
)


@dataclass
class EntityState:
    """What the mentions so far say about one entity of the first pass."""

    count: int = 0
    he: int = 0
    she: int = 0
    plural: int = 0
    last_sent: int = -10**9
    last_subject_sent: int = -10**9
    heads: set[int] = field(default_factory=set)
    descriptions: set[int] = field(default_factory=set)


@dataclass
class NominalContext:
    """Everything the features read: the mention table, the first pass's labels, each
    anaphor's ranked candidates and the repeated-definite pairs."""

    table: MentionTable
    labels: list[str]
    ranked: dict[int, list[tuple[int, float]]]
    anaphors: Sequence[int]
    repeats: dict[int, int]
    characters: frozenset[str]
    genders: dict[str, str | None]
    head_ends: np.ndarray  # end offset of each mention's head token


def described_by(table: MentionTable) -> dict[int, int]:
    """Nominals in apposition to a mention or predicated of a subject, mapped to it:
    "Emma, the eldest daughter" and "Mr. X was a doctor" both describe the name."""
    by_token = {int(t): i for i, t in enumerate(table.token.tolist())}
    subjects: dict[int, int] = {}
    for i in np.flatnonzero(table.subject == 1).tolist():
        subjects.setdefault(int(table.verb[i]), i)
    out: dict[int, int] = {}
    for i in np.flatnonzero((table.kind != PRON) & np.isin(table.dep, list(DESCRIPTION_DEPS))):
        parent = int(table.parent[i])
        target = by_token.get(parent, subjects.get(parent))
        if target is not None and target != i:
            out[int(i)] = target
    return out


def possessors(table: MentionTable) -> dict[int, int]:
    """Each mention possessed by another ("his wife", "Tom's sister"): the possessor."""
    by_token = {int(t): i for i, t in enumerate(table.token.tolist())}
    out: dict[int, int] = {}
    for p in np.flatnonzero(table.dep == POSS_DEP).tolist():
        owned = by_token.get(int(table.parent[p]))
        if owned is not None and owned != p:
            out[owned] = p
    return out


def _update(state: EntityState, table: MentionTable | _Columns, i: int) -> None:
    state.count += 1
    state.last_sent = int(table.sent[i])
    if table.subject[i]:
        state.last_subject_sent = int(table.sent[i])
    if table.kind[i] == PRON and table.person[i] == 3:
        state.he += int(table.gender[i] == 1)
        state.she += int(table.gender[i] == 2)
        state.plural += int(table.plural[i] == 1)
    elif table.kind[i] != PRON:
        state.heads.add(int(table.head_key[i]))
        state.plural += int(table.plural[i] == 1)


def _entity_gender(state: EntityState, label: str, genders: dict[str, str | None]) -> int:
    known = genders.get(label)
    if known in ("m", "f"):
        return 1 if known == "m" else 2
    if state.he > state.she:
        return 1
    return 2 if state.she > state.he else 0


def _agree(x: int, y: int) -> int:
    return 0 if x == 0 or y == 0 else (1 if x == y else -1)


def _shares(cands: list[tuple[int, float]], labels: list[str]) -> dict[str, float]:
    """Softmax share of each entity among the candidates and "no antecedent" (score 0)."""
    weights = np.exp(np.clip([s for _, s in cands], -30, 30))
    total = 1.0 + float(weights.sum())
    out: dict[str, float] = {}
    for (j, _), w in zip(cands, weights.tolist(), strict=True):
        out[labels[j]] = out.get(labels[j], 0.0) + w / total
    return out


class _Columns:
    """A mention table's columns as Python lists, converted on first use: the pair rows
    read single cells, which a list gives far faster than a numpy array."""

    def __init__(self, table: MentionTable) -> None:
        self._table = table

    def __getattr__(self, name: str) -> object:
        value = getattr(self._table, name)
        if isinstance(value, np.ndarray):
            value = value.tolist()
        setattr(self, name, value)
        return value


def _pair_row(
    ctx: NominalContext, t: _Columns, i: int, j: int, rank: int,
    cands: list[tuple[int, float]], states: dict[str, EntityState], recent: Counter[str],
    extras: tuple,
) -> list[float]:
    label = ctx.labels[j]
    state = states.get(label, EntityState())
    shares, owner, description_of, described = extras
    score, best = cands[rank][1], cands[0][1]
    ent_gender = _entity_gender(state, label, ctx.genders)
    plural_share = state.plural / state.count if state.count else 0.0
    possesses = owner is not None and ctx.labels[owner] == label
    sent_dist = int(t.sent[i] - t.sent[j])
    same_quote = t.quote[i] >= 0 and t.quote[i] == t.quote[j]
    return [
        score, rank, best - score, best, shares.get(label, 0.0), state.count,
        label in ctx.characters, state.he, state.she, _agree(int(t.gender[i]), ent_gender),
        int(t.head_key[i]) in state.heads, int(t.head_key[i]) in description_of(label),
        int(t.sent[i]) - state.last_sent, recent[label], possesses, plural_share,
        state.last_subject_sent == int(t.sent[i]) - 1, ctx.repeats.get(i) == j,
        t.kind[j], t.subject[j], t.plural[j], t.determiner[i], t.plural[i], t.gender[i],
        t.quote[i] >= 0, t.subject[i], len(t.words[i].split()),
        t.ends[i] > ctx.head_ends[i], sent_dist, same_quote,
        t.head_key[i] == t.head_key[j] and t.kind[j] != PRON, t.text_key[i] == t.text_key[j],
        _agree(int(t.gender[i]), int(t.gender[j])),
        _agree(int(t.plural[i] != 1), int(t.plural[j] != 1)) if t.plural[j] != 2 else 0,
        described is not None and ctx.labels[described] == label,
    ]


def nominal_pairs(ctx: NominalContext) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(anaphor, candidate, features)`` for every nominal anaphor's ranked candidates,
    the entity facts taken from the mentions before the anaphor."""
    t = ctx.table
    wanted = set(ctx.anaphors)
    descriptions = described_by(t)
    owners = possessors(t)
    cols = _Columns(t)
    states: dict[str, EntityState] = {}
    recent: Counter[str] = Counter()
    window: deque[str] = deque()
    a_out, c_out, rows = [], [], []
    for i in range(len(t)):
        cands = ctx.ranked.get(i, []) if i in wanted else []
        if cands:
            shares = _shares(cands, ctx.labels)

            def description_of(label: str) -> set[int]:
                return states.get(label, EntityState()).descriptions

            extras = (shares, owners.get(i), description_of, descriptions.get(i))
            for rank, (j, _score) in enumerate(cands):
                a_out.append(i)
                c_out.append(j)
                rows.append(_pair_row(ctx, cols, i, j, rank, cands, states, recent, extras))
        label = ctx.labels[i]
        _update(states.setdefault(label, EntityState()), cols, i)
        if i in descriptions:
            target_label = ctx.labels[descriptions[i]]
            states.setdefault(target_label, EntityState()).descriptions.add(cols.head_key[i])
        window.append(label)
        recent[label] += 1
        if len(window) > tunables().recent_mentions:
            recent[window.popleft()] -= 1
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, len(NOMINAL_FEATURES)))
    return (np.array(a_out, np.int64), np.array(c_out, np.int64),
            np.array(rows, dtype=np.float32))


def kin_without_history(ctx: NominalContext, a: np.ndarray, c: np.ndarray,
                        features: np.ndarray) -> np.ndarray:
    """Pairs where a possessed kinship noun ("his wife", "her son") would join an entity
    never called so before: the possessor's wife is somebody the story has to introduce."""
    t = ctx.table
    kin = np.array([
        t.determiner[i] == POSSESSED and t.ends[i] == ctx.head_ends[i]
        and t.words[i].rsplit(maxsplit=1)[-1] in KIN_NOUNS
        for i in range(len(t))
    ], dtype=bool)
    head = features[:, NOMINAL_FEATURES.index("ent_head_match")] > 0
    described = features[:, NOMINAL_FEATURES.index("ent_description_match")] > 0
    return kin[a] & ~head & ~described if len(a) else np.zeros(0, dtype=bool)


def best_links(
    a: np.ndarray, c: np.ndarray, probs: np.ndarray, threshold: float
) -> dict[int, int]:
    """Each anaphor's likeliest candidate, when its probability clears ``threshold``."""
    best: dict[int, tuple[int, float]] = {}
    for i, j, p in zip(a.tolist(), c.tolist(), probs.tolist(), strict=True):
        if p >= threshold and (i not in best or p > best[i][1]):
            best[i] = (j, p)
    return {i: j for i, (j, _p) in best.items()}



