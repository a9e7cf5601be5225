"""Train the coref stage's person-noun detector on LitBank's training documents.

    nice -n 10 python training/train_person_nouns.py --data ../shared/data/litbank

Every noun head the characters stage did not take as a name (``ficlens.coref.noun_features``)
is labelled by whether it heads a gold person mention. The lexical tables (how often a
lemma, a lemma ending or a slot holds a person) are counted on the training documents only;
the classifier learns from each training document's features computed with tables counted
without it (5 folds by document, so a lemma's rate never includes its own uses), and the
shipped tables are counted on all training documents. The dev documents are only scored.
The thresholds (``add_threshold``: a noun the lexicon lacks becomes a mention) are chosen
by end-to-end average F1 over the training documents with their out-of-fold probabilities.
Writes src/ficlens/models/coref_person_nouns.json.gz and coref_person_nouns.meta.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import lightgbm as lgb
import numpy as np

from ficlens.coref.config import DETECTOR_FEATURES, feature_config, tunables
from ficlens.coref.mentions import head_token
from ficlens.coref.model import Models, load_classifier, load_ranker
from ficlens.coref.noun_detector import (
    DETECTOR_FILE,
    DETECTOR_META_FILE,
    NounDetector,
    load_detector,
)
from ficlens.coref.noun_features import (
    FEATURE_NAMES,
    DocView,
    LexicalTables,
    candidates,
    count_into,
    empty_tables,
    lexicon_person,
    token_rows,
)
from ficlens.coref.stage import run as coref_run
from ficlens.document import Work
from ficlens.eval.litbank_coref import GoldDoc, SettingResult, evaluate_end_to_end, prepare
from ficlens.eval.litbank_data import read_corpus, split_ids
from ficlens.eval.parse_cache import run_stages

PARAMS = {
    "objective": "binary", "learning_rate": 0.05, "num_leaves": 15, "min_data_in_leaf": 20,
    "feature_fraction": 0.9, "bagging_fraction": 0.9, "bagging_freq": 1, "lambda_l2": 1.0,
    "seed": 13, "deterministic": True, "force_row_wise": True, "num_threads": 1,
    "verbose": -1,
}
ROUNDS = 300
FOLDS = 5
MIN_USES = 2  # table keys kept in the shipped file: seen twice, or heading a person once
ADD_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
CACHE = Path("/tmp/ficlens-cache/coref")


@dataclass
class Doc:
    """A document's view, its names, its gold person heads and its candidates."""

    gold: GoldDoc
    work: Work
    view: DocView
    taken: list[tuple[int, int]]
    persons: frozenset[int]
    cands: list[int]


def staged(gold: GoldDoc) -> Work:
    """The document's work with the stages before coref run on it."""
    work = Work(text=gold.work.text)
    work.layers.update(gold.work.layers)
    work.tables.update(gold.work.tables)
    work.cache.update(gold.work.cache)
    run_stages(work, ["characters", "quotes"])
    return work


def load_doc(gold: GoldDoc) -> Doc:
    work = staged(gold)
    tokens = work.layer("tokens")
    starts = [t.start for t in tokens]
    persons = frozenset(head_token(starts, tokens, m.start, m.end) for m in gold.mentions)
    view = DocView(work.text, tokens)
    taken = [(s.start, s.end) for s in work.layer("mentions")]
    return Doc(gold, work, view, taken, persons, candidates(view, taken, lexicon=False))


def tables_of(docs: Sequence[Doc]) -> LexicalTables:
    tables = empty_tables()
    for doc in docs:
        count_into(tables, doc.view, doc.persons, doc.taken)
    return tables


