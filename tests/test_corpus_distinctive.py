"""Distinctive words by the log-odds ratio with an informative Dirichlet prior."""

from __future__ import annotations

from collections import Counter

from ficlens.corpus.distinctive import log_odds


def test_a_word_one_group_uses_more_ranks_first_and_the_other_last():
    a = Counter({"smile": 30, "run": 10, "cry": 2, "walk": 20})
    b = Counter({"smile": 5, "run": 10, "cry": 25, "walk": 20})
    ranked = log_odds(a, b)
    assert ranked[0].word == "smile" and ranked[0].z > 2
    assert ranked[-1].word == "cry" and ranked[-1].z < -2
    walk = next(d for d in ranked if d.word == "walk")
    assert abs(walk.z) < 1


def test_the_prior_keeps_rare_words_from_topping_the_list():
    a = Counter({"blink": 1, "say": 200})
    b = Counter({"say": 100, "blink": 0, "nod": 100})
    ranked = log_odds(a, b, min_count=1)
    assert ranked[0].word == "say"  # seen 200 times more, beats a word seen once


def test_empty_groups_or_a_lone_word_give_nothing():
    assert log_odds(Counter(), Counter()) == []
    assert log_odds(Counter({"hit": 5.0}), Counter()) == []
    assert log_odds(Counter({"hit": 5.0}), Counter({"hit": 2.5})) == []


def test_weights_may_be_fractions():
    ranked = log_odds(Counter({"smile": 7.5, "run": 2.5}), Counter({"smile": 2.5, "run": 7.5}))
    assert [d.word for d in ranked] == ["smile", "run"]
