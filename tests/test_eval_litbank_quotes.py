"""The LitBank quotation harness: its gold characters, and a run on LitBank excerpts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ficlens.document import Work
from ficlens.eval.litbank_quotes import (
    Entity,
    Excerpt,
    add_gold_entities,
    evaluate_excerpt,
    excerpts,
)


def _excerpt() -> Excerpt:
    text = ("I went down to the inn . " * 20 + '" Rum ! " said the old sailor . '
            '" Go home , " said Mary .')
    sailor_start = text.index("the old sailor")
    return Excerpt("x", text, [((text.index('" Rum'), sailor_start - 6), "SAILOR"),
                               ((text.index('" Go'), text.index(" said Mary")), "MARY")], {
        "JIM": Entity("JIM", pronouns=Counter({"i": 20}), narrated_i=20),
        "SAILOR": Entity("SAILOR", mentions=[(sailor_start, sailor_start + 14, "nominal")],
                         pronouns=Counter({"he": 3})),
        "MARY": Entity("MARY", names={"Mary"}, pronouns=Counter({"she": 2})),
        "CROWD": Entity("CROWD", mentions=[(0, 1, "nominal")]),
    })


def test_nameless_narrator_and_speakers_are_listed_as_pdnc_lists_them():
    excerpt = _excerpt()
    work = Work(excerpt.text)
    add_gold_entities(work, excerpt)
    table = {c["id"]: c for c in work.tables["characters"]}
    # "I" all through the narration: the narrator, though LitBank gives them no name
    assert table["JIM"]["narrator"] and table["JIM"]["name"] == "the narrator"
    # a speaker known only by a description is named by it
    assert table["SAILOR"]["name"] == "the old sailor" and table["SAILOR"]["gender"] == "M"
    assert table["MARY"]["name"] == "Mary" and not table["MARY"]["narrator"]
    assert "CROWD" not in table  # nameless and silent: not a character


def test_a_third_person_excerpt_has_no_narrator():
    excerpt = _excerpt()
    excerpt.entities["JIM"].narrated_i = 1  # 7 per 1,000 words: a letter, a thought
    work = Work(excerpt.text)
    add_gold_entities(work, excerpt)
    assert not any(c["narrator"] for c in work.tables["characters"])


@pytest.mark.shared
@pytest.mark.slow
def test_harness_on_two_excerpts(litbank_dir: Path):
    found = excerpts(litbank_dir)
    by_name = {e.name: e for e in found}
    first_person = by_name["120_treasure_island_brat"]  # narrated by a nameless "I"
    for excerpt in (first_person, found[0]):
        result = evaluate_excerpt(excerpt, None)
        gold = result.tallies["gold_characters"]
        assert gold.total == len(excerpt.quotes)
        assert gold.matched > 0.9 * gold.total
        assert gold.right > gold.total / 2, excerpt.name
