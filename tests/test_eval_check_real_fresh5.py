"""The fifth fresh-authors part of ``ficlens eval check --errors real``: a part of its own
(measured blind once, then read: a tuning part), by authors in no other part, from repositories
that no other part, the fan-fiction development set or any training data uses, whose entries
are well-formed against their snapshots."""

from __future__ import annotations

from ficlens.eval.check_real import load_annotation
from tests.test_eval_check_real_fresh2 import (
    assert_entries_well_formed,
    assert_part_of_its_own,
    assert_scored_apart,
    snapshot_words,
)

PART = "fresh_authors_5"


def test_fresh_authors_5_is_a_part_of_its_own() -> None:
    assert_part_of_its_own(load_annotation(), PART)


def test_fresh_authors_5_entries_are_well_formed_without_the_text() -> None:
    annotation = load_annotation()
    assert_entries_well_formed(annotation, annotation["split"][PART],
                               {"repository", "commit", "path", "fandom", "author"})


def test_fresh_authors_5_offsets_lie_in_the_snapshot_text() -> None:
    annotation = load_annotation()
    assert 12_000 <= snapshot_words(annotation, annotation["split"][PART]) <= 16_000


def test_fresh_authors_5_is_scored_apart_from_all() -> None:
    assert_scored_apart(PART)
