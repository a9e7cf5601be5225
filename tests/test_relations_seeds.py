"""The main pairing and arc on the sample stories in ../shared/seeds (full pipeline)."""

from __future__ import annotations

import pytest

from ficlens.arc.shapes import SHAPES
from ficlens.ingest import read_path
from ficlens.pipeline import STAGE_NAMES, analyze

pytestmark = [pytest.mark.shared, pytest.mark.slow]

# 001 and 003 lost Peyton's gender with the corpus-keyed first names (issue 19): her "she"
# goes unresolved until gender is read from the text.
_NO_NAME_PRIOR = pytest.mark.xfail(reason="Peyton's gender came from a removed name list",
                                   strict=False)


@pytest.mark.skipif("characters" not in STAGE_NAMES, reason="characters stage not registered")
# 003 tells most of its story in "he" and "she"; the pairing must survive an upstream that
# gives many of Lucas's lines to Nathan, named once in a backstory paragraph.
@pytest.mark.parametrize(
    "seed",
    ["000", pytest.param("001", marks=_NO_NAME_PRIOR), "002",
     pytest.param("003", marks=_NO_NAME_PRIOR), "004"],
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
