"""Relationship warmth over the story: mean valence of what passes between two characters.

A sentence counts for a pair when it lies in a speech quote one of them says to the other,
or when it is narration that refers to both. The story is cut into ``warmth_bins`` equal
stretches (by text offset); each gets the mean VADER score of the pair's sentences in it,
or ``None`` where the two share nothing there.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from ficlens.coref.readings import QuoteIndex, read_references, refs_per_span, speech_quotes
from ficlens.document import Work
from ficlens.relations.interactions import Pair, pair_of
from ficlens.valence import ScoredSentence


def pair_sentences(work: Work, scored: list[ScoredSentence]) -> dict[Pair, list[ScoredSentence]]:
    quotes = QuoteIndex(speech_quotes(work))
    spans = [(s.start, s.end) for s in scored]
    per_pair: dict[Pair, list[ScoredSentence]] = defaultdict(list)
    for sentence, inside in zip(scored, refs_per_span(read_references(work), spans), strict=True):
        quote = quotes.at((sentence.start + sentence.end) // 2)
        if quote is not None:
            speaker, addressee = quote.get("speaker"), quote.get("addressee")
            if speaker and addressee and speaker != addressee:
                per_pair[pair_of(str(speaker), str(addressee))].append(sentence)
            continue
        for pair in combinations(sorted({r.character for r in inside}), 2):
            per_pair[pair].append(sentence)
    return per_pair


def warmth_curve(
    sentences: list[ScoredSentence], text_length: int, bins: int
) -> list[float | None]:
    totals = [0.0] * bins
    counts = [0] * bins
    for s in sentences:
        b = min(bins - 1, s.start * bins // max(1, text_length))
        totals[b] += s.score
        counts[b] += 1
    return [round(t / n, 4) if n else None for t, n in zip(totals, counts, strict=True)]


def mean_warmth(sentences: list[ScoredSentence]) -> float | None:
    return round(sum(s.score for s in sentences) / len(sentences), 4) if sentences else None
