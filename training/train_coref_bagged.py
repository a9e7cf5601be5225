"""A bagged coref ranker: the average of rankers trained on document subsamples of LitBank.

Last session's finding (``training/train_coref_fanfic.py``): leaving one of LitBank's 58
training documents out of the seed-free ranker moves its fan-fiction and LitBank figures by
1 to 4 points, so no fan-fiction variant could be told from noise. Here every ranker is an
average of ``--members`` K rankers (the seed-free ``train_coref.PARAMS``, 150 rounds each),
member k trained on a fixed subsample (``--fraction`` of the documents, drawn without
replacement by ``numpy.random.default_rng(k)`` from the 58 sorted training ids; a
left-out document is removed from the members that hold it, nothing is redrawn) plus the
fan-fiction queries at their weight. Its score is the mean of the members' scores (a
member's prediction cost times K).

    nice -n 10 python training/train_coref_bagged.py --pronoun-gold \
        src/ficlens/eval/coref_fanfic_gold.json --members 5 --fraction 0.7 \
        --variant 0:0 0:0:0.3 --leave-out 11 145 805 2852 --report /tmp/bagged.json

For each variant (``train_coref_fanfic.Variant``: tag subjects F, silver S, pronouns P) the
report holds, as ``train_coref_fanfic`` measures them and against the shipped ranker on the
same mentions: the 187 fan-fiction tag subjects out of fold by work, and the gold set's
labelled pronouns out of fold by work (both ranker alone and with the tag rule, the
shipped setting), and LitBank dev with the final ranker (gold mentions and end to end,
average F1 / pronoun accuracy). ``--leave-out`` retrains the LitBank-only bagged ranker
without each named document (the spread of its figures is the ranker's sensitivity to its
data, to be set beside the single ranker's in ``train_coref_fanfic``'s docstring).
Nothing is written to the models folder: see the measurements below.

Measured 2026-12-07 (s7). Figures, as in ``train_coref_fanfic``'s docstring: the 187 tag
subjects, ranker alone / with the tag rule; the gold set's 1,061 labelled pronouns (names-only
alignment, end to end), ranker alone / with the tag rule; LitBank dev gold mentions and end
to end, average F1 / pronoun accuracy. ``-D``: retrained without LitBank training document
D. Shipped ranker (seed 13, LitBank only): tags 67.4 / 92.5; pronouns 59.1 / 59.9; 77.2 /
80.7, 70.3 / 83.9. Commands (from training/, ``C`` = ``nice -n 10 python
train_coref_bagged.py --fanfic ../../shared/data/fanfic --litbank ../../shared/data/litbank
--pronoun-gold ../src/ficlens/eval/coref_fanfic_gold.json --variant 0:0 --leave-out ...``):

- single seed-free ranker (``C --members 1 --fraction 1 --leave-out 805 145``; the
  control of ``train_coref_fanfic``, its figures reproduced exactly; -11 and -2852 from
  that docstring): all 69.5 / 91.4; 56.3 / 58.6; 76.3 / 81.4, 70.0 / 84.1.
  -805 69.0 / 91.4; 58.2 / 59.9; 76.9 / 81.5, 70.1 / 84.1. -145 68.5 / 92.0; 56.8 / 58.2;
  76.0 / 79.9, 69.6 / 83.0. Over the four left out: tags 68.5-69.5 / 91.4-92.0, pronouns
  54.8-58.3 / 55.9-59.9 (spread 3.5 / 4.0), LitBank 76.0-76.9 / 79.9-81.5, 69.6-70.4 /
  83.0-84.1. Prediction cost 1x.
- 5 members x 0.7 of the documents (``C --members 5 --fraction 0.7 --leave-out 11 145 805
  2852``): all 69.5 / 92.5; 57.1 / 59.2; 76.2 / 79.7, 69.8 / 83.6. -11 68.5 / 92.5;
  57.3 / 59.2; 76.3 / 79.5, 70.2 / 83.9. -145 68.5 / 92.0; 56.5 / 58.2; 76.3 / 79.0,
  70.0 / 83.6. -805 66.8 / 92.5; 58.5 / 60.4; 76.2 / 80.1, 69.6 / 83.5. -2852 67.9 / 92.0;
  57.0 / 58.8; 76.3 / 79.2, 69.7 / 83.2. Spread over the four: tags 1.7 / 0.5, pronouns
  2.0 / 2.2, LitBank 0.1 / 1.1, 0.6 / 0.7. Cost 5x.
- 5 members x 0.9 (``--members 5 --fraction 0.9 --leave-out 805 145``): all 69.0 / 91.4;
  57.4 / 59.2; 76.9 / 80.5, 70.3 / 84.3 (the bag nearest the shipped ranker on LitBank:
  -0.3 / -0.2 with gold mentions, +0.0 / +0.4 end to end). -805 68.5 / 92.5; 57.3 / 59.2;
  76.8 / 81.3, 70.3 / 83.9. -145 68.5 / 91.4; 59.5 / 60.9; 76.5 / 80.0, 70.3 / 83.8: one
  document out (held by all five members) still moves the pronouns 2.1 / 1.7. Cost 5x.
- 3 members x 0.7 (``--members 3 --fraction 0.7 --leave-out 805 145``): all 69.0 / 92.0;
  58.4 / 59.9; 76.2 / 79.8, 69.6 / 83.1. -805 66.8 / 92.0; 58.2 / 60.0; 76.1 / 79.3,
  69.7 / 83.4. -145 69.5 / 92.0; 56.0 / 57.7; 76.1 / 79.1, 70.0 / 83.5 (2.4 / 2.2). Cost 3x.
- 5 members x 0.5 (``--members 5 --fraction 0.5``): all 66.8 / 90.9; 57.8 / 59.0; 76.2 /
  78.7, 69.4 / 81.6 (half the documents per member lose 2 points of LitBank end-to-end
  pronoun accuracy); -145 67.4 / 90.9; 57.5 / 58.8; 76.5 / 78.6, 69.4 / 81.6 (805 is in
  none of its five subsets). Cost 5x.
- LightGBM's own bagging, one ranker (``--members 1 --fraction 1 --rounds 300 --set
  learning_rate=0.05 bagging_fraction=0.5 bagging_freq=1 bagging_by_query=true``): all
  67.9 / 90.9; 57.6 / 58.9; 77.5 / 79.5, 70.0 / 83.0. -805 67.9 / 92.0; 56.8 / 58.4;
  76.5 / 81.4, 70.0 / 84.4. -145 70.0 / 91.4; 56.1 / 57.1; 76.4 / 79.3, 69.8 / 82.8:
  moves as much as the single ranker (LitBank gold-mention F1 1.1, pronouns 2.1). Cost 2x.
- 5 members on every document, each its own seed of feature_fraction 0.8 and query
  bagging 0.8 (``--members 5 --fraction 1 --set feature_fraction=0.8 bagging_fraction=0.8
  bagging_freq=1 bagging_by_query=true``): all 68.5 / 88.8; 58.3 / 59.7; 76.1 / 79.7,
  69.4 / 82.4; -805 69.0 / 89.3; 56.6 / 58.2; 76.1 / 79.9, 70.0 / 82.8; -145 68.5 / 89.3;
  57.6 / 59.0; 76.1 / 80.9, 69.8 / 82.5 (stopped there: loses 3.7 points of tag subjects
  with the tag rule and 1.5 of LitBank end-to-end pronouns). Cost 5x.

So averaging five rankers on 70% document subsamples halves the leave-one-document-out
spread of the fan-fiction pronoun figures (3.5 / 4.0 -> 2.0 / 2.2 points) and of LitBank
gold-mention pronoun accuracy (1.6 -> 1.1), at five times the prediction cost, but no
recipe measured moves less than a point: leaving out one document (805 or 145) still moves
the pronoun figures by 0.5 to 2 points, up or down depending on the recipe (a bag holds a
document in about 70% of its members, so averaging scales what the document teaches by
that share and smooths the trees' instability, but removes neither). Leaving out 145 moves
the pronouns -0.6 / -1.0 (5 x 0.7), +2.1 / +1.7 (5 x 0.9), -2.4 / -2.2 (3 x 0.7) and
+0.5 / -0.4 (one ranker): the sign changes with the recipe, so this is not what the document
teaches but how sensitive the figure is to any small change of the scores. A likely cause,
not measured here: the stage links pronouns into chains one after another, so one changed
link carries the next pronouns of a stretch with it, and the 1,061 pronouns sit in 8
stretches. A decision at the 1-point level then needs the figure averaged over many
rankers (several leave-outs or bags per variant), not a more stable single ranker. Every
0.7 bag also loses about a point of LitBank gold-mention pronoun accuracy against the
single ranker (79.7 against 81.4; the shipped ranker: 80.7); 5 x 0.9 loses 0.9.

With fan-fiction labels, 5 members x 0.7, out of fold by work (each held-out work's figures
from a bag trained without its labels; ``C --members 5 --fraction 0.7 --variant 0:0:0.3
0.1`` without ``--leave-out``), beside the LitBank-only bag (all, above) and the shipped
ranker:

- LitBank only (0:0):      tags 69.5 / 92.5; pronouns 57.1 / 59.2; 76.2 / 79.7, 69.8 / 83.6
- pronoun gold x0.3 (0:0:0.3): tags 64.7 / 92.0; pronouns 57.9 / 60.0; 76.1 / 79.0,
  69.7 / 83.0
- tag subjects x0.1 (0.1): tags 64.7 / 92.5; pronouns 58.0 / 59.3; 76.2 / 79.3,
  69.9 / 83.9
- shipped:                 tags 67.4 / 92.5; pronouns 59.1 / 59.9; 77.2 / 80.7, 70.3 / 83.9

Not shipped. In the shipped setting (tag rule on) the pronoun-trained bag resolves 60.0%
of the pronouns against the shipped ranker's 59.9% (one pronoun of 1,061) and the LitBank-only
bag's 59.2%, gains far inside the bag's own leave-one-document-out spread (58.2-60.4); it
loses a tag subject with the tag rule (92.0 against 92.5) and 5 ranker alone (64.7 against
67.4), and on LitBank dev it loses 1.1 / 1.7 points with gold mentions and 0.6 / 0.9 end to
end against the shipped ranker (the rule allows 0.2). The tag-trained bag ties the shipped
ranker with the tag rule on tags (92.5), loses 0.6 on pronouns (59.3) and 1.0 / 1.4 on
LitBank gold mentions. Every bag measured, LitBank-only too, is 0.3 (5 x 0.9) to 1.0 points
of gold-mention average F1 below the shipped ranker, so none passes the 0.2-point rule
whatever its fan-fiction labels. ``ficlens bench`` was not run: with nothing to ship the loader is
unchanged (a bag predicts with five times the trees of one ranker).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import lightgbm as lgb
import numpy as np
from train_coref import CACHE as LITBANK_CACHE
from train_coref import PARAMS, ROUNDS, pair_data, staged_work
from train_coref_fanfic import (
    BASELINE,
    SETTINGS,
    Variant,
    brief,
    empty_queries,
    fanfic_queries,
    labelled,
    litbank_scores,
    resolved,
    staged_set,
)
from train_coref_fanfic import CACHE as FANFIC_CACHE
from train_coref_pronouns import labelled_pronouns, read_works, right_pronouns

from ficlens.coref.features import FEATURE_NAMES
from ficlens.coref.model import Ranker, load_ranker
from ficlens.eval.litbank_coref import end_to_end_stages, prepare
from ficlens.eval.litbank_data import read_corpus, split_ids

Queries = tuple[np.ndarray, np.ndarray, np.ndarray]


class AveragedBooster:
    """The mean prediction of several LightGBM boosters (``Ranker`` calls ``predict``)."""

    def __init__(self, members: Sequence[lgb.Booster]) -> None:
        self.members = list(members)

    def predict(self, features: np.ndarray, num_threads: int = 1) -> np.ndarray:
        total = np.zeros(len(features))
        for member in self.members:
            total += member.predict(features, num_threads=num_threads)
        return total / len(self.members)


def member_docs(train_ids: Sequence[str], members: int, fraction: float) -> list[list[str]]:
    """Each member's LitBank training documents: a fixed subsample of the sorted ids."""
    ordered = sorted(train_ids, key=int)
    size = max(1, round(fraction * len(ordered))) if fraction < 1 else len(ordered)
    return [sorted(np.random.default_rng(k).choice(ordered, size, replace=False).tolist(),
                   key=int) for k in range(members)]


