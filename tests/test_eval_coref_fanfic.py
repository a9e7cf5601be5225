"""``ficlens eval coref-fanfic``: scoring hand-labelled pronouns, reading works out of
repository snapshots, and the shipped gold set (invented stories; the real works are read
from /work/.mirror and skipped where it is absent)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ficlens.document import Span, Work
from ficlens.eval.check_real import text_hash
from ficlens.eval.coref_fanfic import (
    OTHER,
    SKIP,
    SPLITS,
    THEY,
    THIRD_PERSON,
    UNTRAINED_SPLITS,
    evaluate,
    labelled_works,
    load_gold,
    score_work,
)
from ficlens.eval.snapshots import default_mirrors

REPO = Path(__file__).resolve().parents[1]

STORY = (
    "Marigold Quillfeather pushed open the bakery door. She set her basket on the counter.\n\n"
    "Tobias Wrenfield looked up from the ovens and wiped his hands. He grinned at her.\n\n"
    "\"You're late,\" he said. Marigold rolled her eyes at him and laughed.\n"
)
REPOSITORY = "invented/bakery"
PATH = "stories/bakery.md"


def pronoun_offsets(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\b\w+\b", text)
            if m.group().lower() in THIRD_PERSON]


def story_gold(text: str, labels: list[str], sha256: str | None = None) -> dict:
    offsets = pronoun_offsets(text)
    assert len(offsets) == len(labels)
    return {"about": "invented", "works": {"bakery": {
        "source": {"repository": REPOSITORY, "commit": "HEAD", "path": PATH},
        "sha256": sha256 or text_hash(text),
        "stretch": {"start": 0, "end": len(text)},
        "characters": [{"name": "Marigold Quillfeather", "aliases": ["Marigold"],
                        "gender": "F"},
                       {"name": "Tobias Wrenfield", "aliases": ["Tobias"], "gender": "M"}],
        "pronouns": [{"start": s, "end": e, "pronoun": text[s:e].lower(), "gold": g}
                     for (s, e), g in zip(offsets, labels, strict=True)],
    }}}


# She her his He her he her him
LABELS = ["Marigold Quillfeather", "Marigold Quillfeather", "Tobias Wrenfield",
          "Tobias Wrenfield", "Marigold Quillfeather", "Tobias Wrenfield",
          "Marigold Quillfeather", "Tobias Wrenfield"]


def hand_built_work(links: list[str | None], characters: list[dict]) -> Work:
    """A work whose coref layer links the story's pronouns to ``links`` (no pipeline run)."""
    work = Work(text=STORY)
    work.add_layer("coref", [Span(s, e, {"character": link})
                             for (s, e), link in zip(pronoun_offsets(STORY), links, strict=True)])
    work.set_table("characters", characters)
    return work


def test_right_wrong_unresolved_and_other_are_counted() -> None:
    entry = story_gold(STORY, [*LABELS[:6], OTHER, SKIP])["works"]["bakery"]
    work = hand_built_work(
        ["c1", "c1", "c2", "c1", None, "c2", None, "c1"],
        [{"id": "c1", "name": "Marigold", "aliases": []},
         {"id": "c2", "name": "Tobias Wrenfield", "aliases": ["Tobias"]}])
    score = score_work(work, entry)
    row = score.row()
    by_form = row.pop("by_form")
    assert row == {"pronouns": 6, "right": 4, "wrong": 1, "unresolved": 1,
                   "accuracy": round(4 / 6, 4), "other_pronouns": 1, "other_right": 1,
                   "accuracy_with_other": round(5 / 7, 4)}
    # She her her (Marigold's): right, right, unresolved; his He he (Tobias's): right, wrong,
    # right; the last "her" is 'other', "him" skipped
    assert (by_form["she"]["right"], by_form["she"]["unresolved"]) == (2, 1)
    assert (by_form["he"]["right"], by_form["he"]["wrong"]) == (2, 1)
    assert score.alignment == {"Marigold": "Marigold Quillfeather",
                               "Tobias Wrenfield": "Tobias Wrenfield"}


