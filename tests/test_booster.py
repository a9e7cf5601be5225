"""The shipped models predict through LightGBM's C library without the lightgbm package
(whose import pulls in scikit-learn and scipy): the scores must be lightgbm's, bit for bit."""

from __future__ import annotations

import gzip
import json

import numpy as np
import pytest

from ficlens.models import MODEL_DIR
from ficlens.models.booster import Booster, BoosterError

lightgbm = pytest.importorskip("lightgbm")


def _matrices(n_features: int) -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    small = rng.integers(-2, 6, size=(200, n_features)).astype(np.float64)
    small[rng.random(small.shape) < 0.1] = np.nan
    wide = rng.normal(size=(150, n_features)) * 10
    return [small, wide, wide.astype(np.float32), np.asfortranarray(small),
            wide.round().astype(np.int64), wide[:0]]


@pytest.mark.parametrize("name", sorted(p.name for p in MODEL_DIR.glob("*.txt")))
def test_each_shipped_model_predicts_as_lightgbm_does(name):
    path = MODEL_DIR / name
    ours, theirs = Booster(model_file=path), lightgbm.Booster(model_file=str(path))
    assert ours.feature_name() == theirs.feature_name()
    for matrix in _matrices(ours.num_feature()):
        if len(matrix):
            assert np.array_equal(ours.predict(matrix), theirs.predict(matrix))
        assert np.array_equal(ours.predict(matrix, num_threads=1),
                              theirs.predict(matrix, num_threads=1) if len(matrix)
                              else np.zeros(0))


def test_a_model_read_from_a_string_predicts_as_lightgbm_does():
    with gzip.open(MODEL_DIR / "coref_person_nouns.json.gz", "rt", encoding="utf-8") as fh:
        model = json.load(fh)["booster"]
    ours, theirs = Booster(model_str=model), lightgbm.Booster(model_str=model)
    for matrix in _matrices(ours.num_feature())[:3]:
        assert np.array_equal(ours.predict(matrix, num_threads=1),
                              theirs.predict(matrix, num_threads=1))


def test_a_corrupt_model_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("tree\nversion=v4\nnot a model\n", encoding="utf-8")
    with pytest.raises(BoosterError):
        Booster(model_file=bad)
    with pytest.raises(BoosterError):
        Booster(model_file=tmp_path / "absent.txt")


def test_analysis_imports_neither_scikit_learn_nor_the_lightgbm_package():
    """Start-up: a fresh process analysing a story loads no scikit-learn, pandas, lightgbm
    package or scipy beyond scipy.fft (the arc's DCT): the shipped models predict through
    LightGBM's C library, the voices count words with a plain tokeniser."""
    import subprocess
    import sys

    code = ("import sys; from ficlens.document import Work; from ficlens.pipeline import analyze;"
            "analyze(Work(text='\"Hello,\" Ann said. Bob nodded. \"Hi, Ann.\"'));"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in"
            " {'sklearn', 'lightgbm', 'pandas'} or m.startswith(('scipy.sparse', 'scipy.optimize',"
            " 'scipy.stats', 'scipy.linalg'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
