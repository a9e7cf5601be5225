"""The casing and hyphenation tables learned from unlabelled prose, and the rules that read
them, on small invented stories."""

from __future__ import annotations

import pytest

from ficlens.check import run_checks
from ficlens.check.tables import CASING_FILE, HYPHENATION_FILE, casing, hyphenation, lexicon_dir
from ficlens.document import Work
from ficlens.pipeline import analyze


def found(text: str, select: tuple[str, ...]) -> list[tuple[str, str, str | None]]:
    work = analyze(Work(text=text), ["segment", "nlp", "characters", "quotes", "coref"])
    return [(f.rule, text[f.start:f.end], f.suggestion)
            for f in run_checks(work, select=list(select))]


@pytest.mark.parametrize("name", [CASING_FILE, HYPHENATION_FILE])
def test_each_table_says_where_it_came_from(name) -> None:
    head = (lexicon_dir() / name).read_text(encoding="utf-8").splitlines()[:3]
    assert head[0].startswith("# Learned by training/train_check_tables.py")
    assert "Sources:" in head[1]


def test_the_tables_hold_what_prose_writes() -> None:
    table = casing()
    assert table["tv"].form == "TV" and table["monday"].form == "Monday"
    assert "the" not in table and "house" not in table
    assert hyphenation().second["haired"][0] > hyphenation().second["haired"][1]


@pytest.mark.parametrize(("text", "word", "suggestion"), [
    ("They sat on the couch and watched tv until midnight.", "tv", "TV"),
    ("We will meet again on monday at the old mill.", "monday", "Monday"),
    ("Dara spoke english with a heavy accent.", "english", "English"),
])
def test_a_word_prose_capitalises_is_flagged_in_lower_case(text, word, suggestion) -> None:
    assert found(text, ("capitalisation.cased-word",)) == [
        ("capitalisation.cased-word", word, suggestion)]


@pytest.mark.parametrize("text", [
    "They watched TV on Monday and spoke English all day.",
    "She put a lily in the vase and went to the garden.",  # the table's Lily is a name
    "He followed the *tv* handle of a friend online.",  # set in italics: a handle
])
def test_cased_words_written_right_or_as_common_nouns_are_left_alone(text) -> None:
    assert found(text, ("capitalisation.cased-word",)) == []


@pytest.mark.parametrize(("text", "suggestion"), [
    ("She gave him a wide eyed stare across the table.", "wide-eyed"),
    ("He felt self conscious in the new coat.", "self-conscious"),
    ("She wore a long sleeved shirt to the market.", "long-sleeved"),
])
def test_a_pair_prose_hyphenates_is_flagged(text, suggestion) -> None:
    hits = found(text, ("compounds.hyphenated",))
    assert [s for _r, _w, s in hits] == [suggestion]


@pytest.mark.parametrize("text", [
    "She looked at her younger self still standing by the door.",
    "He gave the dog a long look and a wide smile.",
    "They counted eighty people in the hall.",
])
def test_pairs_that_stand_apart_are_left_alone(text) -> None:
    assert found(text, ("compounds.hyphenated",)) == []