def test_a_character_merging_two_gold_ones_counts_for_one_only() -> None:
    entry = story_gold(STORY, LABELS)["works"]["bakery"]
    work = hand_built_work(["c1"] * 8, [{"id": "c1", "name": "The baker", "aliases": []}])
    score = score_work(work, entry)
    # aligned with Marigold (4 shared pronouns against Tobias's 4: either, never both)
    assert score.right == 4 and score.wrong == 4
    assert len(score.alignment) == 1


@pytest.fixture()
def mirror(tmp_path: Path) -> Path:
    """A bare-git snapshot folder ``owner+name/repo`` holding the invented story."""
    work_tree = tmp_path / "work"
    (work_tree / "stories").mkdir(parents=True)
    (work_tree / PATH).write_text(STORY, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(work_tree)], check=True)
    subprocess.run([*git, "-C", str(work_tree), "add", "."], check=True)
    subprocess.run([*git, "-C", str(work_tree), "commit", "-q", "-m", "story"], check=True)
    mirrors = tmp_path / "mirrors"
    mirrors.mkdir()
    subprocess.run(["git", "clone", "-q", "--bare", str(work_tree),
                    str(mirrors / REPOSITORY.replace("/", "+") / "repo")], check=True)
    return mirrors


def test_a_work_is_read_from_its_snapshot_and_scored_end_to_end(mirror: Path) -> None:
    from ficlens.ingest import read_path

    text = read_path(mirror.parent / "work" / PATH).text
    report = evaluate(story_gold(text, LABELS), mirrors=mirror)
    assert report["skipped"] == []
    row = report["works"]["bakery"]
    assert row["pronouns"] == 8
    assert row["right"] + row["wrong"] + row["unresolved"] == 8
    assert row["alignment"].get("Marigold", row["alignment"].get("Marigold Quillfeather")) \
        == "Marigold Quillfeather"
    # two leads of different genders, each pronoun with one same-gender antecedent
    assert row["accuracy"] >= 0.75
    assert report["total"]["pronouns"] == 8
    given = report["gold_characters"]["works"]["bakery"]
    # the labelled cast stands in for the characters stage: its ids map to it one for one
    assert given["pronouns"] == 8 and given["accuracy"] >= 0.75
    assert set(given["alignment"].values()) <= {"Marigold Quillfeather", "Tobias Wrenfield"}


def test_a_changed_text_is_an_error_not_a_silent_score(mirror: Path) -> None:
    with pytest.raises(ValueError, match="changed since the pronouns were labelled"):
        evaluate(story_gold(STORY, LABELS, sha256="0" * 64), mirrors=mirror)


def test_works_without_a_snapshot_are_skipped(tmp_path: Path) -> None:
    report = evaluate(story_gold(STORY, LABELS), mirrors=tmp_path)
    assert report["skipped"] == ["bakery"]
    assert report["total"]["pronouns"] == 0 and report["total"]["accuracy"] is None


def test_the_cli_names_a_missing_snapshot_folder(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "ficlens", "eval", "coref-fanfic",
                             "--mirrors", str(tmp_path / "absent")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"ficlens: error: {tmp_path / 'absent'}: no such folder of repository snapshots"]


def test_the_shipped_gold_holds_offsets_labels_and_names_only() -> None:
    gold = load_gold()
    assert "hand" in gold["about"]
    assert len(gold["works"]) >= 4
    labelled = 0
    for name, entry in gold["works"].items():
        assert set(entry) <= {"source", "sha256", "fandom", "narration", "split", "stretch",
                              "characters", "pronouns"}, name
        assert entry["split"] in SPLITS, name
        assert {"repository", "commit", "path"} <= set(entry["source"])
        assert "37137298" not in entry["source"]["path"]
        assert "Deliverer of Destiny" not in entry["source"]["path"]
        names = {c["name"] for c in entry["characters"]}
        assert all(c["gender"] in {"M", "F", "U"} for c in entry["characters"])
        stretch = entry["stretch"]
        for pronoun in entry["pronouns"]:
            assert set(pronoun) == {"start", "end", "pronoun", "gold"}
            assert pronoun["pronoun"] in THIRD_PERSON | THEY
            assert pronoun["gold"] in names | {OTHER, SKIP}, (name, pronoun)
            assert stretch["start"] <= pronoun["start"] < pronoun["end"] <= stretch["end"]
        labelled += sum(p["gold"] != SKIP for p in entry["pronouns"])
    assert labelled >= 400
    splits = {name: entry["split"] for name, entry in gold["works"].items()}
    # the roles the first eight works had when the second held-out set was added
    assert {name for name, split in splits.items() if split == "tune"} == {
        "hp-marauder-ch1", "splatoon-garden", "ahit-ut-abort", "jevil-heroes"}
    assert {name for name, split in splits.items() if split == "held_out"} == {
        "mha-amp-ch1", "hp-bwl-ch1", "ahit-mu-wakes", "jevil-undyne"}
    second = [entry for entry in gold["works"].values() if entry["split"] == "held_out_2"]
    assert len(second) >= 3
    assert all(len(entry["pronouns"]) >= 100 for entry in second)


