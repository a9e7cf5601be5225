"""training/train_coref*.py: the ranker trains seed-free; fan-fiction labels and variants."""

from __future__ import annotations

import sys
from pathlib import Path

import lightgbm as lgb
import numpy as np

TRAINING = Path(__file__).resolve().parent.parent / "training"
sys.path.insert(0, str(TRAINING))

import train_coref as tc  # noqa: E402
import train_coref_fanfic as tcf  # noqa: E402


def _trees(booster: lgb.Booster) -> str:
    """The model text without its parameters section (which records the seed)."""
    return booster.model_to_string().split("\nparameters:")[0]


def _queries(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sizes = rng.integers(2, 8, size=400)
    x = rng.normal(size=(int(sizes.sum()), 6))
    y = np.zeros(len(x), dtype=np.float32)
    y[np.cumsum(sizes) - 1 - rng.integers(0, 2, size=len(sizes))] = 1.0
    x[y == 1, 0] += 1.0  # a learnable signal
    return x, y, sizes


def test_ranker_params_are_seed_free() -> None:
    assert tc.PARAMS["feature_fraction"] == 1.0
    assert tc.PARAMS.get("bagging_fraction", 1.0) == 1.0
    x, y, groups = _queries(np.random.default_rng(0))
    # more rows than LightGBM's binning sample would take with the shipped params
    params = {**tc.PARAMS, "min_data_in_leaf": 5}
    trained = [
        lgb.train({**params, "seed": seed}, lgb.Dataset(x, y, group=groups),
                  num_boost_round=20)
        for seed in (13, 1, 13)
    ]
    assert _trees(trained[0]) == _trees(trained[1]) == _trees(trained[2])
    assert trained[0].model_to_string() == trained[2].model_to_string()


def test_shipped_params_still_depend_on_the_seed() -> None:
    """The control: feature_fraction 0.9 makes the seed choose the trees (why the ranker
    moved 1.1 points out of fold on fan fiction between seeds)."""
    x, y, groups = _queries(np.random.default_rng(1))
    params = {**tc.SHIPPED_PARAMS, "min_data_in_leaf": 5, "feature_fraction": 0.5}
    a, b = (lgb.train({**params, "seed": seed}, lgb.Dataset(x, y, group=groups),
                      num_boost_round=20) for seed in (13, 1))
    assert _trees(a) != _trees(b)


def test_variant_parse_round_trips() -> None:
    for text, expected in (("0.3", tcf.Variant(0.3, 0)), ("0:0", tcf.BASELINE),
                           ("0.1:0:1", tcf.Variant(0.1, 0, 1)),
                           ("0.3+objects", tcf.Variant(0.3, 0, 0, True))):
        variant = tcf.Variant.parse(text)
        assert variant == expected
        assert tcf.Variant.parse(str(variant)) == variant


def test_gains_needs_the_shipped_setting_to_rise() -> None:
    baseline = {"ranker_alone_fold_model": 0.70, "with_tag_rule_fold_model": 0.91}
    base = {"ranker_alone_shipped": 0.67, "with_tag_rule_shipped": 0.92}
    assert tcf.gains({**base, "ranker_alone_fold_model": 0.72,
                      "with_tag_rule_fold_model": 0.93}, baseline)
    assert not tcf.gains({**base, "ranker_alone_fold_model": 0.75,
                          "with_tag_rule_fold_model": 0.92}, baseline)
    assert not tcf.gains({**base, "ranker_alone_fold_model": 0.69,
                          "with_tag_rule_fold_model": 0.95}, baseline)


STORY = """Mirela Osk waited at the door. Tobin Varr came up the stairs.

"You're late," Mirela told him.

"The train was slow," Tobin said to her. He smiled at her.

"Then we leave early tomorrow," she said.
"""


def test_tag_objects_are_the_objects_of_verbs_of_saying() -> None:
    from ficlens.coref.mentions import build_table
    from ficlens.coref.regions import quote_regions
    from ficlens.coref.stage import gather
    from ficlens.document import Work
    from ficlens.pipeline import analyze

    work = analyze(Work(text=STORY), ["segment", "nlp", "characters", "quotes"])
    rows, _ = gather(work)
    table = build_table(rows, work.text, work.layer("tokens"), quote_regions(work))
    found = tcf.tag_objects(work, rows, table)
    words = sorted((work.text[rows[row][0]:rows[row][1]], rows[row][0])
                   for row in found)
    told = STORY.index("told him") + len("told ")
    said_to = STORY.index("said to her") + len("said to ")
    # "told him" and "said to her" name the addressee; "smiled at her" is a gesture
    assert words == sorted([("him", told), ("her", said_to)])
    quotes = work.layer("quotes")
    assert all(quotes[k].start < rows[row][0] for row, k in found.items())
