"""The readings coreference publishes (stage ``referents``): each pronoun as the coref layer
reads it and as a reader's convention reads it, in one layer the later stages read."""

from __future__ import annotations

from ficlens.coref import readings
from ficlens.document import Span, Work

TEXT = "Nora waited by the door. She smiled."


def _work(coref_character: str) -> Work:
    work = Work(TEXT)
    work.set_table("characters", [
        {"id": "C0", "name": "Nora", "aliases": [], "gender": "female"},
        {"id": "C1", "name": "Ada", "aliases": [], "gender": "female"},
    ])  # fmt: skip
    work.add_layer("mentions", [Span(0, 4, {"character": "C0", "kind": "proper"})])
    work.add_layer("quotes", [])
    work.add_layer("scenes", [Span(0, len(TEXT), {"number": 1, "focal": "C0"})])
    she = TEXT.index("She")
    work.add_layer("coref", [Span(she, she + 3, {"pronoun": "she", "character": coref_character,
                                                 "confidence": 0.9})])  # fmt: skip
    return work


def test_where_the_readings_agree_the_pronoun_is_read_by_both() -> None:
    work = _work("C0")
    readings.STAGE(work)
    assert [(s["character"], s["reading"]) for s in work.layer("referents")] == [("C0", "both")]
    assert [r.character for r in readings.read_references(work, "convention")] == ["C0", "C0"]


def test_where_they_disagree_each_reading_keeps_its_own_referent() -> None:
    work = _work("C1")  # the coref model says Ada; the convention, Nora (just named, focal)
    readings.STAGE(work)
    found = sorted((s["character"], s["reading"]) for s in work.layer("referents"))
    assert found == [("C0", "convention"), ("C1", "upstream")]
    pronouns = {name: [r.character for r in readings.read_references(work, name)
                       if r.kind == "pronoun"] for name in readings.READINGS}
    assert pronouns == {"upstream": ["C1"], "convention": ["C0"]}


def test_the_scene_default_is_the_focal_gender_leader_unless_a_rival_contests_it() -> None:
    work = _work("C1")
    defaults = readings.SceneDefaults(work, [(0, len(TEXT))])
    she = TEXT.index("She")
    assert defaults.resolve(she, "She") == ("C0", 0.7)  # Nora: the scene's default "she"
    defaults.settle_contests([0, 0])  # Nora named twice as a thinking subject: no rival
    assert defaults.resolve(she, "she")[0] == "C0"
