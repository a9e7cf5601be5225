"""What coreference publishes beside the ``coref`` layer (``ficlens.coref.readings``): the
``referents`` layer later stages count with, and the scene-default convention pov reads."""

from __future__ import annotations

from ficlens.coref import readings
from ficlens.document import Span, Work

TEXT = "Nora waited by the door. She smiled."


def _work(coref_character: str | None) -> Work:
    work = Work(TEXT)
    work.set_table("characters", [
        {"id": "C0", "name": "Nora", "aliases": [], "gender": "female"},
        {"id": "C1", "name": "Ada", "aliases": [], "gender": "female"},
    ])  # fmt: skip
    work.add_layer("mentions", [Span(0, 4, {"character": "C0", "kind": "proper"})])
    work.add_layer("quotes", [])
    work.add_layer("scenes", [Span(0, len(TEXT), {"number": 1, "focal": "C0"})])
    if coref_character is not None:
        she = TEXT.index("She")
        work.add_layer("coref", [Span(she, she + 3, {
            "pronoun": "she", "character": coref_character, "confidence": 0.9,
        })])  # fmt: skip
    return work


def test_the_referents_are_the_coref_layers_resolutions() -> None:
    work = _work("C1")  # the ranker says Ada, though Nora was just named: it decides
    readings.STAGE(work)
    assert [s["character"] for s in work.layer("referents")] == ["C1"]
    assert [(r.character, r.kind) for r in readings.read_references(work)] == [
        ("C0", "name"), ("C1", "pronoun"),
    ]


def test_without_a_coref_layer_the_salience_fallback_resolves() -> None:
    work = _work(None)
    readings.STAGE(work)
    assert [s["character"] for s in work.layer("referents")] == ["C0"]


def test_the_scene_default_is_the_gender_leader_unless_a_rival_contests_it() -> None:
    work = _work("C1")
    defaults = readings.SceneDefaults(work, [(0, len(TEXT))])
    she = TEXT.index("She")
    assert defaults.resolve(she, "She") == ("C0", 0.7)  # Nora: the scene's default "she"
    defaults.settle_contests([])
    assert defaults.resolve(she, "she")[0] == "C0"
