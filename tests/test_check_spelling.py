"""The spelling check on small invented stories: slips flagged, the story's own words left."""

from __future__ import annotations

import pytest

from ficlens.check import run_checks
from ficlens.check.spelling import suggest
from ficlens.document import Work
from ficlens.pipeline import analyze


def spelling(text: str) -> list[tuple[str, str | None]]:
    work = analyze(Work(text=text), ["segment"])
    return [(text[f.start:f.end], f.suggestion) for f in run_checks(work, select=["spelling"])]


@pytest.mark.parametrize(("word", "fix"), [
    ("recieve", "receive"), ("definately", "definitely"), ("thier", "their"), ("alot", "a lot"),
    ("beleive", "believe"),
])
def test_common_slips_get_their_correction(word, fix) -> None:
    text = f"She said she would {word} the letter before the end of the week, and she did so."
    assert spelling(text) == [(word, fix)]


def test_names_coinages_and_dialect_are_left_alone() -> None:
    text = (
        "Vaelith Ostrander walked into the Kethra hall with Y/N at her side. The glimmerstone "
        "lamps hummed; the glimmerstone floor shone. \"I'm just teasin', y'know,\" she said, "
        "and the door went *krrk* behind them while the colour drained from her face. She "
        "smiled sooo widely that the neighbourhood kids stared at her and laughed again.\n\n"
        "kudos: zzqwert, moonlitfox, vrrynn_93, aaayyy, blorptastic, hhgrr, snarfle, qwop"
    )
    assert spelling(text) == []


def test_a_safe_fix_is_a_clear_single_correction() -> None:
    assert suggest("definately").safe
    assert not suggest("alot").safe  # a split is for the writer to confirm
    assert suggest("colour") is None and suggest("kinda") is None


def test_an_old_ligature_is_a_spelling_not_a_slip() -> None:
    text = ("The archæologists argued over the minutiæ of the dig until the lamps "
            "burned low, and nobody wrote anything down.")
    assert spelling(text) == []
