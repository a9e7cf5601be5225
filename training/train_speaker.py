"""Train the speaker-ranking model shipped in src/ficlens/models/speaker.txt.

    python training/train_speaker.py --data ../shared/data

Reads PDNC novels from DATA/pdnc/data, builds the quote stage's candidate features with the
gold character list (ficlens.eval.gold_characters), and trains a LightGBM lambdarank model
on the training novels (with --litbank-weight, also on LitBank's quotations in
DATA/litbank, its PER entities as the characters); the dev novels (held out by novel,
together with their LitBank excerpts) give the scores written to speaker.meta.json. With
--fanfic-selfsup DIR it also trains on masked named-tag lines of unlabelled fan fiction
(training/selfsup_speaker.py), never counted in the PDNC figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import lightgbm
import numpy as np

from ficlens.document import Work
from ficlens.eval.gold_characters import add_gold_characters, character_id
from ficlens.eval.litbank_quotes import Excerpt, add_gold_entities, excerpts
from ficlens.eval.matching import match_quotes
from ficlens.eval.parse_cache import base_work
from ficlens.eval.pdnc_data import Novel, novel_folders, read_novel
from ficlens.quotes.attribute import candidate_rows, decode, with_sequence
from ficlens.quotes.context import StoryContext
from ficlens.quotes.conversation import decode_conversations
from ficlens.quotes.detect import find_quotations
from ficlens.quotes.features import FEATURES
from ficlens.quotes.model import (
    META_FILE,
    MODEL_DIR,
    PASS1,
    PASS2,
    Ensemble,
    member_files,
    model_file,
)
from ficlens.quotes.paragraphs import paragraph_bounds

DEV_NOVELS = (
    "AHandfulOfDust", "HardTimes", "PrideAndPrejudice", "TheSignOfTheFour",
    "ThePictureOfDorianGray", "WhereAngelsFearToTread",
)
# LitBank excerpts that open the dev novels (kept out of training along with them).
DEV_LITBANK = ("1342_pride_and_prejudice", "174_the_picture_of_dorian_gray")
PARAMS = {
    "objective": "lambdarank",
    "metric": "ndcg",
    "eval_at": [1],
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 50,
    "lambda_l2": 1.0,
    "feature_fraction": 0.9,
    "bagging_fraction": 0.9,
    "bagging_freq": 1,
    "lambdarank_truncation_level": 10,
    "deterministic": True,
    "num_threads": 1,
    "verbose": -1,
}
ROUNDS = 300
SEEDS = (13, 14, 15)  # one booster per seed, averaged: a single one moves 0.5 by seed
HARNESS_COMMAND = (
    "ficlens eval pdnc --data ../shared/data/pdnc --novels " + ",".join(DEV_NOVELS)
    + " --cache /tmp/ficlens-cache/quotes"
)
FOLDS = 4
LITBANK_PREFIX = "litbank:"
# LitBank's texts come one sentence per line, without their paragraphs, so its quotations
# teach the paragraph conventions wrong. Measured (dev conversation decoding / training
# novels out of fold): PDNC alone 0.828 / 0.788; with LitBank at weight 1, 0.821 / 0.789;
# at 0.3, 0.823 / 0.791: no better over the two together, so the shipped models leave it out.
LITBANK_WEIGHT = 0.0
SELFSUP_PREFIX = "selfsup:"  # masked unlabelled fan fiction (training/selfsup_speaker.py)
EXTERNAL = (LITBANK_PREFIX, SELFSUP_PREFIX)  # trained on, never in the PDNC figures


@dataclass(frozen=True)
class Ranker:
    """An ensemble trained on ``features`` (FEATURES, or some of them left out), scoring
    matrices of all FEATURES as the run-time scorer does (by its features' names)."""

    ensemble: Ensemble
    features: tuple[str, ...]

    @property
    def boosters(self) -> tuple:
        return self.ensemble.boosters

    def predict(self, matrix: np.ndarray) -> np.ndarray:
        return self.ensemble.predict(matrix[:, [FEATURES.index(n) for n in self.features]])


class Labelled(NamedTuple):
    """One gold quotation: its spans, its speaker's character id, its PDNC type (or "")."""

    spans: list[tuple[int, int]]
    speaker: str | None
    type: str


class NovelRows:
    """Features, labels and the gold-to-prediction map of one annotated text."""

    def __init__(
        self, text: str, add_characters: Callable[[Work], None], gold: list[Labelled],
        cache: Path | None, weight: float = 1.0,
    ) -> None:
        self.weight = weight  # of each of its quotations in training
        work, _stages = base_work(text, cache, reuse_any=True)
        add_characters(work)
        paragraphs = paragraph_bounds(work)
        ctx = StoryContext(work, paragraphs, find_quotations(work.text, paragraphs))
        self.ctx = ctx
        self.cands, self.X, self.sizes = candidate_rows(ctx)
        self.offsets = np.concatenate([[0], np.cumsum(self.sizes)]).astype(int)
        self.gold_match = match_quotes([g.spans for g in gold], [q.parts for q in ctx.speech])
        self.gold = gold
        speaker_of: dict[int, str] = {}
        for g, k in zip(gold, self.gold_match, strict=True):
            if k >= 0 and g.speaker is not None:
                speaker_of.setdefault(k, g.speaker)
        self.y = np.zeros(len(self.X))
        self.keep = []  # quotations with a gold speaker among the candidates
        for k, speaker in speaker_of.items():
            lo = self.offsets[k]
            for j, cand in enumerate(self.cands[k]):
                if cand == speaker:
                    self.y[lo + j] = 1
                    self.keep.append(k)

    @classmethod
    def from_novel(cls, novel: Novel, cache: Path | None) -> NovelRows:
        gold = [Labelled(g.spans, None if g.speaker is None else character_id(g.speaker), g.type)
                for g in novel.quotes]
        return cls(novel.text, lambda work: add_gold_characters(work, novel.characters), gold,
                   cache)

    @classmethod
    def from_excerpt(cls, excerpt: Excerpt, cache: Path | None, weight: float) -> NovelRows:
        """A LitBank excerpt: its PER entities are the characters (no quote types)."""
        gold = [Labelled([span], speaker, "") for span, speaker in excerpt.quotes]
        return cls(excerpt.text, lambda work: add_gold_entities(work, excerpt), gold, cache,
                   weight)

    def second_pass(self, booster: Ranker, conversations: bool = False) -> None:
        """Replace the features by second-pass ones, fed by ``booster``'s choices (decoded
        per conversation, with ``conversations``, as the run-time second round is)."""
        self.X = self.sequence_matrix(booster, conversations)

    def sequence_matrix(self, booster: Ranker, conversations: bool) -> np.ndarray:
        """The features with their sequence part recomputed from ``booster``'s choices."""
        scores = booster.predict(self.X)
        if conversations:
            first, _ = decode_conversations(self.ctx, self.cands, scores, self.sizes)
        else:
            first, _ = decode(self.cands, scores, self.sizes)
        return with_sequence(self.ctx, self.cands, self.X, first)

    def training_part(self) -> tuple[np.ndarray, np.ndarray, list[int], np.ndarray]:
        rows = [np.arange(self.offsets[k], self.offsets[k + 1]) for k in self.keep]
        index = np.concatenate(rows) if rows else np.zeros(0, dtype=int)
        return (self.X[index], self.y[index], [self.sizes[k] for k in self.keep],
                np.full(len(index), self.weight))

    def accuracy(self, scores: np.ndarray, conversations: bool = False) -> dict[str, float]:
        """Speaker accuracy of the best-scoring candidates, or, with ``conversations``, of
        the run-time decoding (ficlens.quotes.conversation)."""
        if conversations:
            chosen, _ = decode_conversations(self.ctx, self.cands, scores, self.sizes)
        else:
            chosen, _ = decode(self.cands, scores, self.sizes)
        right: dict[str, list[int]] = {"all": [], "Explicit": [], "Anaphoric": [], "Implicit": []}
        for g, k in zip(self.gold, self.gold_match, strict=True):
            ok = 0
            if k >= 0 and self.sizes[k] and g.speaker is not None:
                ok = int(chosen[k] == g.speaker)
            right["all"].append(ok)
            if g.type:
                right[g.type].append(ok)
        return {t: (sum(v) / len(v) if v else 0.0) for t, v in right.items()} | {
            "n": len(right["all"]), "correct": sum(right["all"])} | {
            f"n_{t}": len(v) for t, v in right.items() if t != "all"}


def fit(
    rows: dict[str, NovelRows], novels: list[str], rounds: int,
    features: tuple[str, ...] = FEATURES,
) -> Ranker:
    parts = [rows[n].training_part() for n in novels]
    X = np.concatenate([p[0] for p in parts])[:, [FEATURES.index(n) for n in features]]
    y = np.concatenate([p[1] for p in parts])
    groups = [g for p in parts for g in p[2]]
    weights = np.concatenate([p[3] for p in parts])
    dataset = lightgbm.Dataset(X, y, group=groups, weight=weights, feature_name=list(features),
                               free_raw_data=False)
    return Ranker(Ensemble(tuple(
        lightgbm.train(PARAMS | {"seed": seed}, dataset, num_boost_round=rounds)
        for seed in SEEDS)), features)


def save(model: Ranker, which: str, folder: Path = MODEL_DIR) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in member_files(which, folder):  # an older, larger ensemble leaves no stray one
        path.unlink()
    for member, booster in enumerate(model.boosters):
        booster.save_model(str(model_file(which, member, folder)))


def _out_of_fold(
    rows: dict[str, NovelRows], folds: list[list[str]], rounds: int, features: tuple[str, ...]
) -> dict:
    """Run-time accuracy on each training novel from second-pass models that never saw it:
    a held-out figure over the training novels, as the dev novels give one over theirs."""
    per_novel = {}
    for fold in folds:
        model = fit(rows, [n for f in folds if f is not fold for n in f], rounds, features)
        for n in fold:
            scores = model.predict(rows[n].sequence_matrix(model, conversations=True))
            per_novel[n] = rows[n].accuracy(scores, conversations=True)
    pdnc = {n: r for n, r in per_novel.items() if not n.startswith(EXTERNAL)}
    summary = _summarise(pdnc)
    for kind in ("Explicit", "Anaphoric", "Implicit"):
        n = sum(r[f"n_{kind}"] for r in pdnc.values())
        summary[kind] = sum(r[kind] * r[f"n_{kind}"] for r in pdnc.values()) / max(1, n)
    litbank = {n: r for n, r in per_novel.items() if n.startswith(LITBANK_PREFIX)}
    if litbank:
        summary["litbank"] = _summarise(litbank)
    return summary


def _summarise(per_novel: dict[str, dict]) -> dict[str, float]:
    total = sum(r["n"] for r in per_novel.values())
    correct = sum(r["correct"] for r in per_novel.values())
    return {"accuracy": correct / total if total else 0.0, "n": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="the ../shared/data folder")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/ficlens-cache/quotes"))
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--drop", default="",
                        help="comma-separated FEATURES the models leave out (an experiment)")
    parser.add_argument("--model-dir", type=Path, default=MODEL_DIR,
                        help="where to save the models (default: the shipped ones); a "
                             "candidate's folder for ficlens.quotes.model.load_speaker_model")
    parser.add_argument("--novels", help="comma-separated subset (default: all)")
    parser.add_argument("--litbank-weight", type=float, default=LITBANK_WEIGHT,
                        help="also train on LitBank's quotations (but those of the dev novels), "
                             "each counting this much (default: %(default)s, left out)")
    parser.add_argument("--fanfic-selfsup", type=Path, metavar="DIR",
                        help="also train on the masked named-tag lines of the unlabelled fan "
                             "fiction in DIR (training/selfsup_speaker.py)")
    parser.add_argument("--selfsup-weight", type=float, default=1.0,
                        help="weight of each self-supervised quotation (default: %(default)s)")
    parser.add_argument(
        "--record-harness", type=Path, metavar="JSON",
        help="only write the 'harness' block of speaker.meta.json from the JSON that "
             f"`{HARNESS_COMMAND} --json` printed, then stop")
    args = parser.parse_args(argv)
    if args.record_harness is not None:
        record_harness(args.record_harness)
        return 0
    dropped = set(filter(None, args.drop.split(",")))
    if dropped - set(FEATURES):
        parser.error(f"--drop: no such feature: {', '.join(sorted(dropped - set(FEATURES)))}")
    features = tuple(n for n in FEATURES if n not in dropped)
    folders = novel_folders(args.data / "pdnc", args.novels.split(",") if args.novels else None)
    rows: dict[str, NovelRows] = {}
    for folder in folders:
        t0 = time.time()
        rows[folder.name] = NovelRows.from_novel(read_novel(folder), args.cache)
        print(f"{folder.name}: {len(rows[folder.name].X)} rows ({time.time() - t0:.1f}s)",
              file=sys.stderr)
    if args.litbank_weight > 0:
        t0 = time.time()
        for excerpt in excerpts(args.data / "litbank"):
            if excerpt.name.removesuffix("_brat") not in DEV_LITBANK:
                rows[LITBANK_PREFIX + excerpt.name] = NovelRows.from_excerpt(
                    excerpt, args.cache, args.litbank_weight)
        print(f"litbank: {sum(n.startswith(LITBANK_PREFIX) for n in rows)} excerpts "
              f"({time.time() - t0:.1f}s)", file=sys.stderr)
    if args.fanfic_selfsup is not None:
        add_selfsup_rows(rows, args.fanfic_selfsup, args.selfsup_weight)
    train = [n for n in rows if n not in DEV_NOVELS]
    dev = [n for n in rows if n in DEV_NOVELS]
    pass1 = fit(rows, train, args.rounds, features)
    pass1_dev = _summarise({n: rows[n].accuracy(pass1.predict(rows[n].X)) for n in dev})
    print("pass 1 dev", json.dumps(pass1_dev), file=sys.stderr)
    # The second pass learns from first-pass choices made without seeing the novel, as at
    # run time: out-of-fold for the training novels.
    folds = [train[i::FOLDS] for i in range(FOLDS)]
    fold_models = {n: fit(rows, [m for m in train if m not in fold], args.rounds, features)
                   for fold in folds for n in fold[:1]}
    for fold in folds:
        for n in fold:
            rows[n].second_pass(fold_models[fold[0]])
    for n in dev:
        rows[n].second_pass(pass1)
    booster = fit(rows, train, args.rounds, features)
    out_of_fold = _out_of_fold(rows, folds, args.rounds, features)
    scores = {n: rows[n].accuracy(booster.predict(rows[n].X)) for n in rows}
    for n in (n for n in rows if not n.startswith(EXTERNAL)):
        split = "dev" if n in DEV_NOVELS else "train"
        r = scores[n]
        print(f"{split:5} {n:32} all={r['all']:.3f} E={r['Explicit']:.3f} "
              f"A={r['Anaphoric']:.3f} I={r['Implicit']:.3f} n={r['n']}")
    for n in dev:  # as at run time: the second pass again, on its own decoded output
        rows[n].second_pass(booster, conversations=True)
    dev_scores = {n: rows[n].accuracy(booster.predict(rows[n].X)) for n in dev}
    dev_decoded = {n: rows[n].accuracy(booster.predict(rows[n].X), conversations=True)
                   for n in dev}
    summary = {"train": _summarise({n: scores[n] for n in train
                                    if not n.startswith(EXTERNAL)}),
               "dev_conversation_decoding": _summarise(dev_decoded),
               "dev": _summarise(dev_scores),
               "dev_single_second_pass": _summarise({n: scores[n] for n in dev}),
               "dev_pass1_only": pass1_dev,
               "train_out_of_fold": out_of_fold}
    print(json.dumps(summary))
    if args.no_save:
        return 0
    save(pass1, PASS1, args.model_dir)
    save(booster, PASS2, args.model_dir)
    meta_file = args.model_dir / META_FILE.name
    gain = np.mean([b.feature_importance("gain") for b in booster.boosters], axis=0)
    importance = dict(zip(features, gain.round(1).tolist(), strict=True))
    meta = {
        "model": "LightGBM lambdarank over candidate speakers (one group per quotation), "
                 f"each an average of {len(SEEDS)} boosters differing by seed "
                 f"({PASS2}.txt, {PASS2}.1.txt, ...); "
                 f"{PASS1} ranks from context, {PASS2} also sees first-pass choices "
                 "for the previous quotations (trained on out-of-fold first-pass output); at "
                 "run time the last scores are decoded per conversation "
                 "(ficlens.quotes.conversation: dev_conversation_decoding)",
        "features": list(features),
        "data": "PDNC (Vishnubhotla et al. 2022), the 19 development novels in ../shared/data"
                + ("" if args.litbank_weight <= 0 else
                   ", and the quotations of LitBank's excerpts (Bamman et al. 2020) but those "
                   f"of the dev novels, at weight {args.litbank_weight}")
                + ("" if args.fanfic_selfsup is None else
                   "; self-supervised: the named-tag lines of the unlabelled fan fiction in "
                   "training/fanfic_unlabelled_sources.json, a share masked to pronoun or no "
                   f"tag (training/selfsup_speaker.py), at weight {args.selfsup_weight}"),
        "characters": "gold PDNC character lists (ficlens.eval.gold_characters); for "
                      "LitBank its PER entities (ficlens.eval.litbank_quotes)",
        "split": {"train": [n for n in train if not n.startswith(EXTERNAL)],
                  "train_selfsup_texts": sum(n.startswith(SELFSUP_PREFIX) for n in train),
                  "train_litbank_excerpts": sum(n.startswith(LITBANK_PREFIX) for n in train),
                  "dev": dev, "dev_litbank_excerpts": list(DEV_LITBANK)},
        "params": PARAMS | {"rounds": args.rounds, "seeds": list(SEEDS)},
        "scores": {"note": "speaker accuracy over all gold quotations (unmatched = wrong), "
                           "gold characters, quote stage only",
                   **summary, "per_novel": dev_scores},
        "feature_gain": importance,
        "date": dt.date.today().isoformat(),
        "command": "python training/train_speaker.py " + shlex.join(sys.argv[1:] if argv is None
                                                                   else argv),
    }
    previous = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    if "harness" in previous:  # measured on the models before: kept, marked stale
        meta["harness"] = previous["harness"] | {
            "stale": "measured before this retraining; rerun the harness and "
                     "--record-harness"}
    meta_file.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return 0


