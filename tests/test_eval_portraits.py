"""The portraits harness: its gold holds no text from ../shared, finds every sentence again,
and scores one-to-one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ficlens.document import Span, Work
from ficlens.eval import portraits as harness
from ficlens.ingest import read_path


def test_gold_from_shared_keeps_offsets_hashes_and_names_only():
    gold = harness.load_gold()
    for part in harness.SHARED_PARTS:
        for source, entry in gold[part].items():
            assert set(entry) <= {"sentences", "characters"}, source
            for sentence in entry["sentences"]:
                assert set(sentence) == {"start", "length", "sha1", "entries"}
                for start, end, role, character in sentence["entries"]:
                    assert 0 <= start < end <= sentence["length"]
                    assert role in harness.ROLES and isinstance(character, str)


def test_invented_entries_name_words_of_their_story():
    for story in harness.load_gold()["invented"]:
        for word, occurrence, role, character in story["entries"]:
            entry = harness._invented_entry(story["text"], word, occurrence, role, character)
            assert story["text"][entry.start:entry.end] == word
            assert character in story["characters"]


def test_sentences_are_found_again_after_the_text_moves():
    sentence = "Ana closed the door."
    digest = harness.sentence_hash(sentence)
    moved = "A new header line.\n\n" + sentence + " More."
    assert harness.find_sentence(moved, 0, len(sentence), digest) == moved.index(sentence)
    assert harness.find_sentence("nothing here", 0, len(sentence), digest) is None


HUG = "Ana hugged Bo. Bo smiled.\n"
HUGGED, SMILED = HUG.index("hugged"), HUG.index("smiled")


def _hug_work(portraits: list[Span]) -> Work:
    """The two-sentence story with Ana and Bo as characters and the given portraits."""
    work = Work(text=HUG)
    work.set_table("characters", [{"id": "C0", "name": "Ana", "aliases": ["Ana"]},
                                  {"id": "C1", "name": "Bo", "aliases": ["Bo"]}])
    work.add_layer("portraits", portraits)
    return work


def test_scoring_is_one_to_one_by_character_names():
    text, hugged, smiled = HUG, HUGGED, SMILED
    work = _hug_work([
        Span(hugged, hugged + 6, {"character": "C0", "role": "agent"}),
        Span(hugged, hugged + 6, {"character": "C0", "role": "patient"}),  # wrong: Bo's
        Span(smiled, smiled + 6, {"character": "C1", "role": "agent"}),
        Span(smiled, smiled + 6, {"character": "C1", "role": "agent"}),  # a duplicate
    ])
    gold = [harness.Entry(hugged, hugged + 6, "agent", "Ana"),
            harness.Entry(hugged, hugged + 6, "patient", "Bo"),
            harness.Entry(smiled, smiled + 6, "agent", "Bo")]
    scores = harness.score_work(work, [harness.Sentence(0, len(text), gold)],
                                {"Ana": [], "Bo": []})
    table = scores.table()
    assert table["character"]["agent"] == {"precision": 0.6667, "recall": 1.0, "predicted": 3,
                                           "gold": 2, "right": 2}
    assert table["role"]["patient"]["right"] == 1
    assert table["character"]["patient"]["right"] == 0


def test_held_out_sentences_are_not_among_the_tuning_ones():
    gold = harness.load_gold()

    def drawn(part: str) -> set[tuple[str, int]]:
        return {(source, s["start"]) for source, entry in gold[part].items()
                for s in entry["sentences"]}

    tuning, held_out, fresh = drawn("fanfic"), drawn("fanfic_heldout"), drawn("fanfic_fresh")
    assert len(held_out) == 22 and not tuning & held_out
    assert len(fresh) == 22 and not (tuning | held_out) & fresh


def test_errors_list_each_miss_with_the_character_right():
    text, hugged, smiled = HUG, HUGGED, SMILED
    work = _hug_work([
        Span(hugged, hugged + 6, {"character": "C1", "role": "agent", "mention": [11, 13],
                                  "mention_kind": "proper"}),
        Span(smiled, smiled + 6, {"character": "C1", "role": "agent", "mention": [15, 17]}),
    ])
    gold = [harness.Entry(hugged, hugged + 6, "agent", "Ana"),
            harness.Entry(smiled, smiled + 6, "agent", "Bo")]
    scores = harness.score_work(work, [harness.Sentence(0, len(text), gold)],
                                {"Ana": [], "Bo": []})
    assert [(e["kind"], e["word"], e.get("gold"), e.get("mention")) for e in scores.errors] == [
        ("missed", "hugged", "Ana", None), ("spurious", "hugged", None, "Bo")]


def test_every_shared_sentence_is_found_in_what_the_readers_give(litbank_dir: Path):
    data = litbank_dir.parent
    if not (data / "fanfic").exists():
        pytest.skip(f"fan fiction not found at {data / 'fanfic'} (set FICLENS_SHARED)")
    gold = harness.load_gold()
    fanfic = [item for part in ("fanfic", "fanfic_heldout", "fanfic_fresh")
              for item in gold[part].items()]
    for source, entry in fanfic:
        text = read_path(data / "fanfic" / source.partition("/")[2]).text
        for sentence in entry["sentences"]:
            found = harness.find_sentence(text, sentence["start"], sentence["length"],
                                          sentence["sha1"])
            assert found is not None, (source, sentence["start"])
    for source, entry in gold["litbank"].items():
        text = harness.litbank_text(data, source.partition("/")[2])
        for sentence in entry["sentences"]:
            assert harness.find_sentence(text, sentence["start"], sentence["length"],
                                         sentence["sha1"]) is not None


def test_cli_scores_the_invented_stories(tmp_path: Path):
    from typer.testing import CliRunner

    from ficlens.cli import app

    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(app, ["eval", "portraits", "--json", "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["invented"]["sentences"] == len(harness.load_gold()["invented"])
    assert report["invented"]["role"]["all"]["gold"] > 40
    assert "errors" not in report["invented"]
    listed = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    table = report["invented"]["character"]["all"]
    assert len(listed) == table["gold"] + table["predicted"] - 2 * table["right"]
    assert {error["part"] for error in listed} == {"invented"}
