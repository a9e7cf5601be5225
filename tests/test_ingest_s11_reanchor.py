"""training/reanchor_ao3_gold.py moves gold offsets from the generic-HTML reading of a
stripped AO3 download onto the AO3 reading, and refuses a move whose context differs.
Invented texts only."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "training" / "reanchor_ao3_gold.py"
_spec = importlib.util.spec_from_file_location("reanchor_ao3_gold", SCRIPT)
reanchor = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reanchor)

OLD = ("Preface\n\nThe Keeper\n\nRating:\n\nGeneral\n\nSummary\n\nTwo keepers, one lamp.\n\n"
       "The Keeper\n\nOrla climed the stairs of the lighthouse.\n\nAfterword")
NEW = "Summary\n\nTwo keepers, one lamp.\n\nOrla climed the stairs of the lighthouse."


def _error(text: str, word: str) -> dict:
    start = text.index(word)
    return {"start": start, "end": start + len(word)}


def test_an_error_in_a_kept_line_moves_onto_the_same_word():
    entry = {"errors": [_error(OLD, "climed"), _error(OLD, "keepers")]}
    assert reanchor._move_errors(entry, reanchor.LineMover(OLD, NEW)) == []
    assert [NEW[e["start"]:e["end"]] for e in entry["errors"]] == ["climed", "keepers"]


def test_an_error_in_a_dropped_line_is_not_moved_and_nothing_changes():
    entry = {"errors": [_error(OLD, "climed"), _error(OLD, "General")]}
    before = [dict(e) for e in entry["errors"]]
    failed = reanchor._move_errors(entry, reanchor.LineMover(OLD, NEW))
    assert failed == [(before[1]["start"], before[1]["end"])]
    assert entry["errors"] == before


def test_a_different_context_is_refused():
    changed = NEW.replace("the lighthouse", "a lighthouse")
    mover = reanchor.LineMover(OLD, NEW)
    old = (OLD.index("climed"), OLD.index("climed") + 6)
    new = mover.move(*old)
    assert new is not None and mover.same_context(old, new)
    assert not reanchor.LineMover(OLD, changed).same_context(old, (changed.index("climed"),
                                                                   changed.index("climed") + 6))
