"""The LitBank coreference harness on two documents (skipped when ../shared is absent)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ficlens.eval.litbank_coref import evaluate
from ficlens.eval.litbank_data import PDNC_OVERLAP, read_corpus, split_ids


def test_split_is_by_document_and_keeps_pdnc_excerpts_in_training(litbank_dir: Path) -> None:
    ids = [d.doc_id for d in read_corpus(litbank_dir)]
    train, dev = split_ids(ids)
    assert train | dev == set(ids) and not train & dev
    assert dev and not dev & PDNC_OVERLAP


def test_harness_on_two_documents(litbank_dir: Path) -> None:
    docs = read_corpus(litbank_dir)[:2]
    report = evaluate(docs)
    assert report["documents"] == 2
    gold = report["gold_mentions"]
    for metric in ("muc", "b3", "ceaf_e"):
        assert 0.0 <= gold[metric]["precision"] <= 1.0
        assert 0.0 <= gold[metric]["recall"] <= 1.0
    assert gold["average_f1"] > 0.5
    assert gold["pronouns"] > 50
    assert 0.5 < gold["pronoun_antecedent_accuracy"] <= 1.0
    e2e = report["end_to_end"]
    if e2e is not None:
        assert 0.0 < e2e["average_f1"] <= 1.0
        assert report["end_to_end_stages_words_per_second"] > 0


def test_cli_rejects_a_missing_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ficlens", "eval", "litbank-coref", "--data", str(tmp_path / "no")],
        capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "not found" in result.stderr


@pytest.mark.parametrize("docs", ["bogus"])
def test_cli_rejects_an_unknown_set(litbank_dir: Path, docs: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ficlens", "eval", "litbank-coref", "--data", str(litbank_dir),
         "--docs", docs],
        capture_output=True, text=True,
    )
    assert result.returncode != 0 and "--docs must be one of" in result.stderr
