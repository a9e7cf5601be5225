"""Start-up and memory: the nlp stage keeps only its layers, and the start-up bench reads
python's import log."""

from __future__ import annotations

import sys

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
