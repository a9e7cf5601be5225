"""The third fresh-authors part of ``ficlens eval check --errors real``: a blind held-apart
part of its own, by authors in no other part, from repositories that no other part, the
fan-fiction development set or the unlabelled training fan fiction uses, whose entries are
well-formed against their snapshots."""

from __future__ import annotations

from ficlens.eval.check_real import load_annotation
from tests.test_eval_check_real_fresh2 import (
    assert_entries_well_formed,
    assert_part_of_its_own,
    assert_scored_apart,
    snapshot_words,
)

PART = "fresh_authors_3"


def _fresh3() -> tuple[dict, list[str]]:
    annotation = load_annotation()
    return annotation, annotation["split"][PART]


def test_fresh_authors_3_is_a_held_apart_part_of_its_own() -> None:
    assert_part_of_its_own(load_annotation(), PART)


def test_fresh_authors_3_entries_are_well_formed_without_the_text() -> None:
    annotation, names = _fresh3()
    assert_entries_well_formed(annotation, names,
                               {"repository", "commit", "path", "fandom", "author"})


def test_fresh_authors_3_offsets_lie_in_the_snapshot_text() -> None:
    annotation, names = _fresh3()
    assert 12_000 <= snapshot_words(annotation, names) <= 16_000


def test_the_part_is_scored_apart_from_all() -> None:
    assert_scored_apart(PART)
