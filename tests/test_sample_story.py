"""The main job on the bundled sample story, end to end: what a reader would check by eye."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ficlens.cli.analyze import sample_path
from ficlens.schema import validation_errors


@pytest.fixture(scope="module")
def analysed() -> dict:
    done = subprocess.run([sys.executable, "-m", "ficlens", "analyze", "--format", "json"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def by_name(doc: dict) -> dict[str, dict]:
    return {c["name"]: c for c in doc["characters"]}


def test_the_sample_is_analysed_with_every_stage(analysed):
    assert validation_errors(analysed) == []
    assert analysed["text"] == sample_path().read_text(encoding="utf-8")
    for key in ("notes", "scene_breaks", "tokens", "characters", "quotes", "coref", "scenes",
                "relationships", "pairing", "arc"):
        assert key in analysed, key


def test_notes_and_scene_break(analysed):
    text = analysed["text"]
    notes = [text[n["start"] : n["end"]] for n in analysed["notes"]]
    assert len(notes) == 2
    assert notes[0].startswith("A/N: Thank you") and notes[1].startswith("A/N: Reviews")
    assert [text[b["start"] : b["end"]] for b in analysed["scene_breaks"]] == ["~~~"]


def test_characters_and_speakers(analysed):
    people = by_name(analysed)
    nora = next(c for name, c in people.items() if name.startswith("Nora"))
    eli = people["Eli"]
    albright = people["Mrs. Albright"]
    assert (nora["gender"], eli["gender"], albright["gender"]) == ("F", "M", "F")
    text = analysed["text"]

    def speaker_of(opening: str) -> str | None:
        return next(q["speaker"] for q in analysed["quotes"]
                    if text[q["start"] : q["end"]].startswith(opening))

    assert speaker_of('"You\'re late,"') == eli["id"]  # explicit: Eli said
    assert speaker_of('"The ferry was late,"') == nora["id"]  # explicit, split by its tag
    assert speaker_of('"Still pretend you remember?"') == nora["id"]  # untagged: turn-taking
    assert speaker_of('"I know,"') == nora["id"]  # "Nora whispered"


def test_pairing_is_the_leads_and_not_a_marriage(analysed):
    people = by_name(analysed)
    nora = next(c for name, c in people.items() if name.startswith("Nora"))
    assert set(analysed["pairing"]) == {nora["id"], people["Eli"]["id"]}
    assert analysed["pairing_detail"]["category"] == "F/M"
    leads = next(r for r in analysed["relationships"]
                 if {r["source"], r["target"]} == set(analysed["pairing"]))
    assert not {t["type"] for t in leads["types"]} & {"married", "engaged"}