def test_no_chapter_is_labelled_twice_nor_the_second_held_out_set_in_a_training_pool() -> None:
    gold = load_gold()["works"]
    chapters = {(e["source"]["repository"], e["source"]["path"]) for e in gold.values()}
    assert len(chapters) == len(gold)
    # the unlabelled fan fiction of the self-supervised training scripts
    pool = json.loads((REPO / "training" / "fanfic_unlabelled_sources.json").read_text(
        encoding="utf-8"))
    pooled = {(w["repository"], path) for w in pool["works"] for path in w["paths"]}
    assert not pooled & {(e["source"]["repository"], e["source"]["path"])
                         for e in gold.values() if e["split"] in UNTRAINED_SPLITS}


def test_no_gold_work_is_held_apart_by_the_check_evaluation() -> None:
    """The check evaluation's held-apart chapters are not labelled here, and the second
    held-out set uses no chapter the check evaluation reads at all."""
    errors = json.loads((REPO / "src" / "ficlens" / "eval" / "check_real_errors.json")
                        .read_text(encoding="utf-8"))
    def chapters(parts: list[str]) -> set[tuple[str, str]]:
        return {(source["repository"], source["path"])
                for name in parts if (source := errors["works"][name].get("source"))}
    held_apart = chapters([n for part, names in errors["split"].items()
                           if part.startswith("held_apart") for n in names])
    every = chapters(list(errors["works"]))
    for name, entry in load_gold()["works"].items():
        chapter = (entry["source"]["repository"], entry["source"]["path"])
        assert chapter not in held_apart, name
        if entry["split"] == "held_out_2":
            assert chapter not in every, name


def test_no_gold_work_is_in_the_shared_data() -> None:
    from conftest import shared_root

    shared = shared_root()
    if not shared.is_dir():
        pytest.skip(f"../shared not found at {shared} (set FICLENS_SHARED)")
    # the shared works' provenance: READMEs and gold files name repositories, paths, URLs
    described = "\n".join(path.read_text(encoding="utf-8", errors="replace")
                          for pattern in ("**/README.md", "**/*.gold.json")
                          for path in sorted(shared.glob(pattern)))
    for name, entry in load_gold()["works"].items():
        source = entry["source"]
        assert source["path"] not in described, name
        if (ao3 := re.search(r"ao3-(\d+)", source["path"])) is not None:
            assert f"works/{ao3.group(1)}" not in described, name


def test_the_shipped_gold_on_the_repository_snapshots() -> None:
    mirrors = default_mirrors()
    gold = load_gold()
    name, entry = min(gold["works"].items(), key=lambda item: len(item[1]["pronouns"]))
    repo = mirrors / entry["source"]["repository"].replace("/", "+") / "repo"
    if not repo.is_dir():
        pytest.skip(f"repository snapshot not found at {repo} (set FICLENS_MIRRORS)")
    report = evaluate({"about": gold["about"], "works": {name: entry}}, mirrors=mirrors)
    row = report["works"][name]
    assert row["pronouns"] == sum(p["gold"] not in {OTHER, SKIP} for p in entry["pronouns"])
    assert row["accuracy"] is not None and row["right"] > row["pronouns"] / 2