def out_of_fold(train: Sequence[Doc]) -> list[tuple[list[int], np.ndarray]]:
    """Each training document's candidates and feature rows, from tables counted without
    its fold."""
    rows: list[tuple[list[int], np.ndarray]] = [([], np.zeros(0))] * len(train)
    for k in range(FOLDS):
        held = set(range(k, len(train), FOLDS))
        tables = tables_of([d for i, d in enumerate(train) if i not in held])
        for i in held:
            cands = candidates(train[i].view, train[i].taken, tables)
            rows[i] = cands, token_rows(train[i].view, cands, tables)
    return rows


def labels(doc: Doc, cands: Sequence[int]) -> np.ndarray:
    return np.array([i in doc.persons for i in cands], dtype=np.float32)


def fit(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray]) -> lgb.Booster:
    data = lgb.Dataset(np.vstack(xs), np.concatenate(ys), feature_name=list(FEATURE_NAMES))
    return lgb.train(PARAMS, data, num_boost_round=ROUNDS)


def oof_probabilities(
    train: Sequence[Doc], rows: Sequence[tuple[list[int], np.ndarray]]
) -> list[np.ndarray]:
    """Each training document's probabilities from a classifier trained without its fold."""
    ys = [labels(d, cands) for d, (cands, _) in zip(train, rows, strict=True)]
    out: list[np.ndarray] = [np.zeros(0)] * len(train)
    for k in range(FOLDS):
        held = set(range(k, len(train), FOLDS))
        rest = [i for i in range(len(train)) if i not in held]
        booster = fit([rows[i][1] for i in rest], [ys[i] for i in rest])
        for i in held:
            out[i] = booster.predict(rows[i][1], num_threads=1)
    return out


def detection_report(
    docs: Sequence[Doc], cands: Sequence[Sequence[int]], probs: Sequence[np.ndarray],
    threshold: float,
) -> dict[str, float]:
    """Precision of the heads added at a threshold, and their recall among the gold person
    heads the lexicon misses."""
    hits = added = 0
    for doc, found, p in zip(docs, cands, probs, strict=True):
        lexicon = np.array([lexicon_person(doc.view.lemma(i)) for i in found], dtype=bool)
        new = (np.asarray(p) >= threshold) & ~lexicon
        added += int(new.sum())
        hits += int((new & (labels(doc, found) == 1)).sum())
    missing = sum(int(labels(d, d.cands).sum()) for d in docs)  # d.cands: lexicon misses
    return {"threshold": threshold, "added": added, "correct": hits,
            "precision": round(hits / added, 4) if added else 0.0,
            "recall_of_lexicon_misses": round(hits / missing, 4) if missing else 0.0,
            "lexicon_misses": missing}


def end_to_end(docs: Sequence[Doc], detector: NounDetector | None, probs=None) -> dict:
    """End-to-end scores of the coref stage with ``detector`` (``probs``: fixed per-document
    probabilities instead of the detector's own, for out-of-fold scoring)."""
    result = SettingResult()
    models = Models(load_ranker(), load_classifier_default())
    for k, doc in enumerate(docs):
        work = Work(text=doc.work.text)
        work.layers.update(doc.work.layers)
        work.tables.update(doc.work.tables)
        work.cache.update(doc.work.cache)
        fixed = None if probs is None else detector.with_probabilities(*probs[k])
        coref_run(work, Models(models.ranker, models.linker, fixed or detector))
        evaluate_end_to_end(doc.gold, [], result, base=work)
    r = result.scores.result()
    return {"average_f1": round(r.average_f1, 4), "muc": round(r.muc.f1, 4),
            "b3": round(r.b3.f1, 4), "ceaf_e": round(r.ceaf_e.f1, 4),
            "b3_precision": round(r.b3.precision, 4), "b3_recall": round(r.b3.recall, 4),
            "pronoun_accuracy": round(result.pronouns.accuracy(), 4)}


def load_classifier_default():
    from ficlens.coref.model import LINK_THRESHOLD, NOMINAL_MODEL_FILE

    return load_classifier(NOMINAL_MODEL_FILE, LINK_THRESHOLD)


