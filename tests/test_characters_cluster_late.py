"""A full name given once joins the character the text otherwise calls by one name."""

from __future__ import annotations

from ficlens.characters.cluster import cluster_forms
from ficlens.document import Work
from ficlens.pipeline import analyze


def groups(counts: dict[str, int], founders: set[str]) -> set[frozenset[str]]:
    return {frozenset(c.forms) for c in cluster_forms(counts, founders)}


def test_a_full_name_said_once_joins_the_bare_first_name() -> None:
    counts = {"Carol Milford": 1, "Carol": 11, "Kennicott": 6}
    assert groups(counts, {"Carol", "Kennicott"}) == {
        frozenset({"Carol", "Carol Milford"}), frozenset({"Kennicott"})
    }


def test_a_full_name_said_once_joins_the_bare_surname() -> None:
    assert groups({"Milt Dale": 2, "Dale": 9}, {"Dale"}) == {frozenset({"Milt Dale", "Dale"})}


def test_a_full_name_joins_no_one_when_two_could_be_meant() -> None:
    counts = {"Jock Dale": 1, "Jock": 9, "Dale": 7}
    assert all("Jock Dale" not in g for g in groups(counts, {"Jock", "Dale"}))


def test_a_full_name_joins_no_namesake_of_another_family() -> None:
    counts = {"Jock Smith": 1, "Jock Brown": 5, "Jock": 3}
    assert frozenset({"Jock Smith"}) not in groups(counts, {"Jock Brown", "Jock"})


def test_the_mention_spans_the_full_name() -> None:
    text = (
        "Carol Milford ran down the hill, laughing. The wind was in her hair.\n\n"
        '"Carol!" her aunt called. "Carol, come back!"\n\n'
        "Carol did not stop. Carol ran on to the river, and Carol sat down on the bank.\n"
    )
    work = analyze(Work(text=text), ["nlp", "characters"])
    first = min(work.layer("mentions"), key=lambda m: m.start)
    assert work.span_text(first) == "Carol Milford"
