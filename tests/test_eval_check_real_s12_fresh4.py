"""The fourth fresh-authors part of ``ficlens eval check --errors real``: a blind held-apart
part of its own, by authors in no other part, from a repository that no other part, the
fan-fiction development set or the unlabelled training fan fiction uses, whose entries are
well-formed against their snapshots."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest

from ficlens.eval.check_real import (
    PARTS,
    _story_path,
    evaluate_real,
    load_annotation,
    text_hash,
)
from ficlens.eval.snapshots import default_mirrors
from ficlens.ingest import read_path
from tests.test_eval_check_real_fresh2 import assert_entries_well_formed

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


def _snapshot_texts(names: list[str], annotation: dict, scratch: Path) -> dict[str, str]:
    mirrors = default_mirrors()
    texts = {}
    for name in names:
        entry = annotation["works"][name]
        path = _story_path(scratch, mirrors, name, entry, scratch)
        if path is None:
            pytest.skip(f"no snapshot of {entry['source']['repository']} under {mirrors} "
                        f"({name}); fetch the repository or set FICLENS_MIRRORS")
        texts[name] = read_path(path).text
    return texts


def test_fresh_authors_4_offsets_lie_in_the_snapshot_text() -> None:
    annotation, names = _fresh4()
    with tempfile.TemporaryDirectory() as scratch:
        texts = _snapshot_texts(names, annotation, Path(scratch))
    words = 0
    for name, text in texts.items():
        entry = annotation["works"][name]
        assert text_hash(text) == entry["sha256"], f"{name}: the text read has changed"
        words += len(text.split())
        for error in entry["errors"]:
            assert error["end"] <= len(text)
            assert text[error["start"]:error["end"]].strip(), f"{name}: blank span"
            assert text[error["start"]:error["end"]] != error["correction"]
    assert 12_000 <= words <= 16_000


def test_the_fourth_part_is_scored_apart_from_all() -> None:
    text = "Perrine told him their was a storm coming."
    start = text.index("their")
    annotation = {"works": {"fresh4_oneshot.md": {
        "source": {"repository": "nobody/nothing", "commit": "0" * 40, "path": "oneshot.md",
                   "fandom": "none", "author": "nobody"},
        "sha256": text_hash(text), "terms": ["Perrine"],
        "errors": [{"start": start, "end": start + 5, "category": "confusable",
                    "correction": "there", "unambiguous": True}]}},
        "split": {"tune": [], "held_apart": [], PART: ["fresh4_oneshot.md"]}}
    with tempfile.TemporaryDirectory() as scratch:
        result = evaluate_real(Path(scratch), lambda _work: [], annotation,
                               mirrors=Path(scratch))
    assert result["skipped_by_part"][PART] == ["fresh4_oneshot.md"]
    assert result[PART]["works"] == []
    assert result["all"]["works"] == []
