"""The fourth fresh-authors part of ``ficlens eval check --errors real``: a blind held-apart
part of its own, by authors in no other part, from a repository that no other part, the
fan-fiction development set or the unlabelled training fan fiction uses, whose entries are
well-formed against their snapshots."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ficlens.eval.check_real import (
    PARTS,
    load_annotation,
)
from tests.test_eval_check_real_fresh2 import (
    assert_entries_well_formed,
    assert_scored_apart,
    snapshot_words,
)

PART = "fresh_authors_4"
REPO = Path(__file__).resolve().parents[1]


def _fresh4() -> tuple[dict, list[str]]:
    annotation = load_annotation()
    return annotation, annotation["split"][PART]


def _training_repositories() -> set[str]:
    """Repositories of the unlabelled training fan fiction, of the development set and of the
    fan works the check's tables were trained on (training/fan_works.py names them)."""
    manifest = json.loads((REPO / "training" / "fanfic_unlabelled_sources.json")
                          .read_text(encoding="utf-8"))
    fan_works = (REPO / "training" / "fan_works.py").read_text(encoding="utf-8")
    named = set(re.findall(r'"([\w.-]+/[\w.-]+)"', fan_works))
    return ({w["repository"] for w in manifest["works"]}
            | set(manifest["excluded_repositories"]) | named)


def test_fresh_authors_4_is_a_held_apart_part_of_its_own() -> None:
    annotation, names = _fresh4()
    assert PART in PARTS
    assert 4 <= len(names) <= 6
    sources = [annotation["works"][n]["source"] for n in names]
    authors = {s["author"] for s in sources}
    assert len(authors) >= 3
    repositories = {s["repository"] for s in sources}
    others = [annotation["works"][n] for p in PARTS if p != PART for n in annotation["split"][p]]
    assert not repositories & {w.get("source", {}).get("repository") for w in others}
    assert not authors & {w.get("source", {}).get("author") for w in others}
    assert not repositories & _training_repositories()
    assert not set(names) & {n for p in PARTS if p != PART for n in annotation["split"][p]}


def test_fresh_authors_4_entries_are_well_formed_without_the_text() -> None:
    annotation, names = _fresh4()
    assert_entries_well_formed(annotation, names,
                               {"repository", "commit", "path", "fandom", "author"})


def test_fresh_authors_4_offsets_lie_in_the_snapshot_text() -> None:
    annotation, names = _fresh4()
    assert 12_000 <= snapshot_words(annotation, names) <= 16_000


def test_the_part_is_scored_apart_from_all() -> None:
    assert_scored_apart(PART)