def save(booster: lgb.Booster, tables: LexicalTables, threshold: float) -> None:
    payload = {"features": list(FEATURE_NAMES), "add_threshold": threshold,
               "tables": tables.as_dict(), "booster": booster.model_to_string()}
    with gzip.open(DETECTOR_FILE, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh, separators=(",", ":"))
    load_detector.cache_clear()


def prune(tables: LexicalTables) -> LexicalTables:
    return LexicalTables(tables.lemma.pruned(MIN_USES), tables.suffix3.pruned(MIN_USES),
                         tables.suffix2, tables.slot.pruned(MIN_USES),
                         tables.suffix4.pruned(MIN_USES), tables.verbs.pruned(MIN_USES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/litbank"))
    args = parser.parse_args()
    started = time.time()
    corpus = read_corpus(args.data)
    train_ids, dev_ids = split_ids([d.doc_id for d in corpus])
    by_id = {d.doc_id: d for d in corpus}
    train = [load_doc(prepare(by_id[i], CACHE)) for i in sorted(train_ids, key=int)]
    dev = [load_doc(prepare(by_id[i], CACHE)) for i in sorted(dev_ids, key=int)]
    print(f"loaded {len(train)} train, {len(dev)} dev docs", file=sys.stderr)
    rows = out_of_fold(train)
    oof = oof_probabilities(train, rows)
    ys = [labels(d, cands) for d, (cands, _) in zip(train, rows, strict=True)]
    booster = fit([r for _, r in rows], ys)
    tables = prune(tables_of(train))
    save(booster, tables, 1.01)  # the detector's code reads the file: off while tuning
    detector = load_detector()
    oof_pairs = [(cands, p) for (cands, _), p in zip(rows, oof, strict=True)]
    scores = {}
    for t in ADD_GRID:
        detector.add_threshold = t
        scores[t] = end_to_end(train, detector, oof_pairs)
        print(f"add threshold {t}: train OOF e2e {scores[t]}", file=sys.stderr)
    best = max(ADD_GRID, key=lambda t: scores[t]["average_f1"])
    save(booster, tables, best)
    detector = load_detector()
    dev_cands = [candidates(d.view, d.taken, detector.tables, lexicon=False) for d in dev]
    dev_probs = [detector.probabilities(d.view, c) for d, c in zip(dev, dev_cands, strict=True)]
    oof_cands = [c for c, _ in rows]
    meta = {
        "model": DETECTOR_FILE.name,
        "kind": "LightGBM binary classifier over noun heads (is this the head of a person "
        "mention?), with lemma, lemma-ending and slot person rates counted on the training "
        "documents",
        "features": list(FEATURE_NAMES),
        # the config's feature windows the detector was trained with (coref refuses others)
        "feature_config": feature_config(tunables(), DETECTOR_FEATURES),
        "params": PARAMS, "rounds": ROUNDS, "add_threshold": best,
        "data": "LitBank coreference (coref/tsv), PER mentions, training documents only "
        "(split of coref.meta.json); ../shared/data/litbank",
        "labels": "a candidate noun head is positive when it heads a gold PER mention",
        "table_min_uses": MIN_USES,
        "table_sizes": {k: len(v["counts"]) for k, v in tables.as_dict().items()},
        "train_documents": len(train), "dev_documents": len(dev),
        "train_out_of_fold": {
            "detection": [detection_report(train, oof_cands, oof, t) for t in ADD_GRID],
            "end_to_end_by_threshold": {str(t): s for t, s in scores.items()},
        },
        "dev": {"detection": [
            detection_report(dev, dev_cands, dev_probs, t) for t in ADD_GRID
        ]},
        "date": dt.date.today().isoformat(),
        "command": "nice -n 10 python training/train_person_nouns.py --data ../shared/data/litbank",
        "git_commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
    }
    meta["training_seconds"] = round(time.time() - started, 1)
    DETECTOR_META_FILE.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta["dev"], indent=2))


if __name__ == "__main__":
    main()