def stacked(parts: Sequence[tuple[Queries, float]]) -> tuple[np.ndarray, ...]:
    parts = [(q, w) for q, w in parts if w > 0 and len(q[2])]
    x = np.vstack([q[0] for q, _ in parts])
    y = np.concatenate([q[1] for q, _ in parts])
    g = np.concatenate([q[2] for q, _ in parts])
    w = np.concatenate([np.full(len(q[1]), wt, dtype=np.float64) for q, wt in parts])
    return x, y, g, w


def fit_bagged(per_doc: dict[str, Queries], subsets: list[list[str]],
               extras: Sequence[tuple[Queries, float]], leave_out: str | None = None,
               params: dict = PARAMS, rounds: int = ROUNDS) -> AveragedBooster:
    """One ranker per member subset (minus ``leave_out``) plus the extra query sets at
    their weights, averaged; member k trains with ``params`` at seed k."""
    members = []
    for k, subset in enumerate(subsets):
        base = [per_doc[d] for d in subset if d != leave_out]
        x, y, g, w = stacked([*((q, 1.0) for q in base), *extras])
        weight = None if np.all(w == 1.0) else w
        data = lgb.Dataset(x, y, group=g, weight=weight, feature_name=list(FEATURE_NAMES))
        members.append(lgb.train({**params, "seed": k}, data, num_boost_round=rounds))
    return AveragedBooster(members)


