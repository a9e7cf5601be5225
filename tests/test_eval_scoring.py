"""One-to-one speaker scoring: a predicted character stands for one gold character."""

from __future__ import annotations

from ficlens.document import Span, Work
from ficlens.eval.scoring import GoldQuotation, score_work

TEXT = '"A." "B." "C." "D." "E."'


def _work(speakers: list[str | None]) -> Work:
    work = Work(TEXT)
    quotes = [Span(i * 5, i * 5 + 4, {"speech": True, "speaker": s, "addressee": None})
              for i, s in enumerate(speakers)]
    work.add_layer("quotes", quotes)
    work.set_table("characters", [{"id": "P1", "name": "Ann Lee"}, {"id": "P2", "name": "Bo"}])
    return work


def _gold(speaker_id: int, names_ok: set[str]) -> GoldQuotation:
    return GoldQuotation([(0, 0)], "Explicit", lambda cid: cid in names_ok, speaker_id=speaker_id)


def _gold_at(i: int, speaker_id: int, names_ok: set[str]) -> GoldQuotation:
    gold = _gold(speaker_id, names_ok)
    gold.spans = [(i * 5, i * 5 + 4)]
    return gold


def test_a_character_that_swallowed_two_people_is_right_for_one_only() -> None:
    # P1 ("Ann Lee") carries the names of both Ann (gold 1, three lines) and Lee (gold 2,
    # two lines): leniently all five are right, one-to-one only Ann's three.
    work = _work(["P1", "P1", "P1", "P1", "P1"])
    gold = [_gold_at(i, 1 if i < 3 else 2, {"P1"}) for i in range(5)]
    outcomes: list[dict] = []
    tally = score_work(work, gold, outcomes)
    assert tally.lenient_right == 5
    assert tally.right == 3
    assert [row["right"] for row in outcomes] == [True, True, True, False, False]
    assert tally.to_dict()["lenient"]["accuracy"] == 1.0


def test_distinct_characters_each_keep_their_own_gold_character() -> None:
    work = _work(["P1", "P2", "P1", "P2", None])
    gold = [_gold_at(i, 1 if i % 2 == 0 else 2, {"P1"} if i % 2 == 0 else {"P2"})
            for i in range(5)]
    tally = score_work(work, gold)
    assert (tally.right, tally.lenient_right, tally.total) == (4, 4, 5)