def test_a_candidate_ranker_is_scored_through_the_coref_config(mirror: Path) -> None:
    from ficlens.coref.config import CorefConfig
    from ficlens.ingest import read_path

    gold = story_gold(read_path(mirror.parent / "work" / PATH).text, LABELS)
    shipped = CorefConfig()
    candidate = {"coref": CorefConfig(ranker=shipped.ranker, meta=shipped.meta)}
    assert evaluate(gold, mirrors=mirror, configs=candidate)["total"] \
        == evaluate(gold, mirrors=mirror)["total"]


def test_the_cli_names_a_missing_candidate_ranker(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "ficlens", "eval", "coref-fanfic",
                             "--mirrors", str(tmp_path), "--ranker", str(tmp_path / "r.lgb.txt")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"ficlens: error: {tmp_path / 'r.lgb.txt'}: no such file"]


def test_labelled_works_yields_each_text_unanalysed_for_training(mirror: Path,
                                                                 tmp_path: Path) -> None:
    from ficlens.ingest import read_path

    text = read_path(mirror.parent / "work" / PATH).text
    gold = story_gold(text, LABELS)
    [(name, entry, work)] = list(labelled_works(gold, mirror))
    assert name == "bakery" and entry is gold["works"]["bakery"]
    assert work is not None and work.text == text and "coref" not in work.layers
    empty = tmp_path / "no-snapshots"
    empty.mkdir()
    assert [w for _n, _e, w in labelled_works(gold, empty)] == [None]


def _two_split_gold(text: str) -> dict:
    gold = story_gold(text, LABELS)
    entry = gold["works"].pop("bakery")
    gold["works"]["bakery-tune"] = {**entry, "split": "tune"}
    gold["works"]["bakery-later"] = {**entry, "split": "held_out_2"}
    return gold


def test_each_split_has_its_totals_and_one_split_can_be_scored_alone(mirror: Path) -> None:
    from ficlens.ingest import read_path

    gold = _two_split_gold(read_path(mirror.parent / "work" / PATH).text)
    report = evaluate(gold, mirrors=mirror)
    assert list(report["splits"]) == ["tune", "held_out_2"]
    assert report["splits"]["held_out_2"]["works"] == ["bakery-later"]
    for setting in ("end_to_end", "gold_characters"):
        assert report["splits"]["tune"][setting] == report["splits"]["held_out_2"][setting]
    assert report["splits"]["tune"]["end_to_end"]["pronouns"] == 8
    assert report["total"]["pronouns"] == 16
    assert report["works"]["bakery-later"]["split"] == "held_out_2"
    alone = evaluate(gold, mirrors=mirror, split="held_out_2")
    assert list(alone["works"]) == ["bakery-later"] and alone["split"] == "held_out_2"
    assert alone["total"] == report["splits"]["held_out_2"]["end_to_end"]
    assert alone["gold_characters"]["total"] == report["splits"]["held_out_2"]["gold_characters"]
    with pytest.raises(ValueError, match="no work of split 'nosuch'"):
        evaluate(gold, mirrors=mirror, split="nosuch")


def test_training_scripts_never_read_the_second_held_out_set(mirror: Path) -> None:
    gold = _two_split_gold(STORY)
    assert [name for name, _e, _w in labelled_works(gold, mirror)] == ["bakery-tune"]
    assert [name for name, _e, _w in labelled_works(gold, mirror, ["held_out_2"])] \
        == ["bakery-later"]


def test_the_cli_names_an_unknown_split(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "ficlens", "eval", "coref-fanfic",
                             "--mirrors", str(tmp_path), "--split", "nosuch"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("ficlens: error: no work of split 'nosuch' in the coref gold set")
    assert "held_out_2" in line


def test_the_text_report_prints_each_splits_totals(mirror: Path) -> None:
    from ficlens.cli.eval_coref_fanfic import _print_table
    from ficlens.cli.output import console
    from ficlens.ingest import read_path

    gold = _two_split_gold(read_path(mirror.parent / "work" / PATH).text)
    report = evaluate(gold, mirrors=mirror)
    with console.capture() as captured:
        _print_table(report)
    lines = [line for line in captured.get().splitlines() if "held_out_2" in line]
    row = report["splits"]["held_out_2"]["end_to_end"]
    assert len(lines) == 1
    assert f"{row['right']}/{row['pronouns']}" in lines[0]
