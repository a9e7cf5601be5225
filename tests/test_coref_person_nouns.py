"""The coref stage's person-noun detector: nouns the lexicon lacks ("the collier", "the
drummer") become nominal person mentions, on small texts written for these tests."""

from __future__ import annotations

import pytest

from ficlens.coref.model import Models, load_models
from ficlens.coref.nominals import find_nominals
from ficlens.coref.noun_detector import NO_HEADS, FixedHeads, load_detector
from ficlens.coref.noun_features import (
    FEATURE_NAMES,
    DocView,
    LexicalTables,
    RateTable,
    candidates,
    count_into,
    empty_tables,
    token_rows,
)
from ficlens.coref.stage import run
from ficlens.document import Span, Work
from ficlens.pipeline import analyze

STORY = (
    "Mary walked down to the pit in the grey morning. The collier was waiting by the gate, "
    "and he raised his cap when he saw her. \"You are early,\" the collier said. "
    "She gave the drummer a coin and he thanked her. The wheel of the cart was broken."
)


@pytest.fixture(scope="module")
def work() -> Work:
    parsed = Work(text=STORY)
    analyze(parsed, ["segment", "nlp"])
    parsed.add_layer("mentions", [Span(0, 4, {"character": "C0", "kind": "proper"})])
    parsed.set_table("characters", [{"id": "C0", "name": "Mary", "gender": "female"}])
    return parsed


def index_of(work: Work, word: str, nth: int = 0) -> int:
    found = [i for i, t in enumerate(work.layer("tokens")) if work.text[t.start : t.end] == word]
    return found[nth]


def test_rate_table_smooths_and_prunes() -> None:
    table = RateTable(prior=0.1)
    for person in (True, True, False):
        table.add("collier", person)
    for _ in range(9):
        table.add("wheel", False)
    table.add("cart", False)
    rate, uses = table.rate("collier")
    assert uses == 3 and rate == pytest.approx((2 + 2 * 0.1) / 5)
    assert table.rate("unseen") == (pytest.approx(0.1), 0)
    assert table.never("wheel") and not table.never("collier") and not table.never("cart")
    assert set(table.pruned(2).counts) == {"collier", "wheel"}


def test_agent_nouns_of_known_verbs() -> None:
    tables = empty_tables()
    for verb in ("drum", "sell", "mine", "navigate"):
        tables.verbs.add(verb, False)
    for noun in ("drummer", "seller", "miner", "navigator"):
        assert tables.agentive(noun), noun
    assert not tables.agentive("water") and not tables.agentive("pier")


def test_tables_round_trip_through_dicts(work: Work) -> None:
    tables = empty_tables()
    view = DocView(work.text, work.layer("tokens"))
    count_into(tables, view, frozenset({index_of(work, "collier")}), [(0, 4)])
    again = LexicalTables.from_dict(tables.as_dict())
    assert again.lemma.rate("collier") == tables.lemma.rate("collier")
    assert again.slot.counts == tables.slot.counts


def test_candidates_leave_out_names_lexicon_nouns_and_short_words(work: Work) -> None:
    view = DocView(work.text, work.layer("tokens"))
    found = {view.word(i) for i in candidates(view, [(0, 4)], lexicon=False)}
    assert {"collier", "drummer", "wheel", "cart"} <= found
    assert "Mary" not in found and "he" not in found
    with_lexicon = {view.word(i) for i in candidates(view, [(0, 4)])}
    assert found <= with_lexicon


def test_feature_rows_have_one_column_per_feature(work: Work) -> None:
    view = DocView(work.text, work.layer("tokens"))
    indices = candidates(view, [(0, 4)])
    rows = token_rows(view, indices, empty_tables())
    assert rows.shape == (len(indices), len(FEATURE_NAMES))


def test_given_heads_become_nominal_mentions(work: Work) -> None:
    tokens = work.layer("tokens")
    head = index_of(work, "collier")
    plain = find_nominals(work.text, tokens, [(0, 4)])
    assert not any(n.head == "collier" for n in plain)
    found = find_nominals(work.text, tokens, [(0, 4)], heads=frozenset({head}))
    spans = [work.text[n.start : n.end] for n in found if n.head == "collier"]
    assert spans == ["The collier"]


def test_shipped_detector_finds_colliers_not_carts(work: Work) -> None:
    detector = load_detector()
    assert detector is not None
    heads = detector.person_heads(work.text, work.layer("tokens"), [(0, 4)])
    words = {work.text[work.layer("tokens")[i].start : work.layer("tokens")[i].end] for i in heads}
    assert "collier" in words and "drummer" in words
    assert not words & {"pit", "cap", "coin", "wheel", "cart", "Mary"}


def copy_of(work: Work) -> Work:
    out = Work(text=work.text)
    out.layers.update(work.layers)
    out.tables.update(work.tables)
    return out


def test_stage_links_the_detected_nominals(work: Work) -> None:
    shipped = load_models()
    without = copy_of(work)
    run(without, Models(shipped.ranker, shipped.linker, NO_HEADS))
    assert not any("collier" in s.get("text") for s in without.layer("nominal_mentions"))
    heads = frozenset({index_of(work, "collier"), index_of(work, "collier", 1)})
    done = copy_of(work)
    run(done, Models(shipped.ranker, shipped.linker, FixedHeads(heads)))
    colliers = [s for s in done.layer("nominal_mentions") if "collier" in s.get("text")]
    assert [s.get("text") for s in colliers] == ["The collier", "the collier"]
    assert colliers[0].get("chain") == colliers[1].get("chain")
    default = copy_of(work)
    run(default)
    assert any("drummer" in s.get("text") for s in default.layer("nominal_mentions"))
