"""Per-character arcs: the valence of the lines a character speaks and of sentences about them.

A sentence belongs to a character when its middle lies in a speech quote they speak, or
when it is narration that refers to them (name or resolved pronoun). The character's
sentences are binned by story position (``min(100, count)`` bins, so minor characters get
fewer points), empty bins are interpolated, and the series is DCT-smoothed like the story
arc. Points stay on VADER's -1..1 scale (not min-max rescaled) so characters compare.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from ficlens.arc.smoothing import dct_lowpass
from ficlens.coref.readings import QuoteIndex, read_references, refs_per_span, speech_quotes
from ficlens.document import Work
from ficlens.valence import ScoredSentence


def character_sentences(
    work: Work, scored: list[ScoredSentence]
) -> dict[str, list[ScoredSentence]]:
    quotes = QuoteIndex(speech_quotes(work))
    spans = [(s.start, s.end) for s in scored]
    per_character: dict[str, list[ScoredSentence]] = defaultdict(list)
    for sentence, inside in zip(scored, refs_per_span(read_references(work), spans), strict=True):
        quote = quotes.at((sentence.start + sentence.end) // 2)
        if quote is not None:
            if quote.get("speaker"):
                per_character[str(quote["speaker"])].append(sentence)
            continue
        for character in sorted({r.character for r in inside}):
            per_character[character].append(sentence)
    return per_character


def binned_curve(positions: np.ndarray, scores: np.ndarray, bins: int) -> np.ndarray:
    """Mean score per equal stretch of the story, empty stretches interpolated."""
    index = np.minimum((positions * bins).astype(int), bins - 1)
    totals = np.bincount(index, weights=scores, minlength=bins)
    counts = np.bincount(index, minlength=bins)
    filled = counts > 0
    centres = (np.arange(bins) + 0.5) / bins
    return np.interp(centres, centres[filled], totals[filled] / counts[filled])


def character_arcs(
    work: Work,
    scored: list[ScoredSentence],
    min_sentences: int,
    arc_points: int,
    low_pass_size: int,
) -> dict[str, dict[str, Any]]:
    length = max(1, len(work.text))
    arcs = {}
    for character, sentences in character_sentences(work, scored).items():
        if len(sentences) < min_sentences:
            continue
        positions = np.array([s.start / length for s in sentences])
        scores = np.array([s.score for s in sentences])
        bins = min(arc_points, len(sentences))
        curve = binned_curve(positions, scores, bins)
        smooth = dct_lowpass(curve, low_pass_size, bins)
        arcs[character] = {
            "points": [round(float(v), 4) for v in smooth],
            "count": len(sentences),
            "mean": round(float(scores.mean()), 4),
            "first": round(float(positions.min()), 4),
            "last": round(float(positions.max()), 4),
        }
    return arcs
