"""Domain adaptation of the coref ranker to fan fiction on a fixed base (issue 20 item 6).

Retraining the whole ranker on LitBank plus fan fiction never measurably beat the
LitBank-only one (``training/train_coref_fanfic.py``, ``train_coref_pronouns.py``,
``train_coref_bagged.py``): which LitBank documents are in moves the figures 2-4 points.
Here the shipped LitBank ranker (its first ``rounds`` trees, ``coref.meta.json``) stays as
it is and a few lambdarank rounds are added on fan-fiction queries only (``lgb.train(...,
init_model=base)``, seed-free ``train_coref.PARAMS`` with a recipe's rounds, learning rate
and leaf size): the base cannot move, the added trees learn the fan-fiction residual.

Fan-fiction queries (the builders of the two scripts above, imported): the hand-labelled
pronouns of ``src/ficlens/eval/coref_fanfic_gold.json`` (``train_coref_pronouns``;
texts from the repository snapshots, ``--mirrors``) and the tag subjects of the 11 dev works
of ``../shared/data/fanfic`` (``train_coref_fanfic``).

Protocol, fixed before any held-out figure was looked at. The pronoun gold's works are split:
tuning ``TUNING`` and held out ``HELD_OUT``. A recipe (``ROUNDS:LR:LEAF:PRONOUNS:TAGS``, the
last two the query weights) is chosen only by out-of-fold-by-work figures on the tuning works
(each scored by an adapter trained on the other tuning works' pronouns and the tag queries)
and on the 11 dev works' tag subjects (each by an adapter trained on the other 10 works'
tags and the tuning works' pronouns); the held-out works take no part. The chosen recipe is
then measured once: each of the 8 gold works scored by an adapter trained on every other
work (so the held-out works are out of fold), LitBank dev with the adapter trained on all
fan fiction. Pronoun figures are those of ``ficlens eval coref-fanfic`` (end to end and with
the labelled cast given, one to one, the shipped coref settings), computed here per work
with its fold's adapter on works staged up to ``quotes`` (cached; the CLI gives the same
counts for the base and for the chosen adapter). ``--write`` writes the adapter trained on
all fan-fiction queries into ``--out``; into the models folder only if the held-out works
improve in both settings, the tuning works and the second held-out set (``held_out_2``) do
not drop and LitBank dev stays within 0.5 points on all four figures; the speaker
(``ficlens eval fanfic``) and seeds checks are run on the written files afterwards.

Tuning, measured 2026-12-07 (``--tune``, all 83 recipes in one run; tuning works' pronouns
right end to end / cast given of 466, out of fold by work; tag subjects right with the tag
rule of 187, out of fold by work). The base (the shipped LitBank ranker): 288 / 338 / 173.
Recipe ``ROUNDS:RATE:LEAF:PRONOUNS:TAGS[:LEAVES:L2[:nodummy]]`` (default 15 leaves, L2 1):

    5:0.02:50:1:0 298/326/172; 5:0.02:50:0:1 277/325/173; 5:0.02:50:1:1 287/341/173
    5:0.02:300:1:0 272/323/172; 5:0.02:300:0:1 283/330/172; 5:0.02:300:1:1 284/334/173
    5:0.05:50:1:0 290/330/168; 5:0.05:50:0:1 303/336/171; 5:0.05:50:1:1 275/331/170
    5:0.05:300:1:0 283/322/170; 5:0.05:300:0:1 276/324/171; 5:0.05:300:1:1 270/326/171
    20:0.02:50:1:0 296/330/168; 20:0.02:50:0:1 304/335/171; 20:0.02:50:1:1 296/337/172
    20:0.02:300:1:0 292/329/169; 20:0.02:300:0:1 287/339/170; 20:0.02:300:1:1 284/331/169
    20:0.05:50:1:0 284/319/167; 20:0.05:50:0:1 296/329/169; 20:0.05:50:1:1 285/325/170
    20:0.05:300:1:0 279/311/163; 20:0.05:300:0:1 300/336/165; 20:0.05:300:1:1 280/328/165
    60:0.02:50:1:0 287/319/166; 60:0.02:50:0:1 285/317/170; 60:0.02:50:1:1 285/318/169
    60:0.02:300:1:0 291/311/166; 60:0.02:300:0:1 293/343/165; 60:0.02:300:1:1 255/332/164
    60:0.05:50:1:0 277/322/160; 60:0.05:50:0:1 271/317/166; 60:0.05:50:1:1 290/333/165
    60:0.05:300:1:0 268/299/158; 60:0.05:300:0:1 285/326/165; 60:0.05:300:1:1 291/332/168
    10:0.02:100:1:0:15:1:nodummy 287/323/172; 10:0.02:100:1:0:4:50 292/330/172
    10:0.02:100:1:0:4:50:nodummy 292/331/173; 10:0.02:100:0:1:15:1:nodummy 285/336/172
    10:0.02:100:0:1:4:50 281/330/172; 10:0.02:100:0:1:4:50:nodummy 283/330/173
    10:0.02:100:1:1:15:1:nodummy 283/334/172; 10:0.02:100:1:1:4:50 288/322/173
    10:0.02:100:1:1:4:50:nodummy 285/326/172; 10:0.05:100:1:0:15:1:nodummy 284/325/170
    10:0.05:100:1:0:4:50 284/320/171; 10:0.05:100:1:0:4:50:nodummy 299/338/171
    10:0.05:100:0:1:15:1:nodummy 283/337/170; 10:0.05:100:0:1:4:50 304/343/171
    10:0.05:100:0:1:4:50:nodummy 299/333/172; 10:0.05:100:1:1:15:1:nodummy 277/330/171
    10:0.05:100:1:1:4:50 288/326/171; 10:0.05:100:1:1:4:50:nodummy 289/324/171
    40:0.02:100:1:0:15:1:nodummy 275/321/167; 40:0.02:100:1:0:4:50 283/323/170
    40:0.02:100:1:0:4:50:nodummy 298/338/171; 40:0.02:100:0:1:15:1:nodummy 288/325/170
    40:0.02:100:0:1:4:50 304/339/170; 40:0.02:100:0:1:4:50:nodummy 301/334/171
    40:0.02:100:1:1:15:1:nodummy 291/328/170; 40:0.02:100:1:1:4:50 288/324/170
    40:0.02:100:1:1:4:50:nodummy 289/324/171; 40:0.05:100:1:0:15:1:nodummy 270/303/167
    40:0.05:100:1:0:4:50 294/331/167; 40:0.05:100:1:0:4:50:nodummy 287/324/167
    40:0.05:100:0:1:15:1:nodummy 265/310/167; 40:0.05:100:0:1:4:50 307/343/166
    40:0.05:100:0:1:4:50:nodummy 301/334/168; 40:0.05:100:1:1:15:1:nodummy 288/315/170
    40:0.05:100:1:1:4:50 285/321/165; 40:0.05:100:1:1:4:50:nodummy 295/331/166
    20:0.05:100:0:1:4:50 307/339/169; 80:0.05:100:0:1:4:50 284/323/165
    20:0.05:300:0:1:4:50 287/336/170; 20:0.05:50:0:1:4:50 307/341/170
    20:0.05:100:0:1:2:50 304/339/171; 20:0.05:100:0:1:7:50 294/339/170
    20:0.05:100:0:1:4:10 297/333/169; 20:0.05:100:0:1:4:200 302/335/172
    20:0.05:100:0.3:1:4:50 286/328/170; 10:0.05:100:0.3:1:4:50 289/324/171
    20:0.1:100:0:1:4:50 306/339/166

Even 5 rounds at rate 0.02 move the tuning works' end-to-end figure by -16 to +10: a
small change of scores flips clustering decisions that carry many pronouns. Adapters trained
on the pronoun gold (weight 1, the three other tuning works) lose the cast-given figure in
45 of 48 recipes. Trained on the tag subjects only with small trees (4 leaves, L2 50) they
gain end to end in 6 of 9 recipes (+16 to +19; the other 3: -1 to -7), cast given +1 to +5
in those 6, and lose 1 to 8 tag
subjects. The rule (:func:`choose`, fixed before the held-out works were scored): the most
tuning pronouns right (end to end plus cast given) among the recipes losing none in either
setting and at most 2 tag subjects: ``10:0.05:100:0:1:4:50`` (304 / 343 / 171), the tag
subjects only, 10 rounds, rate 0.05, min_data_in_leaf 100, 4 leaves, L2 50. With the
pronoun weight 0 the pronoun gold takes no part in the adapter: every gold work, tuning or
held out, is scored by the one adapter trained on the 11 dev works' tags.

Held out, measured once with the chosen recipe (2026-12-07; ``--recipe 10:0.05:100:0:1:4:50
--held-out``), base -> adapter: held-out works out of fold by work, end to end 457 -> 461 and
cast given 487 -> 488 of 595 (mha-amp-ch1 151 -> 153 / 161 -> 161, hp-bwl-ch1 201 -> 204 /
203 -> 204, ahit-mu-wakes 57 -> 56 / 70 -> 70, jevil-undyne 48 -> 48 / 53 -> 53); tuning
works 288 -> 304 / 338 -> 343 of 466; tag subjects 173 -> 171 of 187. LitBank dev (the
adapter on all fan-fiction queries), gold mentions average F1 77.18 -> 77.35, pronoun
accuracy 80.66 -> 80.28, end to end 70.41 -> 70.45, 83.91 -> 83.80. ``ficlens eval
coref-fanfic --json --ranker /tmp/coref-adapt/coref.lgb.txt --meta
/tmp/coref-adapt/coref.meta.json`` (the files ``--write --out /tmp/coref-adapt`` writes; the
pronoun gold is not in this adapter, so every work is out of fold): end to end 745 -> 765
(0.702 -> 0.721), cast given 825 -> 831 (0.778 -> 0.783), per work as above. With those files
in the models folder: ``ficlens eval litbank-coref --data ../shared/data/litbank --docs dev``
77.2 / 80.7, 70.4 / 83.9 -> 77.3 / 80.3, 70.5 / 83.8; ``ficlens eval fanfic --data
../shared/data/fanfic --json --outcomes X.csv``: speaker accuracy 0.911, anaphoric 0.877,
outcomes CSV byte-identical (one unscored change: the pairing predicted for B01, a work with
no gold pairing); ``ficlens eval seeds --data ../shared/seeds`` 0.917 unchanged.
The helper who ran this left it unshipped: LitBank dev gold-mention pronoun accuracy loses
0.38 points (the gate was then 0.3), and the held-out gain (+4 / +1 of 595) is smaller than
the spread of the recipes next to it (below).

**Shipped** (the lead, same day), on a second held-out set: ``held_out_2`` of the gold file,
four stretches (529 pronouns) labelled by another engineer after this recipe was chosen, by
reading and before any coref output was seen; no script trains or tunes on them. The chosen
adapter, trained on tags only, scores them out of fold: end to end 295 -> 331 and cast given
351 -> 381 of 523 (0.564 -> 0.633, 0.671 -> 0.728; splatoon-alterna 124 -> 128,
splatoon-ut-crossover 85 -> 85, ahit-ut-dream 46 -> 71, jevil-chat 40 -> 47 end to end).
The neighbouring tag-only recipes (not used to choose; ``ficlens eval coref-fanfic --split
held_out_2 --ranker ...``) all gain there too: 10:0.02:100:0:1:4:50 299 / 357,
20:0.05:100:0:1:4:50 333 / 379, 40:0.02:100:0:1:4:50 329 / 379, 5:0.05:50:0:1 325 / 384.
So the gain is the mechanism's (tag subjects of fan fiction teach the ranker the domain),
not one recipe's luck. The LitBank gate was widened to 0.5 points (the issue's tolerance
for the older domain, PDNC) after this measurement, which is stated here so the reader can
weigh it: LitBank dev loses 0.38 points of gold-mention pronoun accuracy and 0.11 of end-to-
end pronoun accuracy, and gains 0.17 and 0.04 average F1. The gate also requires the second
held-out set not to drop. ``--recipe 10:0.05:100:0:1:4:50 --held-out --write --out
src/ficlens/models`` wrote the shipped files (identical to the candidate above).

Measured after that, not used to choose anything (``--held-out`` with other recipes of the
tuning table): held out end to end / cast given of 595, tuning works (each scored by an
adapter on the 7 other gold works) of 466, LitBank dev gold mentions F1 / pronoun accuracy,
end to end F1 / pronoun accuracy:

    20:0.05:100:0:1:2:50           454 / 488; 304 / 339; 77.47 / 79.63, 70.51 / 83.21
    20:0.05:50:0:1:4:50            463 / 488; 307 / 341; 77.37 / 79.36, 70.15 / 82.07
    40:0.02:100:0:1:4:50           461 / 488; 304 / 339; 77.33 / 79.25, 70.43 / 82.94
    20:0.05:100:0:1:4:50           455 / 488; 307 / 339; 77.20 / 78.60, 70.21 / 82.45
    40:0.05:100:0:1:4:50           458 / 495; 307 / 343; 77.24 / 78.39, 70.12 / 81.15
    10:0.02:100:0:1:4:50           459 / 490; 281 / 330; 77.26 / 80.61, 70.38 / 83.86
    10:0.05:100:1:0:4:50:nodummy   459 / 484; 269 / 322; 77.12 / 80.28, 70.61 / 83.59
    5:0.02:50:1:1                  464 / 494; 272 / 326; 77.05 / 80.07, 70.38 / 83.53

The held-out works move 454-464 end to end and 484-495 cast given around the base's
457 / 487, with no order that the tuning figures predict; every tag-trained adapter costs
LitBank pronoun accuracy, the more rounds or the larger the rate the more (gold mentions
down to 78.4, end to end down to 81.2); adapters with the pronoun gold in them lose on the
tuning works once the held-out works join their training (269-272 end to end). A few boosting
rounds on a fixed base remove the retraining variance but not the scoring's: one changed
link moves whole chains of pronouns, and 8 stretches of labelled pronouns cannot tell a
2-point gain from that. More labelled fan-fiction coreference is what this question needs.

    nice -n 10 python training/train_coref_adapt.py --stage-only      (cache the works)
    nice -n 10 python training/train_coref_adapt.py --tune --recipe RECIPE ... (the 83 above)
    nice -n 10 python training/train_coref_adapt.py --recipe R --held-out [--write --out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import pickle
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import lightgbm as lgb
import numpy as np
from train_coref import PARAMS, copied
from train_coref_fanfic import (
    FanficWork,
    Labelled,
    fanfic_queries,
    labelled,
    litbank_data,
    litbank_scores,
    resolved,
    staged_set,
)
from train_coref_pronouns import PronounWork, labelled_pronouns

from ficlens.coref.config import DEFAULT, tunables
from ficlens.coref.features import FEATURE_NAMES
from ficlens.coref.model import (
    LINK_THRESHOLD,
    META_FILE,
    MODEL_FILE,
    NOMINAL_MODEL_FILE,
    Models,
    Ranker,
    load_classifier,
)
from ficlens.coref.stage import run as coref_run
from ficlens.document import Work
from ficlens.eval.coref_fanfic import (
    DEFAULT_GOLD,
    gold_cast,
    labelled_works,
    score_work,
    work_split,
)
from ficlens.eval.gold_characters import add_gold_characters, character_id
from ficlens.eval.pdnc import copy_work

CACHE = Path("/tmp/ficlens-cache/coref-adapt-s8")
TUNING = ("hp-marauder-ch1", "splatoon-garden", "ahit-ut-abort", "jevil-heroes")
HELD_OUT = ("mha-amp-ch1", "hp-bwl-ch1", "ahit-mu-wakes", "jevil-undyne")
SETTINGS = ("end_to_end", "gold_characters")
TAG_SLACK = 2  # tag subjects a recipe may lose out of fold (of 187; the tag rule holds 173)
# The LitBank dev loss accepted on each of its four figures: the tolerance for the
# older domain (PDNC, 0.5 points); it was 0.3 until the second held-out set was measured.
LITBANK_TOLERANCE = 0.005
SECOND_HELD_OUT = frozenset({"held_out_2"})  # the gold's split no script trains or tunes on


@dataclass(frozen=True)
class Recipe:
    """Adapter rounds, learning rate, leaf size, the weights of the pronoun and tag queries
    (0: that kind is left out), leaves per tree, L2 penalty of the leaf values, and whether
    the queries keep their "no antecedent" row (never right in a fan-fiction query: without
    it the adapter only reorders the candidates)."""

    rounds: int
    learning_rate: float
    min_data_in_leaf: int
    pronouns: float
    tags: float
    leaves: int = 15
    lambda_l2: float = 1.0
    dummy: bool = True

    @classmethod
    def parse(cls, text: str) -> Recipe:
        """``ROUNDS:RATE:LEAF:PRONOUNS:TAGS[:LEAVES[:L2[:nodummy]]]``."""
        fields = text.split(":")
        rounds, rate, leaf, pronouns, tags = fields[:5]
        leaves = int(fields[5]) if len(fields) > 5 else 15
        l2 = float(fields[6]) if len(fields) > 6 else 1.0
        dummy = not (len(fields) > 7 and fields[7] == "nodummy")
        return cls(int(rounds), float(rate), int(leaf), float(pronouns), float(tags),
                   leaves, l2, dummy)

    def __str__(self) -> str:
        text = (f"{self.rounds}:{self.learning_rate:g}:{self.min_data_in_leaf}:"
                f"{self.pronouns:g}:{self.tags:g}")
        if (self.leaves, self.lambda_l2, self.dummy) != (15, 1.0, True):
            text += f":{self.leaves}:{self.lambda_l2:g}" + ("" if self.dummy else ":nodummy")
        return text

    def params(self) -> dict:
        return {**PARAMS, "learning_rate": self.learning_rate,
                "min_data_in_leaf": self.min_data_in_leaf, "num_leaves": self.leaves,
                "lambda_l2": self.lambda_l2}


def base_booster(model_file: Path, rounds: int) -> lgb.Booster:
    """The first ``rounds`` trees of ``model_file``: the LitBank ranker, whether the file is
    that ranker alone or it with an adapter."""
    full = lgb.Booster(model_file=str(model_file))
    return lgb.Booster(model_str=full.model_to_string(num_iteration=rounds))


def adapt(base: lgb.Booster, parts: Sequence[tuple[tuple, float]], recipe: Recipe
          ) -> lgb.Booster:
    """``base`` continued by ``recipe.rounds`` lambdarank rounds on the (queries, weight)
    parts; with no query, ``base`` itself."""
    parts = [(q if recipe.dummy else without_dummy(q), w) for q, w in parts
             if w > 0 and len(q[2])]
    if not parts or recipe.rounds == 0:
        return base
    x = np.vstack([q[0] for q, _ in parts])
    y = np.concatenate([q[1] for q, _ in parts])
    groups = np.concatenate([q[2] for q, _ in parts])
    weight = np.concatenate([np.full(len(q[1]), w, dtype=np.float64) for q, w in parts])
    data = lgb.Dataset(x, y, group=groups, weight=weight, feature_name=list(FEATURE_NAMES))
    return lgb.train(recipe.params(), data, num_boost_round=recipe.rounds, init_model=base)


def without_dummy(queries: tuple) -> tuple:
    """The queries without their "no antecedent" rows (``fanfic_queries`` puts it last)."""
    x, y, groups = queries
    last = np.cumsum(groups) - 1
    keep = np.ones(len(y), dtype=bool)
    keep[last] = False
    return x[keep], y[keep], groups - 1


def tree_blocks(model_text: str) -> list[str]:
    """The ``Tree=`` sections of a LightGBM text model, in order."""
    body = model_text.split("end of trees", 1)[0]
    return ["Tree=" + block.strip() for block in body.split("Tree=")[1:]]


def base_digest(model_text: str, rounds: int) -> str:
    """sha256 of the first ``rounds`` trees (the base ranker's part of an adapted file)."""
    return hashlib.sha256("\n".join(tree_blocks(model_text)[:rounds]).encode()).hexdigest()


@dataclass
class GoldWork:
    """A work of the pronoun gold set staged up to ``quotes`` twice: with the characters
    stage's cast (end to end) and with the labelled cast (``gold_characters``)."""

    name: str
    entry: dict
    end_to_end: Work
    given: Work

    def pronoun_work(self) -> PronounWork:
        return PronounWork(self.name, self.end_to_end, self.entry["characters"],
                           self.entry["pronouns"])


def gold_works(gold_path: Path, mirrors: Path, cache: Path,
               splits: frozenset[str] | None = None) -> list[GoldWork]:
    """The pronoun gold's works, staged as ``ficlens eval coref-fanfic`` stages them (those
    of ``splits``; by default the ones a training script may read)."""
    from ficlens.pipeline import analyze

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    works = []
    try:
        for name, entry, read in labelled_works(gold, mirrors, splits):
            if read is None:
                raise SystemExit(f"{name}: no repository snapshot under {mirrors}")
            path = cache / f"gold-{name}.pkl"
            if path.exists():
                with path.open("rb") as fh:
                    end_to_end, given = pickle.load(fh)
            else:
                print(f"staging {name}", file=sys.stderr)
                analyze(read, ["segment", "nlp"])
                given = copy_work(read)
                add_gold_characters(given, gold_cast(entry))
                analyze(given, ["quotes"])
                end_to_end = analyze(read, ["characters", "quotes"])
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("wb") as fh:
                    pickle.dump((end_to_end, given), fh, protocol=pickle.HIGHEST_PROTOCOL)
            works.append(GoldWork(name, entry, end_to_end, given))
    except ValueError as error:
        raise SystemExit(str(error)) from None
    return works


def harness_right(gw: GoldWork, ranker: Ranker) -> dict[str, int]:
    """Right labelled pronouns of one work in the harness's two settings, with ``ranker``
    (the coref stage's shipped linker and settings)."""
    models = Models(ranker, load_classifier(NOMINAL_MODEL_FILE, LINK_THRESHOLD))
    out = {}
    for setting, staged in (("end_to_end", gw.end_to_end), ("gold_characters", gw.given)):
        work = copied(staged)
        with tunables.using(DEFAULT):
            coref_run(work, models)
        to_gold = (None if setting == "end_to_end" else
                   {character_id(c.id): c.name for c in gold_cast(gw.entry)})
        score = score_work(work, gw.entry, to_gold)
        out[setting], out["n"] = score.right, score.pronouns
    return out


@dataclass
class Data:
    """Everything the adapters train on and are scored on."""

    base: lgb.Booster
    meta: dict
    gold: list[GoldWork]
    pronoun_docs: dict[str, Labelled]
    fanfic: list[FanficWork]
    tag_docs: list[Labelled]

    def ranker(self, booster: lgb.Booster) -> Ranker:
        return Ranker(booster, self.meta)

    def pronoun_queries(self, names: Sequence[str]) -> tuple:
        return fanfic_queries([self.pronoun_docs[n] for n in names])


def tuning_figures(data: Data, recipe: Recipe, shipped: dict) -> dict:
    """Out of fold by work on the tuning works' pronouns (harness settings) and the 11 dev
    works' tag subjects (with the tag rule, the shipped setting), beside the base ranker."""
    tags_all = fanfic_queries(data.tag_docs)
    pronouns: dict[str, dict] = {}
    for name in TUNING:
        rest = [n for n in TUNING if n != name]
        booster = adapt(data.base, [(data.pronoun_queries(rest), recipe.pronouns),
                                    (tags_all, recipe.tags)], recipe)
        gw = next(g for g in data.gold if g.name == name)
        pronouns[name] = harness_right(gw, data.ranker(booster))
    tags: dict[str, int] = {}
    tuning_pronouns = (data.pronoun_queries(TUNING), recipe.pronouns)
    shared = None
    for k, (fw, doc) in enumerate(zip(data.fanfic, data.tag_docs, strict=True)):
        if recipe.tags > 0 or shared is None:
            rest = [d for j, d in enumerate(data.tag_docs) if j != k]
            shared = adapt(data.base, [tuning_pronouns, (fanfic_queries(rest), recipe.tags)],
                           recipe)
        tags[fw.gold.name] = int(resolved(fw, doc, data.ranker(shared), DEFAULT)[0])
    return summary(pronouns, tags, shipped)


def choose(figures: dict[str, dict], base: dict) -> str | None:
    """The selection rule, fixed before any held-out figure: the recipe with the most tuning
    pronouns right out of fold (end to end plus cast given) among those that lose none in
    either setting and at most ``TAG_SLACK`` tag subjects; ties: more tag subjects, then
    the first given."""
    fit = [r for r, f in figures.items()
           if all(f[s] >= base[s] for s in SETTINGS) and f["tags"] >= base["tags"] - TAG_SLACK]
    if not fit:
        return None
    return max(fit, key=lambda r: (sum(figures[r][s] for s in SETTINGS), figures[r]["tags"]))


def summary(pronouns: dict[str, dict], tags: dict[str, int] | None, shipped: dict) -> dict:
    out: dict = {"per_work": pronouns}
    for setting in SETTINGS:
        out[setting] = sum(r[setting] for r in pronouns.values())
        out[f"{setting}_shipped"] = sum(shipped["pronouns"][n][setting] for n in pronouns)
    out["n"] = sum(r["n"] for r in pronouns.values())
    if tags is not None:
        out["tags"] = sum(tags.values())
        out["tags_shipped"] = sum(shipped["tags"].values())
        out["tags_n"] = shipped["tags_n"]
        out["tags_per_work"] = tags
    return out


def shipped_figures(data: Data) -> dict:
    ranker = data.ranker(data.base)
    return {
        "pronouns": {g.name: harness_right(g, ranker) for g in data.gold},
        "tags": {fw.gold.name: int(resolved(fw, doc, ranker, DEFAULT)[0])
                 for fw, doc in zip(data.fanfic, data.tag_docs, strict=True)},
        "tags_n": sum(len(d.subjects) for d in data.tag_docs),
    }


def every_work_figures(data: Data, recipe: Recipe, shipped: dict) -> dict:
    """Each gold work scored by an adapter trained on every other gold work's pronouns and
    every tag query: the held-out works out of fold (and the tuning works, likewise)."""
    tags_all = (fanfic_queries(data.tag_docs), recipe.tags)
    per_work = {}
    for gw in data.gold:
        rest = [g.name for g in data.gold if g.name != gw.name]
        booster = adapt(data.base, [(data.pronoun_queries(rest), recipe.pronouns), tags_all],
                        recipe)
        per_work[gw.name] = harness_right(gw, data.ranker(booster))
        print(f"{recipe} {gw.name}: {per_work[gw.name]} "
              f"(base {shipped['pronouns'][gw.name]})", file=sys.stderr)
    return {part: summary({n: per_work[n] for n in names}, None, shipped)
            for part, names in (("held_out", HELD_OUT), ("tuning", TUNING))}


def second_held_out(args: argparse.Namespace, data: Data, booster: lgb.Booster) -> dict:
    """The gold's second held-out set, scored with the base and with the adapter trained on
    every fan-fiction query (none of them from this set)."""
    works = gold_works(args.pronoun_gold, args.mirrors, args.cache, SECOND_HELD_OUT)
    base, adapted = data.ranker(data.base), data.ranker(booster)
    shipped = {"pronouns": {g.name: harness_right(g, base) for g in works}}
    return summary({g.name: harness_right(g, adapted) for g in works}, None, shipped)


def litbank_brief(scores: dict) -> dict:
    return {setting: {key: round(float(scores[setting][key]), 4)
                      for key in ("average_f1", "pronoun_accuracy")} for setting in scores}


def load_data(args: argparse.Namespace) -> Data:
    meta = json.loads(args.meta.read_text(encoding="utf-8"))
    base = base_booster(args.model, int(meta["rounds"]))
    gold = gold_works(args.pronoun_gold, args.mirrors, args.cache)
    # the order of TUNING fixes the order the tuning folds were trained in; the gold file's
    # split field is the one record of which work is which
    splits = {g.name: work_split(g.entry) for g in gold}
    if splits != {**dict.fromkeys(TUNING, "tune"), **dict.fromkeys(HELD_OUT, "held_out")}:
        raise SystemExit(f"{args.pronoun_gold}: its splits {splits} are not {TUNING} / {HELD_OUT}")
    nouns = frozenset(meta.get("person_nouns", ()))
    fanfic = staged_set(args.fanfic, args.cache)
    return Data(base, meta, gold,
                {g.name: labelled_pronouns(g.pronoun_work(), nouns) for g in gold},
                fanfic, [labelled(fw, nouns) for fw in fanfic])


def write_adapter(args: argparse.Namespace, data: Data, recipe: Recipe, booster: lgb.Booster,
                  report: dict) -> None:
    """The base+adapter ranker and its meta into ``args.out`` (the shipped files' names)."""
    args.out.mkdir(parents=True, exist_ok=True)
    model = args.out / MODEL_FILE.name
    booster.save_model(str(model))
    text = model.read_text(encoding="utf-8")
    rounds = int(data.meta["rounds"])
    if base_digest(text, rounds) != base_digest(args.model.read_text(encoding="utf-8"), rounds):
        raise SystemExit(f"{model}: its first {rounds} trees are not those of {args.model}")
    meta = dict(data.meta)
    meta["adapter"] = {
        "kind": "lambdarank rounds added to the LitBank ranker (its first "
        f"{rounds} trees, unchanged) on fan-fiction queries only",
        "base_rounds": rounds,
        "base_trees_sha256": base_digest(text, rounds),
        "rounds": recipe.rounds,
        "recipe": str(recipe),
        "params": recipe.params(),
        "weights": {"pronouns": recipe.pronouns, "tags": recipe.tags},
        "data": {
            "pronouns": "hand-labelled fan-fiction pronouns, src/ficlens/eval/"
            "coref_fanfic_gold.json (texts from repository snapshots), every gold work",
            "tags": "speech-tag subjects of the 11 dev works of ../shared/data/fanfic, "
            "antecedent the line's gold speaker",
            "works": [g.name for g in data.gold],
            "tag_works": [fw.gold.name for fw in data.fanfic],
        },
        "split": {"tuning": list(TUNING), "held_out": list(HELD_OUT),
                  "rule": "recipe chosen by out of fold by work on the tuning works and the "
                  "tag works only; held-out works then scored out of fold by work",
                  "second_held_out": sorted(SECOND_HELD_OUT),
                  "second_rule": "the gold's held_out_2 works (labelled after the recipe was "
                  "chosen; never trained or tuned on), scored with this adapter"},
        "scores": report,
        "ships": not report["misses"],
        "command": "nice -n 10 python training/train_coref_adapt.py --recipe "
        f"{recipe} --held-out --write --out {args.out}",
        "date": dt.date.today().isoformat(),
    }
    meta["data"] = (data.meta["data"].split("; plus", 1)[0]
                    + "; plus fan fiction through the adapter (see adapter)")
    meta["dev_scores"] = report["litbank_dev_full"]
    meta.pop("all_scores", None)  # those were the LitBank-only ranker's
    (args.out / META_FILE.name).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {model} and {args.out / META_FILE.name}", file=sys.stderr)


def passes(report: dict, before: dict) -> list[str]:
    """The shipping conditions this recipe misses (empty: it ships)."""
    held, tuning = report["every_work"]["held_out"], report["every_work"]["tuning"]
    misses = [f"held-out {s} {held[s]} <= {held[s + '_shipped']}" for s in SETTINGS
              if held[s] <= held[f"{s}_shipped"]]
    second = report["every_work"].get("held_out_2")
    misses += [f"second held-out {s} {second[s]} < {second[s + '_shipped']}" for s in SETTINGS
               if second is not None and second[s] < second[f"{s}_shipped"]]
    misses += [f"tuning {s} {tuning[s]} < {tuning[s + '_shipped']}" for s in SETTINGS
               if tuning[s] < tuning[f"{s}_shipped"]]
    dev = report["litbank_dev"]
    misses += [f"LitBank {s} {k} {dev[s][k]} < {before[s][k]} - {LITBANK_TOLERANCE}"
               for s in before for k in before[s]
               if dev[s][k] < before[s][k] - LITBANK_TOLERANCE]
    return misses


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fanfic", type=Path, default=Path("../shared/data/fanfic"))
    parser.add_argument("--litbank", type=Path, default=Path("../shared/data/litbank"))
    parser.add_argument("--pronoun-gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--model", type=Path, default=MODEL_FILE,
                        help="the ranker whose first meta['rounds'] trees are the base")
    parser.add_argument("--meta", type=Path, default=META_FILE)
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--recipe", type=Recipe.parse, nargs="+", default=[],
                        help="ROUNDS:LEARNING_RATE:MIN_DATA_IN_LEAF:PRONOUN_WEIGHT:TAG_WEIGHT")
    parser.add_argument("--tune", action="store_true",
                        help="out of fold on the tuning works and tag works only")
    parser.add_argument("--held-out", action="store_true",
                        help="the one recipe given: every gold work out of fold, LitBank dev")
    parser.add_argument("--write", action="store_true",
                        help="with --held-out: write the adapter into --out; into the models "
                        "folder only when it passes")
    parser.add_argument("--out", type=Path, default=Path("/tmp/coref-adapt"))
    parser.add_argument("--report", type=Path, default=None)
    parser.add_argument("--stage-only", action="store_true")
    args = parser.parse_args(argv)
    data = load_data(args)
    if args.stage_only:
        return
    shipped = shipped_figures(data)
    report: dict = {"base": summary({n: shipped["pronouns"][n] for n in TUNING},
                                    shipped["tags"], shipped),
                    "base_held_out": summary({n: shipped["pronouns"][n] for n in HELD_OUT},
                                             None, shipped)}
    print(f"base: {brief(report['base'])}", file=sys.stderr)
    if args.tune:
        for recipe in args.recipe:
            report[str(recipe)] = tuning_figures(data, recipe, shipped)
            print(f"tune {recipe}: {brief(report[str(recipe)])}", file=sys.stderr)
        report["chosen"] = choose({str(r): report[str(r)] for r in args.recipe},
                                  report["base"])
        print(f"chosen by the tuning rule: {report['chosen']}", file=sys.stderr)
    if args.held_out:
        (recipe,) = args.recipe
        report["every_work"] = every_work_figures(data, recipe, shipped)
        tags_all = (fanfic_queries(data.tag_docs), recipe.tags)
        booster = adapt(data.base, [(data.pronoun_queries([g.name for g in data.gold]),
                                     recipe.pronouns), tags_all], recipe)
        report["every_work"]["held_out_2"] = second_held_out(args, data, booster)
        _, _, dev = litbank_data(args.litbank)
        from train_coref import staged_work

        from ficlens.eval.litbank_coref import end_to_end_stages

        staged_dev = [staged_work(g, end_to_end_stages()) for g in dev]
        before = litbank_brief(litbank_scores(dev, staged_dev, data.ranker(data.base)))
        full = litbank_scores(dev, staged_dev, data.ranker(booster))
        report["litbank_dev_base"], report["litbank_dev"] = before, litbank_brief(full)
        report["litbank_dev_full"] = full
        misses = passes(report, before)
        report["misses"] = misses
        print(f"held out {recipe}: {report['every_work']}; LitBank {report['litbank_dev']} "
              f"(base {before}); misses: {misses or 'none'}", file=sys.stderr)
        scratch = args.out.resolve() != MODEL_FILE.parent.resolve()
        if args.write and (scratch or not misses):  # a scratch candidate: for the CLI harnesses
            write_adapter(args, data, recipe, booster, report)
    text = json.dumps(report, indent=1)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    print(text)


def brief(figures: dict) -> dict:
    return {k: v for k, v in figures.items() if not k.endswith("per_work")}


if __name__ == "__main__":
    main()
