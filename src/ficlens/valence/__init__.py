"""Pipeline stage ``valence``: sentence valence with VADER, over story text only (author's
notes, headings, scene-break markers and POV labels left out).

Adds layer ``valence``: one span per story sentence, attr ``score`` (VADER's compound,
-1..1, which VADER rounds to 4 decimals). It runs before ``relations`` (relationship warmth)
and ``arc`` (the emotional arc), which read the layer through :func:`read_valence`. Why
VADER: see :mod:`ficlens.arc`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from ficlens.document import Span, Work
from ficlens.stage import Stage

# Layers whose text is not part of the story's emotional course.
NOT_STORY = ("notes", "headings", "scene_breaks", "pov_labels")
_FALLBACK_SENTENCE = re.compile(r"[^\s][^\n]*?(?:[.!?]+[\"'”’)]*(?=\s)|(?=\n)|$)")


@dataclass(frozen=True, slots=True)
class ScoredSentence:
    start: int
    end: int
    score: float  # VADER compound, -1..1


@lru_cache(maxsize=1)
def analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@dataclass(frozen=True)
class ValenceConfig:
    not_story: tuple[str, ...] = NOT_STORY  # layers whose text is left out


def story_sentences(work: Work, not_story: tuple[str, ...] = NOT_STORY) -> list[tuple[int, int]]:
    """Sentence offsets from the ``sentences`` layer (or a regex split), minus non-story text."""
    spans = work.layer("sentences")
    if spans:
        sentences = [(s.start, s.end) for s in spans]
    else:
        sentences = [(m.start(), m.end()) for m in _FALLBACK_SENTENCE.finditer(work.text)]
    excluded = _merged(sorted((s.start, s.end) for name in not_story for s in work.layer(name)))
    starts = [start for start, _ in excluded]
    return [s for s in sentences if not _overlaps_any(s, excluded, starts)]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _overlaps_any(span: tuple[int, int], merged: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether ``span`` overlaps one of the sorted, disjoint ``merged`` spans."""
    i = bisect_left(starts, span[1]) - 1  # last excluded span starting before span ends
    return i >= 0 and merged[i][1] > span[0]


def sentence_valence(
    work: Work, not_story: tuple[str, ...] = NOT_STORY
) -> list[ScoredSentence]:
    """Every story sentence with its VADER compound score, in text order."""
    score = analyzer().polarity_scores
    text = work.text
    return [
        ScoredSentence(start, end, score(text[start:end])["compound"])
        for start, end in story_sentences(work, not_story)
    ]


def valence_layer(scored: list[ScoredSentence]) -> list[Span]:
    return [Span(s.start, s.end, {"score": round(s.score, 4)}) for s in scored]


def run(work: Work, config: ValenceConfig = ValenceConfig()) -> None:
    work.add_layer("valence", valence_layer(sentence_valence(work, config.not_story)))


def read_valence(work: Work) -> list[ScoredSentence]:
    """The ``valence`` layer as scored sentences, in text order."""
    return [ScoredSentence(s.start, s.end, float(s["score"])) for s in work.layer("valence")]


STAGE = Stage(
    name="valence",
    summary="sentence valence (VADER)",
    run=run,
    assigns=("valence",),
    reads=("sentences", *NOT_STORY),
    default=ValenceConfig(),
)
