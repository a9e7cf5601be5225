"""training/train_coref_bagged.py: fixed document subsamples, averaged members."""

from __future__ import annotations

import sys
from pathlib import Path

import lightgbm as lgb
import numpy as np

TRAINING = Path(__file__).resolve().parent.parent / "training"
sys.path.insert(0, str(TRAINING))

import train_coref as tc  # noqa: E402
import train_coref_bagged as tcb  # noqa: E402


def _queries(rng: np.random.Generator, n: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sizes = rng.integers(2, 6, size=n)
    x = rng.normal(size=(int(sizes.sum()), len(tcb.FEATURE_NAMES)))
    y = np.zeros(len(x), dtype=np.float32)
    y[np.cumsum(sizes) - 1 - rng.integers(0, 2, size=n)] = 1.0
    x[y == 1, 0] += 1.0  # a learnable signal
    return x, y, sizes


def test_member_subsamples_are_fixed_and_distinct() -> None:
    ids = [str(i) for i in (3, 25, 1, 140, 7, 88, 12, 9, 600, 41)]
    first = tcb.member_docs(ids, members=4, fraction=0.5)
    assert first == tcb.member_docs(list(reversed(ids)), members=4, fraction=0.5)
    assert all(len(subset) == 5 and set(subset) <= set(ids) for subset in first)
    assert len({tuple(subset) for subset in first}) > 1
    assert tcb.member_docs(ids, members=2, fraction=1.0) == [sorted(ids, key=int)] * 2


def test_leaving_a_document_out_drops_it_from_every_member_only() -> None:
    rng = np.random.default_rng(0)
    per_doc = {str(i): _queries(rng) for i in range(6)}
    subsets = tcb.member_docs(list(per_doc), members=3, fraction=0.5)
    params = {**tc.PARAMS, "min_data_in_leaf": 5}
    full = tcb.fit_bagged(per_doc, subsets, [], params=params, rounds=5)
    without = tcb.fit_bagged(per_doc, subsets, [], leave_out="0", params=params, rounds=5)
    x = rng.normal(size=(20, len(tcb.FEATURE_NAMES)))
    for k, subset in enumerate(subsets):
        same = full.members[k].predict(x) == without.members[k].predict(x)
        assert same.all() == ("0" not in subset)


def test_averaged_booster_is_the_members_mean() -> None:
    x, y, groups = _queries(np.random.default_rng(2))
    members = [lgb.train({**tc.PARAMS, "min_data_in_leaf": 5, "learning_rate": rate},
                         lgb.Dataset(x, y, group=groups), num_boost_round=5)
               for rate in (0.1, 0.3)]
    averaged = tcb.AveragedBooster(members).predict(x)
    assert np.allclose(averaged, (members[0].predict(x) + members[1].predict(x)) / 2)


def test_parameters_parse_as_numbers_and_words() -> None:
    assert tcb._parameter("learning_rate=0.05") == ("learning_rate", 0.05)
    assert tcb._parameter("bagging_freq=1") == ("bagging_freq", 1)
    assert tcb._parameter("bagging_by_query=true") == ("bagging_by_query", True)
