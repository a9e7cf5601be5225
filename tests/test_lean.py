"""Start-up and memory: the nlp stage keeps only its layers, and the start-up bench reads
python's import log."""

from __future__ import annotations

import sys

import pytest

from ficlens.bench_lean import import_breakdown
from ficlens.document import Work
from ficlens.pipeline import analyze

LOG = """import time: self [us] | cumulative | imported package
import time:    100000 |     100000 |   numpy._core
import time:    400000 |     500000 | numpy
import time:   2000000 |    2000000 | sklearn.feature_extraction
import time:     50000 |      50000 | ficlens.nlp
"""


def test_import_breakdown_sums_each_package_s_own_time():
    shares = import_breakdown(LOG, top=2)
    assert shares == {"sklearn": 2.0, "numpy": 0.5, "other": 0.05}


def test_the_nlp_stage_keeps_layers_not_spacy_docs():
    work = Work(text='"Come in," said Mara. Tom smiled at her.\n\nThey walked home.')
    analyze(work, ["segment", "nlp"])
    assert "spacy" not in work.cache
    tokens = work.layer("tokens")
    assert [t.attrs["pos"] for t in tokens][:2] == ["PUNCT", "VERB"]
    first = tokens[0].attrs
    assert list(first) == ["pos", "tag", "lemma", "dep", "head", "sent"]
    assert type(first) is dict and first == dict(first)
    # one str object per distinct tag, not one per token
    tags = [t.attrs["tag"] for t in tokens]
    assert all(a is b for a, b in zip(tags, tags[1:], strict=False) if a == b)
    assert tokens[-1].attrs["sent"] == len(work.layer("sentences")) - 1


def test_the_startup_baseline_loads_the_nlp_stage_s_model():
    from ficlens.bench_lean import spacy_load_command
    from ficlens.nlp.config import DEFAULT

    command = spacy_load_command()
    assert command[0] == sys.executable
    assert f"spacy.load({DEFAULT.model!r})" in command[-1]


def test_analysing_a_story_imports_no_scipy():
    """Start-up: scipy (and scipy.special behind scipy.fft) stays out of an analysis."""
    import subprocess

    code = ("import sys; from ficlens.document import Work; from ficlens.pipeline import analyze;"
            "analyze(Work(text='\"Hello,\" Ann said. Bob nodded. \"Hi, Ann.\"'));"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_preloaded_model_is_the_one_loaded_later(tmp_path):
    from ficlens.models import MODEL_DIR
    from ficlens.models.booster import Booster, BoosterError, from_file, preload

    model = MODEL_DIR / "coref.lgb.txt"
    preload([model, tmp_path / "absent.txt"])
    taken = from_file(model)
    assert taken.feature_name() == Booster(model_file=model).feature_name()
    assert from_file(model) is not taken  # taken once; a second call loads anew
    with pytest.raises(BoosterError):  # the background load's error, raised where taken
        from_file(tmp_path / "absent.txt")


def test_the_command_line_and_the_web_app_start_without_spacy_or_the_corpus_store():
    """`ficlens serve` imports the web app and the report (spaCy's stop words are read only
    when a portrait is first summarised); every command starts without the corpus store."""
    import subprocess

    code = ("import sys; import ficlens.cli, ficlens.web.app, ficlens.report.html;"
            "print('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
    code = "import sys; import ficlens.cli; print('ficlens.corpus.store' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_the_pipeline_returns_free_memory_after_every_stage(monkeypatch):
    import ficlens.pipeline as pipeline
    from ficlens.memory import _malloc_trim

    calls = []
    monkeypatch.setattr(pipeline, "release_free_memory", lambda: calls.append(1))
    analyze(Work(text="Mara smiled. Tom waved at her."), ["segment", "nlp"])
    assert len(calls) == 2
    if sys.platform.startswith("linux"):
        assert callable(_malloc_trim())
