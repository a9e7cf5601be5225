"""The second fresh-authors part of ``ficlens eval check --errors real``: a part of its own
(measured blind once, then read: a tuning part), by authors in no other part, whose entries
are well-formed against their snapshots."""

from __future__ import annotations

import io
import json
import re
import tempfile
from itertools import pairwise
from pathlib import Path

import pytest
from rich.console import Console

from ficlens.check.findings import Finding
from ficlens.cli import eval_check
from ficlens.eval.check_real import (
    PARTS,
    RealError,
    _story_path,
    evaluate_real,
    load_annotation,
    score_work,
    summarise,
    text_hash,
)
from ficlens.eval.snapshots import default_mirrors
from ficlens.ingest import read_path

PART = "fresh_authors_2"


def _fresh2() -> tuple[dict, list[str]]:
    annotation = load_annotation()
    return annotation, annotation["split"][PART]


def test_fresh_authors_2_is_a_held_apart_part_of_its_own() -> None:
    annotation, names = _fresh2()
    assert PART in PARTS
    assert len(names) >= 4
    repositories = {annotation["works"][n]["source"]["repository"] for n in names}
    older = {annotation["works"][n].get("source", {}).get("repository")
             for p in PARTS if p != PART for n in annotation["split"][p]}
    assert not repositories & older
    assert not set(names) & {n for p in PARTS if p != PART for n in annotation["split"][p]}


def test_fresh_authors_2_entries_are_well_formed_without_the_text() -> None:
    annotation, names = _fresh2()
    assert_entries_well_formed(annotation, names, {"repository", "commit", "path", "fandom"})


def assert_entries_well_formed(annotation: dict, names: list[str], source_keys: set) -> None:
    """Each work names its source and hash, terms and a note, and holds marked errors only
    as offsets, categories and corrections (no story text), none overlapping."""
    categories = set(annotation["categories"])
    for name in names:
        entry = annotation["works"][name]
        assert set(entry["source"]) >= source_keys
        assert len(entry["source"]["commit"]) == 40
        assert len(entry["sha256"]) == 64
        assert entry["terms"] and entry["note"]
        errors = entry["errors"]
        assert errors, f"{name}: no marked error"
        for error in errors:
            assert set(error) == {"start", "end", "category", "correction", "unambiguous"}
            assert 0 <= error["start"] < error["end"], f"{name}: empty or reversed span"
            assert error["category"] in categories, f"{name}: unknown {error['category']}"
            assert isinstance(error["unambiguous"], bool)
        spans = sorted((e["start"], e["end"]) for e in errors)
        assert all(earlier[1] <= later[0] for earlier, later in pairwise(spans)), (
            f"{name}: overlapping spans")


def test_fresh_authors_2_offsets_lie_in_the_snapshot_text() -> None:
    annotation, names = _fresh2()
    assert snapshot_words(annotation, names) > 0


def snapshot_words(annotation: dict, names: list[str]) -> int:
    """The words of the marked works' snapshot texts, each checked against its entry: the
    hash, and every span inside the text, not blank and not its own correction. Skips where a
    repository snapshot is absent."""
    mirrors = default_mirrors()
    words = 0
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            entry = annotation["works"][name]
            path = _story_path(Path(scratch), mirrors, name, entry, Path(scratch))
            if path is None:
                pytest.skip(f"no snapshot of {entry['source']['repository']} under {mirrors} "
                            f"({name}); fetch the repository or set FICLENS_MIRRORS")
            text = read_path(path).text
            assert text_hash(text) == entry["sha256"], f"{name}: the text read has changed"
            words += len(text.split())
            for error in entry["errors"]:
                assert error["end"] <= len(text)
                assert text[error["start"]:error["end"]].strip(), f"{name}: blank span"
                assert text[error["start"]:error["end"]] != error["correction"]
    return words


def training_repositories() -> set[str]:
    """Repositories of the unlabelled training fan fiction, of the development set and of the
    fan works the check's tables were trained on (training/fan_works.py names them)."""
    training = Path(__file__).resolve().parents[1] / "training"
    manifest = json.loads((training / "fanfic_unlabelled_sources.json").read_text("utf-8"))
    named = set(re.findall(r'"([\w.-]+/[\w.-]+)"',
                           (training / "fan_works.py").read_text("utf-8")))
    return ({w["repository"] for w in manifest["works"]}
            | set(manifest["excluded_repositories"]) | named)


def assert_part_of_its_own(annotation: dict, part: str) -> None:
    """A blind part: four to six works by at least three authors in no other part, from
    repositories no other part and no training data use."""
    names = annotation["split"][part]
    assert part in PARTS
    assert 4 <= len(names) <= 6
    sources = [annotation["works"][n]["source"] for n in names]
    authors = {s["author"] for s in sources}
    assert len(authors) >= 3
    repositories = {s["repository"] for s in sources}
    others = [annotation["works"][n] for p in PARTS if p != part for n in annotation["split"][p]]
    assert not repositories & {w.get("source", {}).get("repository") for w in others}
    assert not authors & {w.get("source", {}).get("author") for w in others}
    assert not repositories & training_repositories()
    assert not set(names) & {n for p in PARTS if p != part for n in annotation["split"][p]}


def assert_scored_apart(part: str) -> None:
    """A work of ``part`` whose snapshot is absent is skipped in its own table and never
    counted in 'all'."""
    text = "Odile said their was no time left."
    start = text.index("their")
    annotation = {"works": {"oneshot.md": {
        "source": {"repository": "nobody/nothing", "commit": "0" * 40, "path": "oneshot.md",
                   "fandom": "none", "author": "nobody"},
        "sha256": text_hash(text), "terms": ["Odile"],
        "errors": [{"start": start, "end": start + 5, "category": "confusable",
                    "correction": "there", "unambiguous": True}]}},
        "split": {"tune": [], "held_apart": [], part: ["oneshot.md"]}}
    with tempfile.TemporaryDirectory() as scratch:
        result = evaluate_real(Path(scratch), lambda _work: [], annotation,
                               mirrors=Path(scratch))
    assert result["skipped_by_part"][part] == ["oneshot.md"]
    assert result[part]["works"] == []
    assert result["all"]["works"] == []


@pytest.mark.parametrize(("part", "title"), [
    (PART, "fresh-authors part 2 (blind once, then read: tuning)"),
    ("fresh_authors_3", "fresh-authors part 3 (authors in no other part, blind)"),
    ("fresh_authors_4", "fresh-authors part 4 (authors in no other part, blind)"),
    ("fresh_authors_5", "fresh-authors part 5 (blind once, then read: tuning)"),
    ("fresh_authors_6", "fresh-authors part 6 (authors in no other part, blind)"),
])
def test_each_fresh_part_prints_a_table_of_its_own(monkeypatch, part, title) -> None:
    text = "Odile said their was no time left."
    start = text.index("their")
    errors = [RealError(start, start + 5, "confusable", "there", True)]
    finding = Finding("confusables.theyre", "confusables", "error", start, start + 5, "m")
    scored = summarise([score_work("fresh_ch01.html", text, [finding], errors, ["Odile"])])
    empty = summarise([])
    result = {**{p: empty for p in PARTS}, part: scored, "all": empty,
              "skipped": [], "skipped_by_part": {},
              "names": {"works": 0, "false_findings": 0, "by_work": {}}}
    printed = io.StringIO()
    monkeypatch.setattr(eval_check, "console", Console(file=printed, width=200))
    eval_check._print_real(result)
    shown = " ".join(printed.getvalue().split())
    assert f"{title}: precision 1.00" in shown
