"""Choosing the speaker and addressee of each quotation, and how sure we are."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ficlens.quotes.config import tunables
from ficlens.quotes.context import StoryContext
from ficlens.quotes.conversation import decode_conversations
from ficlens.quotes.features import FEATURES, SEQUENCE_FEATURES, FeatureBuilder, candidates
from ficlens.quotes.model import MODEL_DIR, PASS1, PASS2, load_speaker_model
from ficlens.quotes.reader import QuoteInfo

# where the sequence features sit in a row: the only columns a second-pass round rewrites
SEQUENCE_COLUMNS = [FEATURES.index(name) for name in SEQUENCE_FEATURES]


@dataclass(slots=True)
class Attribution:
    speaker: str | None
    addressee: str | None
    type: str
    confidence: float


def quote_type(info: QuoteInfo) -> str:
    """Explicit (a named tag), Anaphoric (pronoun or description tag) or Implicit."""
    kinds = {t.kind for t in info.tags}
    if "name" in kinds:
        return "Explicit"
    if kinds:
        return "Anaphoric"
    return "Implicit"


def candidate_rows(
    ctx: StoryContext, previous: list[str | None] | None = None
) -> tuple[list[list[str]], np.ndarray, list[int]]:
    """Candidates per quotation, one feature matrix for all of them, and group sizes.

    ``previous``: the speakers a first pass chose, which feed the sequence features."""
    builder = FeatureBuilder(ctx, previous)
    all_cands = [candidates(ctx, info) for info in ctx.infos]
    sizes = [len(cands) for cands in all_cands]
    # one matrix filled quotation by quotation: joining per-quotation blocks at the end
    # would hold a novel's largest array twice
    matrix = np.zeros((sum(sizes), len(FEATURES)))
    done = 0
    for info, cands in zip(ctx.infos, all_cands, strict=True):
        if cands:
            _cands, rows = builder.rows(info, cands)
            matrix[done : done + len(cands)] = rows
            done += len(cands)
    return all_cands, matrix, sizes


def with_sequence(
    ctx: StoryContext, cands: list[list[str]], matrix: np.ndarray, previous: list[str | None],
    in_place: bool = False,
) -> np.ndarray:
    """``matrix`` with its sequence features recomputed from ``previous``: the same rows
    ``candidate_rows(ctx, previous)`` gives, at a fraction of the cost. ``in_place``
    overwrites ``matrix``'s sequence columns instead of copying it (a novel's matrix is
    the largest thing the stage holds); the rows are written a sixteenth at a time."""
    builder = FeatureBuilder(ctx, previous)
    updated = matrix if in_place else matrix.copy()
    pending: list[list[float]] = []
    done, chunk = 0, len(updated) // 16 + 1
    for info, group in zip(ctx.infos, cands, strict=True):
        if group:
            pending.extend(builder.sequence_rows(info, group))
        if len(pending) >= chunk or (pending and info is ctx.infos[-1]):
            updated[done:done + len(pending), SEQUENCE_COLUMNS] = np.asarray(pending,
                                                                              dtype=np.float64)
            done += len(pending)
            pending = []
    return updated


def _softmax_top(scores: np.ndarray) -> tuple[int, float]:
    best = int(np.argmax(scores))
    exp = np.exp(scores - scores[best])
    return best, float(1.0 / exp.sum())


def _addressee(ctx: StoryContext, k: int, speakers: list[str | None]) -> str | None:
    """A vocative inside the quote; else the other side of the exchange."""
    info = ctx.infos[k]
    speaker = speakers[k]
    for cand in info.vocatives:
        if cand != speaker:
            return cand
    for j in (k + 1, k - 1):
        if 0 <= j < len(ctx.infos) and speakers[j] not in (None, speaker):
            other = ctx.infos[j].quote
            if abs(other.paragraph - info.quote.paragraph) <= 2:
                return speakers[j]
    return None


def decode(
    cands: list[list[str]], scores: np.ndarray, sizes: list[int]
) -> tuple[list[str | None], list[float]]:
    """The best-scoring candidate of each quotation and its softmax probability."""
    speakers: list[str | None] = []
    confidences: list[float] = []
    offset = 0
    for group, size in zip(cands, sizes, strict=True):
        if size == 0:
            speakers.append(None)
            confidences.append(0.0)
            continue
        best, confidence = _softmax_top(scores[offset : offset + size])
        speakers.append(group[best])
        confidences.append(round(confidence, 3) if math.isfinite(confidence) else 0.0)
        offset += size
    return speakers, confidences


def score(matrix: np.ndarray, which: str, model_dir: Path = MODEL_DIR) -> np.ndarray:
    """The scores of model ``which`` (read from ``model_dir``) for each row of ``matrix``."""
    if not len(matrix):
        return np.zeros(0)
    model, names = load_speaker_model(which, model_dir)
    if tuple(names) == tuple(FEATURES):  # no copy of a novel's matrix to reorder nothing
        return model.predict(matrix)
    columns = [FEATURES.index(n) for n in names]
    return model.predict(matrix[:, columns])


def rescore(
    rows: np.ndarray, scored: tuple[np.ndarray, np.ndarray] | None, which: str,
    model_dir: Path = MODEL_DIR,
) -> np.ndarray:
    """``score(rows, which, model_dir)``, reusing the scores of an earlier round of
    ``with_sequence`` on the same matrix (``scored``: that round's sequence columns, as
    ``sequence_columns`` copies them, and its scores by the same model) for the rows whose
    sequence columns did not change: a repeated second pass changes only the rows whose
    neighbours' speakers changed, and a row's score depends on that row alone."""
    if scored is None or scored[0].shape[0] != len(rows):
        return score(rows, which, model_dir)
    before, scores = scored
    changed = np.flatnonzero((sequence_columns(rows) != before).any(axis=1))
    scores = scores.copy()
    if len(changed):
        scores[changed] = score(rows[changed], which, model_dir)
    return scores


def sequence_columns(rows: np.ndarray) -> np.ndarray:
    """A copy of the columns ``with_sequence`` rewrites (the only ones a round changes)."""
    return rows[:, SEQUENCE_COLUMNS]


def attribute(ctx: StoryContext, model_dir: Path | None = None) -> list[Attribution]:
    """One Attribution per speech quotation of ``ctx``, in order, by the speaker models in
    ``model_dir`` (the shipped ones unless a candidate's folder is given).

    The first pass ranks candidates without knowing who spoke the neighbouring lines; the
    second adds those choices as features (turn-taking), and is repeated once on its own
    output. Each second pass reads speakers decoded per conversation
    (ficlens.quotes.conversation), and the last scores are decoded that way too (measured
    on PDNC dev: +0.3 points over feeding the second round its plain best candidates)."""
    model_dir = model_dir or tunables().model_dir
    cands, matrix, sizes = candidate_rows(ctx)
    speakers, confidences = decode(cands, score(matrix, PASS1, model_dir), sizes)
    scored: tuple[np.ndarray, np.ndarray] | None = None  # the last round's (see rescore)
    for _round in range(tunables().second_passes):
        # the earlier pass's sequence columns are read no more: overwritten, not copied
        # (rescore keeps its own copy of just those columns)
        rows = with_sequence(ctx, cands, matrix, speakers, in_place=True)
        scores = rescore(rows, scored, PASS2, model_dir)
        scored = sequence_columns(rows), scores
        speakers, confidences = decode_conversations(ctx, cands, scores, sizes)
    return [
        Attribution(speakers[k], _addressee(ctx, k, speakers), quote_type(info), confidences[k])
        for k, info in enumerate(ctx.infos)
    ]
