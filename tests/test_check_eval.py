"""The error injection of ``ficlens eval check`` on small hand-made stories."""

from __future__ import annotations

import random
import re

from ficlens.document import Span, Work
from ficlens.eval.check_injected import _pov_edits, _tense_edits
from ficlens.nlp import spacy_stage

PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
QUOTE = re.compile(r'"[^"\n]*"')


def parsed(text: str) -> Work:
    work = Work(text)
    work.add_layer("paragraphs", [Span(m.start(), m.end()) for m in PARAGRAPH.finditer(text)])
    spacy_stage.run(work)
    return work


SPLIT = (
    '"Wait!" Nora cried. She turned, listening hard. "Do you hear that?"\n\n"Hear what?" he asked.'
)


def test_the_tag_inside_a_split_quote_is_narration_for_injection() -> None:
    work = parsed(SPLIT)
    first, second, third = QUOTE.finditer(SPLIT)
    parts = [[first.start(), first.end()], [second.start(), second.end()]]
    work.add_layer(
        "quotes",
        [
            Span(first.start(), second.end(), {"speech": True, "parts": parts}),
            Span(third.start(), third.end(), {"speech": True}),
        ],
    )
    edits = {(e.start, e.replacement) for e in _tense_edits(SPLIT, work, random.Random(1))}
    # "She turned" sits between the two pieces of Nora's line: narration, so its tense can
    # slip, like "he asked" after the last line; nothing inside a piece is ever touched
    assert edits == {(SPLIT.index("turned"), "turns"), (SPLIT.index("asked"), "asks")}


HOPS = (
    "Nora waited by the window. She wondered whether the train was late. She knew Kit "
    "hated waiting. She remembered the last winter and she thought of the letter.\n\n"
    "Kit came up the path at last. She noticed his limp. She felt her chest tighten, and "
    "she realised she had been holding her breath."
)


def test_pov_injection_puts_one_head_hop_in_a_scene() -> None:
    work = parsed(HOPS)
    work.set_table(
        "characters",
        [{"id": "N", "name": "Nora", "gender": "F"}, {"id": "K", "name": "Kit", "gender": "M"}],
    )
    work.add_layer(
        "mentions",
        [
            Span(m.start(), m.end(), {"character": "N" if m.group() == "Nora" else "K"})
            for m in re.finditer(r"\b(?:Nora|Kit)\b", HOPS)
        ],
    )
    work.add_layer("quotes", [])
    scene = {"number": 1, "mode": "third_limited", "focal": "N", "confidence": 0.9}
    work.add_layer("scenes", [Span(0, len(HOPS), scene)])
    edits = _pov_edits(HOPS, work, random.Random(3))
    assert len(edits) == 1
    [edit] = edits
    assert edit.replacement == "Kit" and HOPS[edit.start : edit.end].lower() == "she"
