"""Train the coref antecedent ranker on LitBank person coreference.

    nice -n 10 python training/train_coref.py --data ../shared/data/litbank [--params shipped]

The ranker trains seed-free (``PARAMS``: feature_fraction 1.0 and LightGBM's bins from every
row, so any seed gives the same trees; two runs write byte-identical files). The ranker
shipped since 2026-12-02 was trained with ``SHIPPED_PARAMS`` (feature_fraction 0.9, seed 13):
``--params shipped`` rebuilds it byte for byte.

Split by document: every fifth LitBank document that does not open a PDNC novel is held out
as the dev set (``ficlens.eval.litbank_data.split_ids``); the rest train. Each anaphor's
query holds its candidates and a "no antecedent" row, so the model itself decides when a
mention starts an entity (link threshold 0 on the margin over that row); the link thresholds
of the stage's own nominal mentions (definite, indefinite), whose spans and noise differ from
gold ones, are tuned end to end by 5-fold cross-validation on the training documents. With
``--own-mentions`` the ranker also learns from the mentions the pipeline itself finds (names
from the characters stage, pronouns, the stage's nominals), labelled by the gold mention
they match.

Two more things are learnt for the stage's own nominals: person nouns the lexicon misses
(nouns that head gold nominal person mentions in at least three training documents, at
least three times and in at least half of their noun uses), and the nominal linker
(``ficlens.coref.nominal_link``), a classifier trained on the pipeline's own mentions in the
training documents whose link threshold is chosen by the same 5-fold cross-validation (each
fold's nouns, ranker and linker learnt without it). The result is scored once on dev (and
on all 70 documents, for reference).
The stage's own nominals include the heads the shipped person-noun detector adds
(``training/train_person_nouns.py``, to be run first).
Writes src/ficlens/models/coref.lgb.txt, coref_nominal.lgb.txt and coref.meta.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import lightgbm as lgb
import numpy as np

from ficlens.coref.config import RANKER_FEATURES, feature_config, tunables
from ficlens.coref.features import FEATURE_NAMES, candidate_pairs, dummy_features, pair_features
from ficlens.coref.mentions import MentionTable, build_table, head_token
from ficlens.coref.model import (
    LINK_THRESHOLD,
    META_FILE,
    MODEL_FILE,
    NOMINAL_MODEL_FILE,
    Classifier,
    Models,
    Ranker,
    load_classifier,
    load_ranker,
)
from ficlens.coref.nominal_link import (
    NOMINAL_FEATURES,
    nominal_pairs,
)
from ficlens.coref.regions import quote_regions
from ficlens.coref.stage import first_pass, gather, nominal_context
from ficlens.coref.stage import run as coref_run
from ficlens.document import Work
from ficlens.eval.litbank_coref import (
    GoldDoc,
    SettingResult,
    end_to_end_stages,
    evaluate,
    evaluate_end_to_end,
    prepare,
)
from ficlens.eval.litbank_data import read_corpus, split_ids
from ficlens.eval.parse_cache import run_stages
from ficlens.nlp.lexicon import GROUP_PERSON_NOUNS, is_person_noun

# Settings every model here trains with: reproducible, single-threaded, quiet.
_RUN = {
    "num_leaves": 15,
    "feature_fraction": 0.9,
    "lambda_l2": 1.0,
    "seed": 13,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 1,
    "verbose": -1,
}
SHIPPED_PARAMS = {  # the LitBank-only ranker shipped up to 2026-12-07 was trained with these
    "objective": "lambdarank",
    "lambdarank_truncation_level": 3,
    "learning_rate": 0.1,
    "min_data_in_leaf": 40,
    **_RUN,
}
# The ranker trains seed-free: every feature at every split, and bins from every row
# (LightGBM otherwise bins from a 200,000-row sample the seed draws), so it depends only on
# its data and any seed gives the same trees; with feature_fraction 0.9 the seed alone moved
# it 1.1 points (sd) out of fold on fan fiction, as much as any change being measured.
PARAMS = {**SHIPPED_PARAMS, "feature_fraction": 1.0, "bin_construct_sample_cnt": 10**9}
ROUNDS = 150
NOMINAL_GRID = (-1.0, -0.5, 0.0, 0.5, 1.0, 2.0)
FOLDS = 5
LINKER_PARAMS = {"objective": "binary", "learning_rate": 0.05, "min_data_in_leaf": 20, **_RUN}
LINKER_ROUNDS = 200
LINK_GRID = (0.3, 0.4, 0.5, 0.6, 0.7)
LINK_DEFAULT = 0.5
NOUN_MIN_COUNT, NOUN_MIN_DOCS, NOUN_MIN_SHARE = 3, 3, 0.5
CACHE = Path("/tmp/ficlens-cache/coref")


@dataclass
class LabelledMentions:
    """A mention table and the gold entity of each row (or a label of its own)."""

    table: MentionTable
    labels: list[str]


def staged_work(gold: GoldDoc, stages: list[str]) -> Work:
    """A copy of the document's work with the stages before coref run on it."""
    work = Work(text=gold.work.text)
    work.layers.update(gold.work.layers)
    work.tables.update(gold.work.tables)
    run_stages(work, [name for name in stages if name != "coref"])
    return work


