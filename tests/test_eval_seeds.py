"""The hand-annotated fan-fiction seeds: the harness, and that the annotation holds no text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ficlens.eval.seeds import ANNOTATION, read_annotation

pytestmark = pytest.mark.shared


def test_annotation_offsets_point_at_quotations(seeds_dir: Path):
    for name, story in read_annotation().items():
        text = (seeds_dir / name).read_text(encoding="utf-8")
        for quote in story["quotes"]:
            span = text[quote["start"] : quote["end"]]
            assert span[:1] in "\"“" and span[-1:] in "\"”", (name, quote["id"])
            assert quote["speaker"] is None or quote["speaker"] in story["characters"]


def test_annotation_copies_no_story_text(seeds_dir: Path):
    annotation = ANNOTATION.read_text(encoding="utf-8")
    for name, story in json.loads(annotation)["stories"].items():
        text = (seeds_dir / name).read_text(encoding="utf-8")
        for quote in story["quotes"]:
            inner = text[quote["start"] + 1 : quote["end"] - 1]
            assert len(inner) < 16 or inner not in annotation, (name, quote["id"])


@pytest.fixture(scope="module")
def seed_summary(seeds_dir: Path) -> dict:
    from ficlens.eval.seeds import evaluate

    return evaluate(seeds_dir)


@pytest.mark.slow
def test_seed_speakers_with_gold_characters(seed_summary: dict):
    assert seed_summary["end_to_end"]["quote_detection_recall"] == 1.0
    # Measured 0.927 (193 quotations).
    assert seed_summary["gold_characters"]["accuracy"] >= 0.85


@pytest.mark.slow
@pytest.mark.xfail(
    reason="issue 19 removed the stories' own names from the first-name and nickname lists "
    "(Peyton's gender, Luke = Lucas): 0.922 -> 0.689 end to end until gender and identity "
    "are read from the text",
    strict=False,
)
def test_seed_speakers_end_to_end(seed_summary: dict):
    # Measured 0.922 with the corpus-keyed names, 0.689 without; 0.729 before
    # backstory-aware tags.
    assert seed_summary["end_to_end"]["accuracy"] >= 0.85
    by_story = {r["novel"][:3]: r["end_to_end"]["accuracy"] for r in seed_summary["per_novel"]}
    assert by_story["003"] >= 0.95  # the Lucas and Peyton reunion, not Nathan and Haley
