"""The confusables context model retrained on AO3 fan fiction (session 14): what it flags and
what it leaves alone, in narration and in dialogue, the stricter bar inside quotes, and how
the training script samples and splits the AO3 corpus. Every sentence is invented."""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

import pytest

from ficlens.check import run_checks
from ficlens.check.confusable_model import SetModel, tokenize
from ficlens.check.confusables import judge
from ficlens.document import Work
from ficlens.pipeline import analyze

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))


def flagged(text: str) -> list[tuple[str, str | None]]:
    work = analyze(Work(text=text + "\n"), ["segment", "nlp", "characters", "quotes"])
    return [(text[f.start:f.end], f.suggestion)
            for f in run_checks(work, select=["confusables.context"])]


def both(sentence: str) -> list[str]:
    """The sentence as narration and as a line of dialogue."""
    return [sentence, f'Odile turned. "{sentence}" Odile said.']


@pytest.mark.parametrize(("sentence", "written", "expected"), [
    ("The storm was worse then anyone in the village had feared.", "then", "than"),
    ("Nobody could tell if the ferry was late or if there clocks were wrong.", "there",
     "their"),
    ("The twins said there going to repaint the shed.", "there", "they're"),
    ("Its going to rain before the market closes.", "Its", "It's"),
    ("He felt like he might loose his mind waiting for the results.", "loose", "lose"),
])
def test_a_wrong_member_is_flagged_in_narration_and_dialogue(sentence, written, expected):
    for text in both(sentence):
        assert flagged(text) == [(written, expected)]


@pytest.mark.parametrize("sentence", [
    "Their kettle whistled, and soon every lamp in the hut dimmed.",
    "It's later than you think, and the ferry is gone.",
    "The gulls flew past the harbour wall without a sound.",
    "She wondered whether the weather would hold until noon.",
    "The lantern lost its glow sometime after midnight.",
    "It was a quiet evening, and quite a cold one.",
    "The cousins were walking where the old mill used to stand.",
])
def test_the_right_member_is_left_alone(sentence):
    for text in both(sentence):
        assert flagged(text) == []


def test_a_word_set_off_by_marks_is_left_alone():
    # spoken word by word for weight: nothing around "than" says which member it is
    for text in both("Quicker, than, that."):
        assert flagged(text) == []


def _model(written_share: float, seen: int) -> dict[str, SetModel]:
    """A then|than model that, whatever the context, gives 'then' ``written_share``."""
    return {"then|than": SetModel(["then", "than"], {"then": seen, "than": seen},
                                  [0.0, math.log((1 - written_share) / written_share)], {})}


@pytest.mark.parametrize(("share", "seen", "narration", "dialogue"), [
    (0.012, 50_000, True, False),  # a common set: 1.5% in narration, 1% in dialogue
    (0.008, 50_000, True, True),
    (0.03, 50_000, False, False),
    (0.03, 5_000, True, False),  # a set seen less often: 5% and 2%
    (0.03, 50, False, False),  # too few uses of either word to judge
])
def test_dialogue_is_held_to_a_stricter_bar(share, seen, narration, dialogue):
    tokens = tokenize("It was bigger then the barn.")
    i = [t.word for t in tokens].index("then")
    models = _model(share, seen)
    assert (judge(models, tokens, i, in_quote=False) is not None) is narration
    assert (judge(models, tokens, i, in_quote=True) is not None) is dialogue


def test_sampled_words_get_the_proses_balance_back(monkeypatch):
    import train_confusables as tc

    monkeypatch.setattr(tc, "MAX_PER_WORD", 300)
    # as many examples of each word in the sample, nine times as many uses of "to" in the prose
    sources = {"fanfic": {}, "pdnc": {}, "ao3": {"to": [["L1=x"]] * 300, "too": [["L1=x"]] * 300}}
    model, drawn = tc.fit_set(("to", "too"), sources, random.Random(1),
                              seen={"to": 9_000, "too": 1_000})
    assert drawn == [300, 300]
    assert model["priors"] == {"to": 9_000, "too": 1_000}
    posteriors = SetModel(**model).posteriors(["L1=x"])
    assert posteriors["to"] == pytest.approx(0.9, abs=0.02)


def test_ao3_works_are_held_apart_whole_by_their_id():
    import train_confusables as tc

    held = [tc.ao3_held_apart(str(n)) for n in range(20_000)]
    assert held == [tc.ao3_held_apart(str(n)) for n in range(20_000)]  # the same every run
    assert 0.08 < sum(held) / len(held) < 0.12


def test_windows_keep_a_few_words_and_whether_they_are_quoted():
    import train_confusables as tc

    text = 'The dog wagged its tail.\n\n"Their late," she said, "again."'
    found = list(tc._windows(text))
    assert [word for word, _ in found] == ["its", "tail", "their"]
    words, i, _caps, quoted = found[2][1]
    assert words[i] == "their" and quoted
    assert not found[0][1][3]
    tokens, j = tc.window_tokens(found[0][1], "it's")
    assert tokens[j].word == "it's" and [t.word for t in tokens[:j]] == ["the", "dog", "wagged"]


def test_the_model_records_the_ao3_corpus_and_its_split():
    from ficlens.check.confusable_model import load_model

    _models, meta = load_model()
    ao3 = meta["ao3"]
    assert "VrbeckaD/HarryPotterFanfiction@" in ao3["corpus"]
    held, training = ao3["works"]["held apart"], ao3["works"]["training"]
    assert 0.05 < held / (held + training) < 0.15
    assert meta["fan_fiction_training_words"] > 40_000_000
    score = meta["scores"]["held_apart_ao3"]
    assert score["precision"] >= 0.99 and score["recall"] > 0.7
