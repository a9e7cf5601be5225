"""The characters harness (``ficlens eval characters``) on invented character lists, and on
the smallest PDNC novel in ../shared (skipped where absent)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.eval.characters import GoldCharacter, score_novel, score_speakers

GOLD = [
    GoldCharacter("Mara Voss", frozenset({"Mara Voss", "Mara"}), "F", "major"),
    GoldCharacter("Tobin Hale", frozenset({"Tobin Hale", "Tobin"}), "M", "major"),
    GoldCharacter("Iris Voss", frozenset({"Iris Voss", "Iris"}), "F", "intermediate"),
]


def _predicted(name: str, aliases: list[str], gender: str, mentions: int) -> dict:
    return {"name": name, "aliases": aliases, "gender": gender, "mentions": mentions,
            "kind": "named"}


def test_a_merged_cluster_is_impure_and_a_missed_character_is_listed() -> None:
    predicted = [
        _predicted("Mara Voss", ["Mara Voss", "Mara", "Iris"], "F", 30),  # swallowed Iris
        _predicted("Tobin", ["Tobin"], "F", 10),  # wrong gender
    ]
    scores = score_novel(predicted, GOLD)
    assert (scores["gold"], scores["found"]) == (3, 3)
    assert (scores["matched_clusters"], scores["impure_clusters"]) == (2, 1)
    assert (scores["gendered"], scores["gender_right"]) == (3, 2)
    assert scores["missed"] == []
    assert score_novel(predicted[1:], GOLD)["missed"] == ["Mara Voss", "Iris Voss"]


def test_speaker_whole_needs_one_predicted_character_naming_one_gold_speaker() -> None:
    predicted = [_predicted("Mara Voss", ["Iris"], "F", 30), _predicted("Tobin", [], "M", 9)]
    quotes = Counter({"Mara Voss": 5, "Tobin": 3, "Iris": 2})
    speakers = score_speakers(predicted, GOLD, quotes)
    assert speakers["quotes"] == 10
    assert speakers["speaker_found_quotes"] == 10
    assert speakers["speaker_whole_quotes"] == 3  # Tobin's only: Mara and Iris share one


@pytest.mark.shared
@pytest.mark.slow
def test_eval_characters_cli_on_one_novel(pdnc_dir: Path, tmp_path: Path) -> None:
    from ficlens.eval.pdnc_data import novel_folders

    smallest = min(novel_folders(pdnc_dir), key=lambda p: (p / "novel_text.txt").stat().st_size)
    result = CliRunner().invoke(app, ["eval", "characters", "--data", str(pdnc_dir),
                                      "--novels", smallest.name, "--json",
                                      "--cache", str(tmp_path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [n["novel"] for n in report["per_novel"]] == [smallest.name]
    assert 0.0 < report["overall"]["recall"] <= 1.0
    assert list(tmp_path.glob("*.pkl"))  # the one parse cache every harness shares