def add_selfsup_rows(rows: dict[str, NovelRows], folder: Path, weight: float) -> None:
    from selfsup_speaker import cache_for, masked_stories  # beside this script

    t0 = time.time()
    for story in masked_stories(folder):
        gold = [Labelled(label.spans, label.speaker, label.type) for label in story.labels]
        rows[SELFSUP_PREFIX + story.name] = NovelRows(
            story.text, story.add_characters, gold, cache_for(folder), weight)
    print(f"selfsup: {sum(n.startswith(SELFSUP_PREFIX) for n in rows)} texts "
          f"({time.time() - t0:.1f}s)", file=sys.stderr)


def _setting_figures(block: dict) -> dict:
    by_type = {t: v["accuracy"] for t, v in block.get("by_type", {}).items()}
    return {"accuracy": block.get("accuracy"), **by_type, "n": block.get("n")}


def record_harness(path: Path) -> None:
    """Write the figures of one harness run (its --json output) into speaker.meta.json."""
    result = json.loads(path.read_text(encoding="utf-8"))
    meta = json.loads(META_FILE.read_text(encoding="utf-8"))
    settings = ("gold_characters", "end_to_end")
    meta["harness"] = {
        "command": HARNESS_COMMAND,
        "date": dt.date.today().isoformat(),
        **{s: _setting_figures(result[s]) for s in settings},
        "per_novel": {
            r["novel"]: {s: _setting_figures(r[s]) for s in settings}
            for r in result.get("per_novel", [])
        },
        "note": "end_to_end depends on the characters stage as it was on that date",
    }
    META_FILE.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
