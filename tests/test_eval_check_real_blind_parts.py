"""The blind fresh-authors parts of ``ficlens eval check --errors real`` (parts 3, 4 and 6): each a
held-apart part of its own, by authors in no other part, from repositories that no other part,
the fan-fiction development set or any training data uses, whose entries are well-formed
against their snapshots."""

from __future__ import annotations

import pytest

from ficlens.eval.check_real import load_annotation
from tests.test_eval_check_real_fresh2 import (
    assert_entries_well_formed,
    assert_part_of_its_own,
    assert_scored_apart,
    snapshot_words,
)

BLIND_PARTS = ("fresh_authors_3", "fresh_authors_4", "fresh_authors_6")


@pytest.mark.parametrize("part", BLIND_PARTS)
def test_a_blind_part_is_a_held_apart_part_of_its_own(part) -> None:
    assert_part_of_its_own(load_annotation(), part)


@pytest.mark.parametrize("part", BLIND_PARTS)
def test_a_blind_parts_entries_are_well_formed_without_the_text(part) -> None:
    annotation = load_annotation()
    assert_entries_well_formed(annotation, annotation["split"][part],
                               {"repository", "commit", "path", "fandom", "author"})


@pytest.mark.parametrize("part", BLIND_PARTS)
def test_a_blind_parts_offsets_lie_in_the_snapshot_text(part) -> None:
    annotation = load_annotation()
    assert 12_000 <= snapshot_words(annotation, annotation["split"][part]) <= 16_000


@pytest.mark.parametrize("part", BLIND_PARTS)
def test_a_blind_part_is_scored_apart_from_all(part) -> None:
    assert_scored_apart(part)