def tag_figures(works, docs, rankers: list[Ranker], shipped: Ranker, cache: dict) -> dict:
    """Tag subjects right per setting with ``rankers[k]`` on work k, and the shipped one."""
    totals = {f"{s}_{m}": 0 for s in SETTINGS for m in ("shipped", "model")}
    for fw, doc, ranker in zip(works, docs, rankers, strict=True):
        for setting, config in SETTINGS.items():
            if (fw.gold.name, setting) not in cache:
                cache[fw.gold.name, setting] = resolved(fw, doc, shipped, config)[0]
            totals[f"{setting}_shipped"] += cache[fw.gold.name, setting]
            totals[f"{setting}_model"] += resolved(fw, doc, ranker, config)[0]
    n = sum(len(d.subjects) for d in docs)
    return {"n": n, **{k: round(v / n, 4) for k, v in totals.items()}}


def pronoun_figures(works, rankers: list[Ranker], shipped: Ranker, cache: dict) -> dict:
    totals = {f"{s}_{m}": 0 for s in SETTINGS for m in ("shipped", "model")}
    n = 0
    for pw, ranker in zip(works, rankers, strict=True):
        for setting, config in SETTINGS.items():
            if (pw.name, setting) not in cache:
                cache[pw.name, setting] = right_pronouns(pw, shipped, config)
            right, scored = cache[pw.name, setting]
            totals[f"{setting}_shipped"] += right
            totals[f"{setting}_model"] += right_pronouns(pw, ranker, config)[0]
        n += scored
    return {"n": n, **{k: round(v / n, 4) for k, v in totals.items()}}


