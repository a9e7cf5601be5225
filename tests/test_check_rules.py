"""The beta reader's newer rules on small invented stories (parsed by the full pipeline)."""

from __future__ import annotations

import pytest

from ficlens.check import run_checks
from ficlens.document import Work
from ficlens.pipeline import analyze


def found(text: str, select: tuple[str, ...] = ()) -> list[tuple[str, str, str | None]]:
    work = analyze(Work(text=text), ["segment", "nlp", "characters", "quotes"])
    return [(f.rule, text[f.start:f.end], f.suggestion)
            for f in run_checks(work, select=list(select))]


@pytest.mark.parametrize(("text", "word"), [
    ('"I never wanted this," She spoke quietly, and turned away.', "She"),
    ('"Go home!" He bellowed at the gate, and they went.', None),
    ('"Are you sure?" He nodded and left the room.', None),
    ('"Are you sure?" He went to the window.', None),
])
def test_a_capital_is_flagged_before_every_verb_of_saying_but_not_before_a_beat(text, word):
    hits = [w for rule, w, _ in found(text, ("dialogue",)) if rule == "dialogue.capitalised-tag"]
    assert hits == ([word] if word else [])
