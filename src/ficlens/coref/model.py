"""The shipped antecedent ranker: a LightGBM model trained on LitBank (see coref.meta.json).

It is a learning-to-rank model (lambdarank, one query per anaphor) whose queries hold, beside
the real candidates, a "no antecedent" row describing the anaphor alone; a candidate's score
is its margin over that row, and the thresholds in the metadata (tuned on training
documents) decide when even the best candidate is too weak to link. The stage's
own nominal mentions use ``nominal_threshold`` (definite or possessed: "the woman", "his
wife") and ``indefinite_nominal_threshold`` ("a woman", "people"), both tuned end to end by
cross-validation on the training documents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ficlens.coref.features import (
    RULED_OUT,
    binding_conflicts,
    dummy_features,
    pair_features,
)
from ficlens.coref.mentions import MentionTable
from ficlens.coref.noun_detector import HeadFinder
from ficlens.errors import ModelError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_FILE = MODEL_DIR / "coref.lgb.txt"
META_FILE = MODEL_DIR / "coref.meta.json"
NOMINAL_MODEL_FILE = MODEL_DIR / "coref_nominal.lgb.txt"
LINK_THRESHOLD = "nominal_link_threshold"
DEFAULT_THRESHOLD = 0.0
PAIRS_PER_BATCH = 100_000


class Ranker:
    """Scores (anaphor, candidate) feature rows: higher means a likelier antecedent."""

    def __init__(self, booster: Any, meta: dict[str, Any]) -> None:
        self.booster = booster
        self.meta = meta
        self.pronoun_threshold = float(meta.get("pronoun_threshold", DEFAULT_THRESHOLD))
        self.noun_threshold = float(meta.get("noun_threshold", DEFAULT_THRESHOLD))
        # nominals the stage finds itself (not gold spans) have their own link threshold
        self.nominal_threshold = float(meta.get("nominal_threshold", self.noun_threshold))
        # "a man", "people": indefinite or bare nominals mostly start an entity
        self.indefinite_threshold = float(
            meta.get("indefinite_nominal_threshold", self.nominal_threshold)
        )
        # person nouns learnt from the training documents, beside the lexicon's
        self.person_nouns = frozenset(meta.get("person_nouns", ()))

    def score(self, features: np.ndarray) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        return np.asarray(self.booster.predict(features, num_threads=1), dtype=np.float64)

    def score_pairs(
        self, table: MentionTable, a: np.ndarray, c: np.ndarray
    ) -> tuple[np.ndarray, dict[int, list[int]]]:
        """Scores of candidate pairs, and for each anaphor the candidates binding theory
        forbids (their score is pushed to the bottom, unscored; their entity is off limits
        too)."""
        conflicts = binding_conflicts(table, a, c)
        scores = np.full(len(a), RULED_OUT)
        if len(a):
            anaphors, position = np.unique(a, return_inverse=True)
            kept = np.flatnonzero(~conflicts)
            raw = np.zeros(len(kept))
            for start in range(0, len(kept), PAIRS_PER_BATCH):  # bounded memory on novels
                part = kept[start : start + PAIRS_PER_BATCH]
                raw[start : start + len(part)] = self.score(pair_features(table, a[part], c[part]))
            scores[kept] = raw - self.score(dummy_features(table, anaphors))[position[kept]]
        forbidden: dict[int, list[int]] = {}
        for i, j in zip(a[conflicts].tolist(), c[conflicts].tolist(), strict=True):
            forbidden.setdefault(i, []).append(j)
        return scores, forbidden


@lru_cache(maxsize=4)
def load_ranker(model_file: Path = MODEL_FILE, meta_file: Path = META_FILE) -> Ranker:
    from ficlens.models.booster import BoosterError, from_file

    if not model_file.exists():
        raise ModelError(
            f"coref model missing: {model_file}; rebuild it with python training/train_coref.py"
        )
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    try:
        booster = from_file(model_file)
    except BoosterError as exc:
        raise ModelError(f"coref model unreadable: {model_file}: {exc}") from exc
    return Ranker(booster, meta)



class Classifier:
    """A binary LightGBM model and the probability it must reach: the nominal linker of
    ``ficlens.coref.nominal_link`` (a nominal and a candidate are one person)."""

    def __init__(self, booster: Any, threshold: float) -> None:
        self.booster = booster
        self.threshold = threshold

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        return np.asarray(self.booster.predict(features, num_threads=1), dtype=np.float64)


@dataclass
class Models:
    """The models the stage runs with: the ranker, optionally the nominal linker, and the
    person-noun detector."""

    ranker: Ranker
    linker: Classifier | None = None
    # which noun heads name a person beside the lexicon's (None: the shipped detector)
    detector: HeadFinder | None = None


@lru_cache(maxsize=8)
def load_classifier(model_file: Path, threshold_key: str, meta_file: Path = META_FILE
                    ) -> Classifier | None:
    """A shipped classifier, or None when the metadata has no ``threshold_key`` for it."""
    from ficlens.models.booster import BoosterError, from_file

    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    if threshold_key not in meta:
        return None
    if not model_file.exists():
        raise ModelError(
            f"coref model missing: {model_file}; rebuild it with python training/train_coref.py"
        )
    try:
        booster = from_file(model_file)
    except BoosterError as exc:
        raise ModelError(f"coref model unreadable: {model_file}: {exc}") from exc
    return Classifier(booster, float(meta[threshold_key]))


def load_models() -> Models:
    """The shipped ranker and nominal linker."""
    return Models(load_ranker(), load_classifier(NOMINAL_MODEL_FILE, LINK_THRESHOLD))
