"""The shipped person-noun detector: which noun heads name a person though the lexicon
lacks them ("the miner", "an urchin", "the ayah").

A LightGBM classifier over the features of ``ficlens.coref.noun_features`` with the
lexical tables counted on LitBank's training documents, both in
``models/coref_person_nouns.json.gz`` (see its ``.meta.json``). A noun whose probability
reaches ``add_threshold`` heads a nominal mention (``ficlens.coref.nominals``); nouns the
lexicon knows are left to the lexicon's rules.
"""

from __future__ import annotations

import gc
import gzip
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from ficlens.coref.noun_features import DocView, LexicalTables, candidates, token_rows
from ficlens.document import Span
from ficlens.errors import ModelError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
DETECTOR_FILE = MODEL_DIR / "coref_person_nouns.json.gz"
DETECTOR_META_FILE = MODEL_DIR / "coref_person_nouns.meta.json"


class HeadFinder(Protocol):
    def person_heads(
        self, text: str, tokens: Sequence[Span], taken: Iterable[tuple[int, int]]
    ) -> frozenset[int]: ...


class NounDetector:
    """Probabilities that candidate noun heads name a person, and the heads that clear the
    threshold."""

    def __init__(self, booster: Any, tables: LexicalTables, add_threshold: float) -> None:
        self.booster = booster
        self.tables = tables
        self.add_threshold = add_threshold

    def probabilities(self, view: DocView, indices: Sequence[int]) -> np.ndarray:
        if not indices:
            return np.zeros(0)
        rows = token_rows(view, indices, self.tables)
        return np.asarray(self.booster.predict(rows, num_threads=1), dtype=np.float64)

    def person_heads(
        self, text: str, tokens: Sequence[Span], taken: Iterable[tuple[int, int]] = ()
    ) -> frozenset[int]:
        """Token indices of the candidate heads that name a person."""
        with paused_gc():
            view = DocView(text, tokens)
            indices = candidates(view, taken, self.tables, lexicon=False)
            probs = self.probabilities(view, indices)
        return frozenset(i for i, p in zip(indices, probs.tolist(), strict=True)
                         if p >= self.add_threshold)

    def with_probabilities(self, indices: Sequence[int], probs: np.ndarray) -> FixedHeads:
        """Heads from given probabilities (out-of-fold ones, in training) at this threshold."""
        return FixedHeads(frozenset(
            i for i, p in zip(indices, np.asarray(probs).tolist(), strict=True)
            if p >= self.add_threshold
        ))


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while the short-lived feature lists are built: with a
    long novel's layers in memory, each full collection walks millions of objects."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class FixedHeads:
    """A head finder that answers with heads decided beforehand."""

    def __init__(self, heads: frozenset[int]) -> None:
        self.heads = heads

    def person_heads(
        self, text: str, tokens: Sequence[Span], taken: Iterable[tuple[int, int]] = ()
    ) -> frozenset[int]:
        return self.heads


NO_HEADS = FixedHeads(frozenset())


@lru_cache(maxsize=2)
def load_detector(model_file: Path = DETECTOR_FILE) -> NounDetector | None:
    """The shipped detector, or None when its file is absent (no extra person nouns)."""
    from ficlens.models.booster import Booster  # its errors are ValueErrors

    if not model_file.exists():
        return None
    try:
        with gzip.open(model_file, "rt", encoding="utf-8") as fh:
            payload = json.load(fh)
        booster = Booster(model_str=payload["booster"])
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"person-noun model unreadable: {model_file}: {exc}") from exc
    tables = LexicalTables.from_dict(payload["tables"])
    return NounDetector(booster, tables, float(payload["add_threshold"]))
