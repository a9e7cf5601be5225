"""Unmarked scene changes on invented stories, and ``ficlens eval scenes``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.document import Work
from ficlens.eval.scenes import predicted_changes, reanchor, score
from ficlens.ingest import segment


def breaks(text: str) -> list[tuple[str, str]]:
    work = Work(text=text)
    segment.run(work)
    return [(s["kind"], work.text[s.end:].split("\n", 1)[0][:25])
            for s in work.layer("scene_breaks")]


SCENE = ('"Pass the salt," Mara said.\n\n"Get it yourself," said Jonah.\n\n'
         "She reached across him and took it.\n\n")
SUMMARY = ("For years the lighthouse ran itself. Keepers came and went.\n\n"
           "The town forgot the lamp, and the lamp forgot the town.\n\n"
           "Nobody climbed the tower any more except the gulls.\n\n")


def test_time_jump_after_a_scene():
    assert breaks(SCENE + "Three days later, the storm arrived.\n\n\"Now?\" she asked.\n") == [
        ("time_jump", "Three days later, the sto")]


def test_time_phrase_inside_a_summary_is_no_break():
    text = SUMMARY + "Two years later the council sold it.\n\nThen they sold the boats.\n"
    assert breaks(text) == []


def test_arrival_after_a_scene():
    assert breaks(SCENE + "As soon as they got to the station, the snow began.\n") == [
        ("arrival", "As soon as they got to th")]


def test_summary_giving_way_to_a_dramatised_scene():
    text = (SUMMARY + "Mara was walking along the quay when she saw the light.\n\n"
            "It was on. She ran.\n\n\"Who's up there?\" she shouted.\n")
    assert breaks(text) == [("scene_opening", "Mara was walking along th")]


def test_scene_setting_sentence_with_no_dialogue_after_is_summary():
    assert breaks(SUMMARY + "Mara was living in the city by then.\n\nShe never wrote.\n") == []


def test_blank_gap_needs_evidence():
    gap_in_talk = SCENE + "\nHe watched her salt the soup, saying nothing.\n"
    assert breaks(gap_in_talk) == []
    gap_and_backstory = SCENE + "\nHe'd left the island at nineteen and sworn never to go back.\n"
    assert breaks(gap_and_backstory) == [("blank_lines", "He'd left the island at n")]
    wide_gap = SCENE + "\n\nThe tide turned.\n"
    assert breaks(wide_gap) == [("blank_lines", "The tide turned.")]


def test_dialogue_never_opens_an_unmarked_scene():
    assert breaks(SCENE + "\"A week later you'll say the same,\" she said.\n") == []


def test_scoring_is_one_to_one_within_a_paragraph():
    starts = [0, 10, 20, 30, 40, 50]
    result = score("x", predicted=[10, 20, 50], gold=[20, 40], starts=starts, tolerance=1)
    assert (result.hits, result.false, result.missed) == (2, [10], [])
    assert result.precision == pytest.approx(2 / 3) and result.recall == 1.0


def test_predicted_changes_count_chapters_after_the_first():
    work = Work(text="Chapter 1\n\nOne.\n\nChapter 2\n\nTwo.\n\n* * *\n\nThree.\n")
    segment.run(work)
    assert [work.text[o:o + 5] for o in predicted_changes(work)] == ["Two.\n", "Three"]


def test_reanchor_follows_the_next_quote():
    quotes = [{"start": 50, "text": '"Hi," she said'}]
    assert reanchor([40], quotes, 'Header added.\n\nSome narration. "Hi," she said') == [21]


@pytest.mark.shared
def test_eval_scenes_command(seeds_dir):
    result = CliRunner().invoke(app, ["eval", "scenes", "--shared", str(seeds_dir.parent),
                                      "--json"])
    assert result.exit_code == 0, result.output
    sets = json.loads(result.stdout)["sets"]
    assert sets["seeds"]["total"]["f1"] >= 0.8
    if "fanfic-pov" in sets:
        assert sets["fanfic-pov"]["total"]["f1"] >= 0.8
