"""The reports on a real story through the whole pipeline (reads ../shared, skipped without)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from ficlens import analyze_path
from ficlens.report import render

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def seed_work(seed_texts):
    return analyze_path(seed_texts["004"])


def test_seed_report_shows_every_layer_the_pipeline_made(seed_work):
    tree = LexborHTMLParser(render(seed_work, "html"))
    speech = [q for q in seed_work.layer("quotes") if q.get("speech", True)]
    if speech:
        assert tree.css("article.story .q[data-s]")
        assert tree.css("svg.network g.node")
    if seed_work.layer("scenes"):
        assert len(tree.css(".pov")) == len(seed_work.layer("scenes"))
    if seed_work.tables.get("arc"):
        assert tree.css("svg.arc path.main-arc")
    assert len(tree.css("aside.note")) == len({n.start for n in seed_work.layer("notes")})


def test_seed_text_summary_fits_80_columns(seed_work):
    text = render(seed_work, "text")
    assert "\x1b" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    for row in seed_work.tables.get("characters", [])[:3]:
        assert row["name"] in text
