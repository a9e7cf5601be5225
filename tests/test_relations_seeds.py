"""The main pairing and arc on the sample stories in ../shared/seeds (full pipeline)."""

from __future__ import annotations

import pytest

from ficlens.arc.shapes import SHAPES
from ficlens.ingest import read_path
from ficlens.pipeline import analyze

pytestmark = [pytest.mark.shared, pytest.mark.slow]



# 003 tells most of its story in "he" and "she"; the pairing must survive an upstream that
# gives many of Lucas's lines to Nathan, named once in a backstory paragraph.
@pytest.mark.parametrize(
    "seed",
    ["000", "001", "002", "003", "004"],
)
def test_seed_main_pairing_is_lucas_and_peyton(seed_texts, seed: str) -> None:
    work = analyze(read_path(seed_texts[seed]))
    detail = work.tables["pairing_detail"]
    assert detail["kind"] == "romantic"
    first, second = detail["ao3"].split("/")
    assert first.startswith("Lucas") and second.startswith("Peyton")
    assert len(work.tables["pairing"]) == 2
    arc = work.tables["arc"]
    assert arc["shape"] in SHAPES and len(arc["points"]) == 100