def predicted_mentions_doc(gold: GoldDoc, work: Work) -> LabelledMentions:
    """The mentions the pipeline itself finds in a training document (names from the
    characters stage, pronouns, the stage's nominals), each labelled with the gold entity of
    the gold mention it matches, exactly or else by head token (a nominal cut a little
    differently still names that person), or with a label of its own."""
    rows, _ = gather(work)
    tokens = work.layer("tokens")
    table = build_table(rows, work.text, tokens, quote_regions(work))
    starts = [t.start for t in tokens]
    exact = {(m.start, m.end): m.entity for m in gold.mentions}
    by_head: dict[int, str] = {}
    for m in gold.mentions:
        by_head.setdefault(head_token(starts, tokens, m.start, m.end), m.entity)
    labels = [
        exact.get((row[0], row[1]))
        or by_head.get(head_token(starts, tokens, row[0], row[1]), f"unmatched-{i}")
        for i, row in enumerate(rows)
    ]
    return LabelledMentions(table, labels)


def pair_data(
    docs: Sequence[GoldDoc | LabelledMentions],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and query sizes: one query per anaphor, its candidates (label 1 when
    in the anaphor's gold entity) and its "no antecedent" row (label 1 when none is)."""
    xs, ys, groups = [], [], []
    for gold in docs:
        anaphors = np.arange(len(gold.table), dtype=np.int64)
        a, c = candidate_pairs(gold.table, anaphors)
        x = pair_features(gold.table, a, c)
        labels = np.array(gold.labels)
        y = (labels[a] == labels[c]).astype(np.float32)
        anaphors, sizes = np.unique(a, return_counts=True)
        has_antecedent = np.add.reduceat(y, np.concatenate([[0], np.cumsum(sizes)[:-1]])) > 0
        rows = np.vstack([x, dummy_features(gold.table, anaphors)])
        targets = np.concatenate([y, (~has_antecedent).astype(np.float32)])
        order = np.argsort(np.concatenate([a, anaphors]), kind="stable")
        xs.append(rows[order])
        ys.append(targets[order])
        groups.append(sizes + 1)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(groups)


def learn_person_nouns(golds: Sequence[GoldDoc]) -> list[str]:
    """Nouns the lexicon misses that head gold person mentions in training documents: in
    at least two documents, at least twice, and in at least half of their noun uses."""
    heads: Counter[str] = Counter()
    docs: dict[str, set[str]] = {}
    uses: Counter[str] = Counter()
    for gold in golds:
        tokens = gold.work.layer("tokens")
        starts = [t.start for t in tokens]
        for tok in tokens:
            if tok.get("pos") in ("NOUN", "PROPN") and tok.get("dep") != "compound":
                uses[str(tok.get("lemma", "")).lower()] += 1
        for m in gold.mentions:
            if m.kind != "NOM":
                continue
            tok = tokens[head_token(starts, tokens, m.start, m.end)]
            lemma = str(tok.get("lemma", "")).lower()
            if tok.get("pos") in ("NOUN", "PROPN") and lemma.isalpha():
                heads[lemma] += 1
                docs.setdefault(lemma, set()).add(gold.doc.doc_id)
    return sorted(
        lemma for lemma, count in heads.items()
        if count >= NOUN_MIN_COUNT and len(docs[lemma]) >= NOUN_MIN_DOCS
        and count >= NOUN_MIN_SHARE * uses[lemma] and not is_person_noun(lemma)
        and lemma not in GROUP_PERSON_NOUNS
    )


def fit(docs: Sequence[GoldDoc | LabelledMentions], params: dict = PARAMS) -> lgb.Booster:
    x, y, groups = pair_data(docs)
    data = lgb.Dataset(x, y, group=groups, feature_name=list(FEATURE_NAMES))
    return lgb.train(params, data, num_boost_round=ROUNDS)


def copied(work: Work) -> Work:
    out = Work(text=work.text)
    out.layers.update(work.layers)
    out.tables.update(work.tables)
    return out


def score_end_to_end(
    golds: Sequence[GoldDoc], works: Sequence[Work], models: Models, result: SettingResult
) -> None:
    """Run the coref stage with ``models`` on copies of staged works and score the output."""
    for gold, work in zip(golds, works, strict=True):
        done = copied(work)
        coref_run(done, models)
        evaluate_end_to_end(gold, [], result, base=done)


def gold_entities(gold: GoldDoc, work: Work, rows: Sequence[tuple]) -> list[str | None]:
    """The gold entity of each mention the pipeline found: of the gold mention with its span,
    else of the one with its head token, else None."""
    tokens = work.layer("tokens")
    starts = [t.start for t in tokens]
    exact = {(m.start, m.end): m.entity for m in gold.mentions}
    by_head: dict[int, str] = {}
    for m in gold.mentions:
        by_head.setdefault(head_token(starts, tokens, m.start, m.end), m.entity)
    return [
        exact.get((row[0], row[1])) or by_head.get(head_token(starts, tokens, row[0], row[1]))
        for row in rows
    ]


def link_examples(
    golds: Sequence[GoldDoc], works: Sequence[Work], ranker: Ranker
) -> tuple[np.ndarray, np.ndarray]:
    """The nominal linker's pairs in training documents, labelled 1 when the nominal and
    the candidate match mentions of one gold entity."""
    xs, ys = [], []
    for gold, work in zip(golds, works, strict=True):
        staged = copied(work)
        res = first_pass(staged, ranker)
        a, c, x = nominal_pairs(nominal_context(staged, res))
        entity = np.array(gold_entities(gold, staged, res.rows), dtype=object)
        xs.append(x)
        ys.append(np.array([e is not None and e == f for e, f in zip(
            entity[a], entity[c], strict=True)], dtype=np.float32))
    return np.vstack(xs), np.concatenate(ys)


def fit_classifier(x: np.ndarray, y: np.ndarray, names: Sequence[str]) -> lgb.Booster:
    data = lgb.Dataset(x, y, feature_name=list(names))
    return lgb.train(LINKER_PARAMS, data, num_boost_round=LINKER_ROUNDS)


def fit_linker(golds: Sequence[GoldDoc], works: Sequence[Work], ranker: Ranker) -> lgb.Booster:
    return fit_classifier(*link_examples(golds, works, ranker), NOMINAL_FEATURES)


def tune_link_threshold(
    golds: list[GoldDoc], works: list[Work], rankers: list[Ranker]
) -> tuple[float, dict[str, float]]:
    """The nominal linker's threshold maximising end-to-end average F1 over 5-fold
    cross-validation on the training documents (each fold scored by a ranker and a linker
    trained without it); also returns the cross-validated F1 with and without it."""
    folds = [list(range(k, len(golds), FOLDS)) for k in range(FOLDS)]
    linkers = []
    for fold, ranker in zip(folds, rankers, strict=True):
        rest = [i for i in range(len(golds)) if i not in set(fold)]
        booster = fit_linker([golds[i] for i in rest], [works[i] for i in rest], ranker)
        linkers.append(Classifier(booster, LINK_DEFAULT))

    def score(threshold: float | None) -> float:
        result = SettingResult()
        for fold, ranker, linker in zip(folds, rankers, linkers, strict=True):
            linker.threshold = threshold if threshold is not None else LINK_DEFAULT
            models = Models(ranker, linker if threshold is not None else None)
            score_end_to_end([golds[i] for i in fold], [works[i] for i in fold], models, result)
        average = result.scores.result().average_f1
        print(f"nominal link threshold {threshold}: {average:.4f}", file=sys.stderr)
        return average

    without = score(None)
    scores = {t: score(t) for t in LINK_GRID}
    best = max(LINK_GRID, key=lambda t: scores[t])
    return best, {"ranker_only": round(without, 4), "with_linker": round(scores[best], 4)}


def tune_nominal_thresholds(
    golds: list[GoldDoc], works: list[Work], docs: list[LabelledMentions], meta: dict
) -> tuple[float, float, list[Ranker]]:
    """Link thresholds for the stage's own nominal mentions (definite, then indefinite),
    maximising end-to-end average F1 over 5-fold cross-validation on the training
    documents: each fold is scored by a ranker trained without it."""
    folds = [list(range(k, len(golds), FOLDS)) for k in range(FOLDS)]
    rankers = []
    for fold in folds:
        held = set(fold)
        rest = [i for i in range(len(golds)) if i not in held]
        views = [*(golds[i] for i in rest), *(docs[i] for i in rest if docs)]
        nouns = learn_person_nouns([golds[i] for i in rest]) if meta.get("person_nouns") else []
        rankers.append(Ranker(fit(views, meta["params"]), {**meta, "person_nouns": nouns}))

    def score(definite: float, indefinite: float) -> float:
        result = SettingResult()
        for fold, ranker in zip(folds, rankers, strict=True):
            ranker.nominal_threshold, ranker.indefinite_threshold = definite, indefinite
            held = [golds[i] for i in fold], [works[i] for i in fold]
            score_end_to_end(*held, Models(ranker), result)
        average = result.scores.result().average_f1
        print(f"nominal thresholds {definite}/{indefinite}: {average:.4f}", file=sys.stderr)
        return average

    definite = max(NOMINAL_GRID, key=lambda t: score(t, t))
    indefinite = max(NOMINAL_GRID, key=lambda t: score(definite, t))
    for ranker in rankers:
        ranker.nominal_threshold, ranker.indefinite_threshold = definite, indefinite
    return definite, indefinite, rankers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/litbank"))
    parser.add_argument(
        "--own-mentions", action="store_true",
        help="also train on the pipeline's own mentions, labelled by the gold ones they match",
    )
    parser.add_argument(
        "--learn-nouns", action=argparse.BooleanOptionalAction, default=True,
        help="learn extra person nouns from the training documents' gold nominal heads",
    )
    parser.add_argument(
        "--params", choices=("seed-free", "shipped"), default="seed-free",
        help="seed-free: PARAMS (every feature at every split, bins from every row); shipped: "
        "SHIPPED_PARAMS (feature_fraction 0.9, seed 13), which rebuild the LitBank-only ranker "
        "shipped since 2026-12-02",
    )
    args = parser.parse_args()
    params = PARAMS if args.params == "seed-free" else SHIPPED_PARAMS
    started = time.time()
    docs = read_corpus(args.data)
    train_ids, dev_ids = split_ids([d.doc_id for d in docs])
    golds = {d.doc_id: prepare(d, CACHE) for d in docs}
    train = [golds[i] for i in sorted(train_ids, key=int)]
    dev_docs = [d for d in docs if d.doc_id in dev_ids]

    # gold mentions link when their best candidate beats the "no antecedent" row: the model's
    # own anaphoricity decision (5-fold cross-validated threshold tuning on the training
    # documents found no better average F1, and a lower pronoun accuracy)
    pron_t = noun_t = 0.0

    # gold mention spans train the ranker; adding the pipeline's own mentions as a second view
    # (--own-mentions) raised cross-validated end-to-end F1 by 0.2 on the training documents
    # but cost 1.2 points of gold-mention F1 on dev, so it is off by default
    stages = end_to_end_stages()
    works = [staged_work(g, stages) for g in train] if stages else []
    own = (
        [predicted_mentions_doc(g, w) for g, w in zip(train, works, strict=True)]
        if args.own_mentions else []
    )
    booster = fit([*train, *own], params)
    MODEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(MODEL_FILE))
    meta = {
        "model": MODEL_FILE.name,
        "kind": "LightGBM lambdarank antecedent ranker (one query per anaphor)",
        "features": list(FEATURE_NAMES),
        # the config's feature windows the models were trained with (coref refuses others)
        "feature_config": feature_config(tunables(), RANKER_FEATURES),
        "params": params,
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
        "command": "nice -n 10 python training/train_coref.py --data ../shared/data/litbank "
        f"--params {args.params}",
        "eval_command": "nice -n 10 ficlens eval litbank-coref --data ../shared/data/litbank "
        "--docs dev|all --json",
        "scores_from": "dev_scores and all_scores come from ficlens.eval.litbank_coref.evaluate, "
        "the harness behind eval_command (its --json output, same figures)",
        "git_commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
    }
    load_ranker.cache_clear()
    meta["own_mentions"] = bool(own)
    # the stage's own nominals include the shipped person-noun detector's (train it first)
    meta["person_noun_detector"] = (
        "coref_person_nouns.json.gz (see coref_person_nouns.meta.json; "
        "training/train_person_nouns.py)"
    )
    meta["person_nouns"] = learn_person_nouns(train) if args.learn_nouns else []
    definite, indefinite, rankers = tune_nominal_thresholds(train, works, own, meta)
    meta["nominal_threshold"], meta["indefinite_nominal_threshold"] = definite, indefinite
    meta[LINK_THRESHOLD], cv_steps = tune_link_threshold(train, works, rankers)
    fit_linker(train, works, Ranker(booster, meta)).save_model(str(NOMINAL_MODEL_FILE))
    meta["nominal_models"] = {
        "linker": NOMINAL_MODEL_FILE.name,
        "linker_kind": "LightGBM binary classifier over each stage nominal's ranked "
        "candidates, with facts of the candidate's first-pass entity",
        "linker_features": list(NOMINAL_FEATURES),
        "params": LINKER_PARAMS,
        "rounds": LINKER_ROUNDS,
        "training": "the pipeline's own mentions in the training documents, labelled by the "
        "gold mentions they match (span, else head token)",
        "cv_end_to_end_average_f1": cv_steps,
    }
    # the stage reads the shipped files: write the thresholds before scoring with it
    META_FILE.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    load_ranker.cache_clear()
    load_classifier.cache_clear()
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
