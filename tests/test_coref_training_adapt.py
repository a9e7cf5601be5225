"""training/train_coref_adapt.py: fan-fiction rounds added to a fixed base ranker."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import lightgbm as lgb
import numpy as np

TRAINING = Path(__file__).resolve().parent.parent / "training"
sys.path.insert(0, str(TRAINING))

import train_coref as tc  # noqa: E402
import train_coref_adapt as tca  # noqa: E402

from ficlens.coref.features import FEATURE_NAMES  # noqa: E402
from ficlens.coref.model import META_FILE, MODEL_FILE  # noqa: E402

BASE_ROUNDS = 12


def _queries(seed: int, n: int = 300) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Invented ranker queries: one right row each, a learnable signal in feature 0."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(2, 7, size=n)
    x = rng.normal(size=(int(sizes.sum()), len(FEATURE_NAMES)))
    y = np.zeros(len(x), dtype=np.float32)
    y[np.cumsum(sizes) - 1 - rng.integers(0, 2, size=n)] = 1.0
    x[y == 1, 0] += 1.0
    return x, y, sizes


def _base() -> lgb.Booster:
    x, y, groups = _queries(0)
    data = lgb.Dataset(x, y, group=groups, feature_name=list(FEATURE_NAMES))
    return lgb.train({**tc.PARAMS, "min_data_in_leaf": 5}, data, num_boost_round=BASE_ROUNDS)


RECIPE = tca.Recipe.parse("6:0.05:20:1:0:4:50")


def test_adapter_keeps_the_base_trees_and_adds_its_rounds(tmp_path: Path) -> None:
    base = _base()
    adapted = tca.adapt(base, [(_queries(1), 1.0)], RECIPE)
    base_trees = tca.tree_blocks(base.model_to_string())
    trees = tca.tree_blocks(adapted.model_to_string())
    assert len(base_trees) == BASE_ROUNDS
    assert len(trees) == BASE_ROUNDS + RECIPE.rounds
    assert trees[:BASE_ROUNDS] == base_trees
    # the base read back from the adapted file is the base again
    path = tmp_path / "adapted.lgb.txt"
    adapted.save_model(str(path))
    again = tca.base_booster(path, BASE_ROUNDS)
    assert tca.tree_blocks(again.model_to_string()) == base_trees
    assert (tca.base_digest(path.read_text(encoding="utf-8"), BASE_ROUNDS)
            == tca.base_digest(base.model_to_string(), BASE_ROUNDS))


def test_adapter_is_deterministic() -> None:
    runs = [tca.adapt(_base(), [(_queries(1), 1.0), (_queries(2), 0.5)], RECIPE)
            .model_to_string() for _ in range(2)]
    assert runs[0] == runs[1]


def test_adapter_moves_the_scores_a_little() -> None:
    base = _base()
    adapted = tca.adapt(base, [(_queries(1), 1.0)], RECIPE)
    x = _queries(3)[0]
    moved = adapted.predict(x) - base.predict(x)
    assert np.abs(moved).max() > 0
    assert np.abs(moved).mean() < np.abs(base.predict(x)).mean()


def test_no_query_leaves_the_base() -> None:
    base = _base()
    empty = (np.zeros((0, len(FEATURE_NAMES))), np.zeros(0), np.zeros(0, dtype=np.int64))
    assert tca.adapt(base, [(empty, 1.0), (_queries(1), 0.0)], RECIPE) is base


def test_without_dummy_drops_each_querys_last_row() -> None:
    x = np.arange(7, dtype=float)[:, None]
    y = np.array([1, 0, 0, 0, 1, 0, 0], dtype=np.float32)
    x2, y2, g2 = tca.without_dummy((x, y, np.array([3, 4])))
    assert x2[:, 0].tolist() == [0, 1, 3, 4, 5]
    assert y2.tolist() == [1, 0, 0, 1, 0]
    assert g2.tolist() == [2, 3]


def test_recipe_round_trips() -> None:
    for text in ("10:0.05:100:0:1", "10:0.05:100:0:1:4:50", "5:0.02:50:1:1:15:1:nodummy"):
        assert str(tca.Recipe.parse(text)) == text
    recipe = tca.Recipe.parse("10:0.05:100:0.3:1:4:50:nodummy")
    assert (recipe.leaves, recipe.lambda_l2, recipe.dummy, recipe.pronouns) == (4, 50, False,
                                                                                 0.3)
    params = recipe.params()
    assert params["feature_fraction"] == 1.0 and params["num_leaves"] == 4


def test_choose_follows_the_tuning_rule() -> None:
    base = {"end_to_end": 100, "gold_characters": 100, "tags": 50}
    figures = {
        "a": {"end_to_end": 120, "gold_characters": 99, "tags": 50},   # loses cast given
        "b": {"end_to_end": 110, "gold_characters": 101, "tags": 47},  # loses 3 tags
        "c": {"end_to_end": 104, "gold_characters": 101, "tags": 48},
        "d": {"end_to_end": 102, "gold_characters": 100, "tags": 50},
    }
    assert tca.choose(figures, base) == "c"
    assert tca.choose({"a": figures["a"]}, base) is None


def test_shipped_ranker_matches_its_meta() -> None:
    """The shipped file holds the LitBank ranker's trees (``meta['rounds']``), plus the
    adapter's when one is shipped, whose base part is recorded by digest."""
    meta = json.loads(META_FILE.read_text(encoding="utf-8"))
    text = MODEL_FILE.read_text(encoding="utf-8")
    trees = tca.tree_blocks(text)
    adapter = meta.get("adapter")
    if adapter is None:
        assert len(trees) == meta["rounds"]
        return
    assert adapter["base_rounds"] == meta["rounds"]
    assert len(trees) == meta["rounds"] + adapter["rounds"]
    assert tca.base_digest(text, meta["rounds"]) == adapter["base_trees_sha256"]
    assert str(tca.Recipe.parse(adapter["recipe"])) == adapter["recipe"]
