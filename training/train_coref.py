"""Train the coref antecedent ranker on LitBank person coreference.

    nice -n 10 python training/train_coref.py --data ../shared/data/litbank

Split by document: every fifth LitBank document that does not open a PDNC novel is held out
as the dev set (``ficlens.eval.litbank_data.split_ids``); the rest train. Link thresholds
are tuned on a fold of the training documents, then the model is refit on all of them; the
link threshold of the stage's own nominal mentions is tuned end to end on the training
documents; the result is scored once on dev (and on all 70 documents, for reference).
Writes src/ficlens/models/coref.lgb.txt and coref.meta.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

import lightgbm as lgb
import numpy as np

from ficlens.coref.features import FEATURE_NAMES
from ficlens.coref.link import best_antecedents
from ficlens.coref.model import META_FILE, MODEL_FILE, Ranker, load_ranker
from ficlens.eval.coref_metrics import Accumulator
from ficlens.eval.litbank_coref import (
    GoldDoc,
    SettingResult,
    clusters_of,
    end_to_end_stages,
    evaluate,
    evaluate_end_to_end,
    gold_pairs,
    link_gold,
    prepare,
)
from ficlens.eval.litbank_data import read_corpus, split_ids

PARAMS = {
    "objective": "lambdarank",
    "lambdarank_truncation_level": 3,
    "learning_rate": 0.1,
    "num_leaves": 15,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.9,
    "lambda_l2": 1.0,
    "seed": 13,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 1,
    "verbose": -1,
}
ROUNDS = 150
NOMINAL_GRID = (1.5, 2.5, 3.0, 3.5)
CACHE = Path("/tmp/ficlens-cache/coref")


def pair_data(golds: list[GoldDoc]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels (candidate in the anaphor's gold entity) and query sizes."""
    xs, ys, groups = [], [], []
    for gold in golds:
        a, c, x = gold_pairs(gold)
        labels = np.array(gold.labels)
        xs.append(x)
        ys.append((labels[a] == labels[c]).astype(np.float32))
        groups.append(np.unique(a, return_counts=True)[1])
    return np.vstack(xs), np.concatenate(ys), np.concatenate(groups)


def fit(golds: list[GoldDoc]) -> lgb.Booster:
    x, y, groups = pair_data(golds)
    data = lgb.Dataset(x, y, group=groups, feature_name=list(FEATURE_NAMES))
    return lgb.train(PARAMS, data, num_boost_round=ROUNDS)


def avg_f1(golds: list[GoldDoc], ranker: Ranker) -> float:
    acc = Accumulator()
    for gold in golds:
        labels, _ = link_gold(gold, ranker)
        keys = list(range(len(gold.mentions)))
        acc.add(clusters_of(keys, gold.labels), clusters_of(keys, labels))
    return acc.result().average_f1


def tune_thresholds(booster: lgb.Booster, golds: list[GoldDoc]) -> tuple[float, float]:
    """Raw-score thresholds (pronouns, then names and nominals) maximising average F1."""
    best_scores = []
    for gold in golds:
        a, c, x = gold_pairs(gold)
        best_scores += [s for _, s in best_antecedents(a, c, booster.predict(x)).values()]
    grid = [round(float(q), 3) for q in np.quantile(best_scores, np.linspace(0.02, 0.6, 15))]
    best_noun = max(grid, key=lambda t: avg_f1(golds, Ranker(booster, {
        "pronoun_threshold": grid[0], "noun_threshold": t})))
    best_pron = max(grid, key=lambda t: avg_f1(golds, Ranker(booster, {
        "pronoun_threshold": t, "noun_threshold": best_noun})))
    return best_pron, best_noun


def tune_nominal_threshold(golds: list[GoldDoc]) -> float | None:
    """Link threshold for the stage's own nominal mentions, maximising end-to-end average
    F1 on training documents (the stage reads the saved model through ``load_ranker``)."""
    stages = end_to_end_stages()
    if "coref" not in stages:
        return None
    shipped = load_ranker()

    def score(threshold: float) -> float:
        shipped.nominal_threshold = threshold
        result = SettingResult()
        for gold in golds:
            evaluate_end_to_end(gold, stages, result)
        print(f"nominal threshold {threshold}: {result.scores.result().average_f1:.4f}",
              file=sys.stderr)
        return result.scores.result().average_f1

    best = max(NOMINAL_GRID, key=score)
    shipped.nominal_threshold = best
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/litbank"))
    args = parser.parse_args()
    started = time.time()
    docs = read_corpus(args.data)
    train_ids, dev_ids = split_ids([d.doc_id for d in docs])
    golds = {d.doc_id: prepare(d, CACHE) for d in docs}
    train = [golds[i] for i in sorted(train_ids, key=int)]
    dev_docs = [d for d in docs if d.doc_id in dev_ids]

    tune_fold = train[::5]
    fit_fold = [g for g in train if g not in tune_fold]
    pron_t, noun_t = tune_thresholds(fit(fit_fold), tune_fold)
    print(f"thresholds: pronoun {pron_t}, noun {noun_t}", file=sys.stderr)

    booster = fit(train)
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(MODEL_FILE))
    meta = {
        "model": MODEL_FILE.name,
        "kind": "LightGBM lambdarank antecedent ranker (one query per anaphor)",
        "features": list(FEATURE_NAMES),
        "params": PARAMS,
        "rounds": ROUNDS,
        "pronoun_threshold": pron_t,
        "noun_threshold": noun_t,
        "data": "LitBank coreference (coref/tsv), PER mentions only, ../shared/data/litbank",
        "split": {
            "rule": "every 5th non-PDNC-overlap document (by Gutenberg id) is dev; "
            "PDNC-overlap excerpts always train",
            "train": sorted(train_ids, key=int),
            "dev": sorted(dev_ids, key=int),
        },
        "date": dt.date.today().isoformat(),
        "command": "nice -n 10 python training/train_coref.py --data ../shared/data/litbank",
        "eval_command": "ficlens eval litbank-coref --data ../shared/data/litbank "
        "--docs dev|all --json --cache /tmp/ficlens-cache/coref",
        "git_commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
    }
    load_ranker.cache_clear()
    meta["nominal_threshold"] = tune_nominal_threshold(train) or noun_t
    ranker = Ranker(booster, meta)
    dev_report = evaluate(dev_docs, CACHE, ranker)
    meta["dev_scores"] = {
        "gold_mentions": dev_report["gold_mentions"],
        "end_to_end": dev_report["end_to_end"],
        "end_to_end_without_nominals": dev_report.get("end_to_end_without_nominals"),
        "end_to_end_stages": dev_report.get("end_to_end_stages"),
    }
    all_report = evaluate(docs, CACHE, ranker)
    meta["all_scores"] = {key: all_report.get(key) for key in (
        "gold_mentions", "end_to_end", "end_to_end_without_nominals", "end_to_end_stages"
    )}
    meta["all_scores"]["documents"] = all_report["documents"]
    meta["training_seconds"] = round(time.time() - started, 1)
    META_FILE.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta["dev_scores"], indent=2))


if __name__ == "__main__":
    main()