def _parameter(text: str) -> tuple[str, object]:
    key, _, value = text.partition("=")
    for kind in (int, float):
        try:
            return key, kind(value)
        except ValueError:
            pass
    return key, {"true": True, "false": False}.get(value.lower(), value)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fanfic", type=Path, default=Path("../shared/data/fanfic"))
    parser.add_argument("--litbank", type=Path, default=Path("../shared/data/litbank"))
    parser.add_argument("--pronoun-gold", type=Path, required=True)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--members", type=int, default=5)
    parser.add_argument("--fraction", type=float, default=0.7)
    parser.add_argument("--variant", type=Variant.parse, nargs="+", default=[BASELINE])
    parser.add_argument("--leave-out", nargs="*", default=[])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE",
                        help="LightGBM parameters over train_coref.PARAMS (numbers or words)")
    parser.add_argument("--report", type=Path, required=True)
    args = parser.parse_args(argv)
    params = {**PARAMS, **dict(_parameter(text) for text in args.set)}
    fit = partial(fit_bagged, params=params, rounds=args.rounds)
    started = time.time()
    shipped = load_ranker()
    works = staged_set(args.fanfic, FANFIC_CACHE)
    docs = [labelled(fw, shipped.person_nouns) for fw in works]
    pronoun_works = read_works(args.pronoun_gold, args.mirrors, FANFIC_CACHE)
    pronoun_docs = [labelled_pronouns(pw, shipped.person_nouns) for pw in pronoun_works]
    corpus = read_corpus(args.litbank)
    train_ids, dev_ids = split_ids([d.doc_id for d in corpus])
    golds = {d.doc_id: prepare(d, LITBANK_CACHE) for d in corpus}
    per_doc = {i: pair_data([golds[i]]) for i in sorted(train_ids, key=int)}
    dev = [golds[i] for i in sorted(dev_ids, key=int)]
    staged_dev = [staged_work(g, end_to_end_stages()) for g in dev]
    subsets = member_docs(list(per_doc), args.members, args.fraction)
    report: dict = {"members": args.members, "fraction": args.fraction, "params": params,
                    "rounds": args.rounds,
                    "subsets": subsets, "variants": {}, "leave_out": {}}
    tag_cache: dict = {}
    pronoun_cache: dict = {}

    def save() -> None:
        report["seconds"] = round(time.time() - started)
        args.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")

    report["litbank_dev_shipped"] = brief(litbank_scores(dev, staged_dev, shipped))
    save()
    for variant in args.variant:
        tags_all = (fanfic_queries(docs), variant.fanfic)
        pron_all = (fanfic_queries(pronoun_docs) if pronoun_docs else empty_queries(),
                    variant.pronouns)
        final = Ranker(fit(per_doc, subsets, [tags_all, pron_all]), shipped.meta)
        tag_rankers = [final if variant.fanfic == 0 else Ranker(fit(
            per_doc, subsets, [(fanfic_queries([d for d in docs if d is not doc]),
                                variant.fanfic), pron_all]), shipped.meta) for doc in docs]
        pron_rankers = [final if variant.pronouns == 0 else Ranker(fit(
            per_doc, subsets, [tags_all, (fanfic_queries([d for d in pronoun_docs if d is not
                                                          doc]), variant.pronouns)]),
            shipped.meta) for doc in pronoun_docs]
        entry = {"tags": tag_figures(works, docs, tag_rankers, shipped, tag_cache),
                 "pronouns": pronoun_figures(pronoun_works, pron_rankers, shipped,
                                             pronoun_cache),
                 "litbank_dev": brief(litbank_scores(dev, staged_dev, final))}
        report["variants"][str(variant)] = entry
        print(f"variant {variant}: {entry}", file=sys.stderr)
        save()
    for doc_id in args.leave_out:
        ranker = Ranker(fit(per_doc, subsets, [], leave_out=doc_id), shipped.meta)
        entry = {"tags": tag_figures(works, docs, [ranker] * len(docs), shipped, tag_cache),
                 "pronouns": pronoun_figures(pronoun_works, [ranker] * len(pronoun_works),
                                             shipped, pronoun_cache),
                 "litbank_dev": brief(litbank_scores(dev, staged_dev, ranker))}
        report["leave_out"][doc_id] = entry
        print(f"without {doc_id}: {entry}", file=sys.stderr)
        save()


if __name__ == "__main__":
    main()
