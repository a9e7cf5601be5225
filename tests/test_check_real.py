"""The real-error harness of ``ficlens eval check``: matching, the annotation file, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from ficlens.check.findings import Finding
from ficlens.eval.check_real import (
    RealError,
    _story_path,
    gold_names,
    load_annotation,
    score_work,
    text_hash,
)
from ficlens.ingest import read_path

MIRRORS = Path("/work/.mirror")
TEXT = 'Their coming tonight," He said. Zarkon waved at the the door.'


def finding(start: int, end: int, rule: str = "spelling.word") -> Finding:
    return Finding(rule, rule.split(".")[0], "error", start, end, "m")


def test_findings_match_errors_one_to_one_by_overlap() -> None:
    errors = [RealError(0, 5, "confusable", "They're", True),
              RealError(22, 24, "dialogue", "he", True),
              RealError(50, 53, "missing-doubled", "", False)]
    findings = [finding(0, 5), finding(1, 4), finding(22, 24, "dialogue.capitalised-tag"),
                finding(32, 38)]
    score = score_work("story", TEXT, findings, errors, ["Zarkon"])
    assert (score.findings, score.right) == (4, 2)
    assert score.by_category["confusable"].found == 1
    assert score.by_category["missing-doubled"].found == 0
    assert score.by_rule["spelling.word"] == [3, 1]
    # The second finding on the same error is not a second hit; the one on a name is counted.
    assert score.term_findings == ["Zarkon"]


def test_the_annotation_holds_offsets_and_corrections_only() -> None:
    annotation = load_annotation()
    parts = [set(annotation["split"][p])
             for p in ("tune", "held_apart", "held_apart_new", "tune_new")]
    assert sum(len(p) for p in parts) == len(set().union(*parts)) == len(annotation["works"])
    categories = set(annotation["categories"])
    for entry in annotation["works"].values():
        assert len(entry["sha256"]) == 64
        for error in entry["errors"]:
            assert set(error) == {"start", "end", "category", "correction", "unambiguous"}
            assert error["category"] in categories
            assert 0 <= error["start"] < error["end"]
            assert len(error["correction"]) < 40


def test_the_marked_offsets_still_fit_the_text_ficlens_reads(seeds_dir, tmp_path) -> None:
    shared = seeds_dir.parent
    for name, entry in load_annotation()["works"].items():
        # The newly held-apart works come from repository snapshots, where there are any.
        path = _story_path(shared, MIRRORS, name, entry, tmp_path)
        if path is not None:
            text = read_path(path).text
            assert text_hash(text) == entry["sha256"], name
            assert all(e["end"] <= len(text) for e in entry["errors"])


def test_a_work_of_an_absent_snapshot_is_skipped(tmp_path) -> None:
    entry = {"source": {"repository": "someone/nowhere", "commit": "0" * 40, "path": "a.md"}}
    assert _story_path(tmp_path, tmp_path, "a.md", entry, tmp_path) is None
    assert _story_path(tmp_path, None, "a.md", entry, tmp_path) is None


def test_gold_names_are_the_capitalised_words_of_names_and_aliases(tmp_path) -> None:
    gold = tmp_path / "story.gold.json"
    gold.write_text(json.dumps({"characters": [
        {"id": "Vel Ashkarra", "aliases": ["Vel", "the captain", "Ashkarra of Dunmere"]}]}))
    assert gold_names(gold) == ["Ashkarra", "Dunmere", "Vel"]
