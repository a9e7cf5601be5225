"""Each character's voice, learned per story from the lines tags attribute, and the
decoder's rules about a story told by a narrator."""

from __future__ import annotations

import numpy as np
import pytest

from ficlens.quotes.config import DEFAULT as QUOTES
from ficlens.quotes.voice import VoiceModel, word_counts

SAILOR = ["Aye, the sea be rough, matey.", "Hoist the sails, matey, aye!",
          "The sea be calm tonight, aye.", "Aye aye, matey, the wind be fair."]
LADY = ["Oh, how perfectly delightful, my dear.", "My dear, how perfectly dreadful.",
        "Oh, I find it all perfectly charming, dear.", "How delightful, my dear friend."]


def _model(extra: list[str]) -> VoiceModel:
    texts = SAILOR + LADY + extra
    labels = ["sailor"] * len(SAILOR) + ["lady"] * len(LADY) + [None] * len(extra)
    return VoiceModel(word_counts(texts), labels)


def test_an_untagged_line_sounds_like_the_character_who_talks_so():
    model = _model(["Aye, matey, the sea be grey.", "Oh my dear, how delightful."])
    sailorish = model.scores(len(SAILOR) + len(LADY), ["lady", "sailor"])
    ladylike = model.scores(len(SAILOR) + len(LADY) + 1, ["sailor", "lady", "nobody"])
    assert sailorish["sailor"] == 0.0 and sailorish["lady"] < 0.0
    assert ladylike["lady"] == 0.0 and ladylike["sailor"] < 0.0
    assert "nobody" not in ladylike  # no tagged lines, no voice


def test_a_tagged_line_is_scored_without_its_own_label():
    """Cross-fitted: a line that alone carries a word is not matched to its speaker by it."""
    texts = ["Zounds!", *SAILOR, *LADY]
    labels = ["lady", *["sailor"] * len(SAILOR), *["lady"] * len(LADY)]
    model = VoiceModel(word_counts(texts), labels)
    held_out = model.scores(0, ["sailor", "lady"])
    assert held_out["sailor"] == 0.0  # 'Zounds' is unseen outside its fold: a tie, in order


def test_margins_are_per_word_so_a_long_speech_is_not_overconfident():
    model = _model([" ".join(SAILOR * 10)])
    margins = model.scores(len(SAILOR) + len(LADY), ["sailor", "lady"])
    assert -5.0 < margins["lady"] < 0.0


def test_too_few_tagged_lines_give_no_voice():
    model = VoiceModel(word_counts(SAILOR[: QUOTES.voice_min_lines - 1] + LADY),
                       ["sailor"] * (QUOTES.voice_min_lines - 1) + ["lady"] * len(LADY))
    assert model.scores(0, ["sailor", "lady"]) == {}
    assert VoiceModel(word_counts([]), []).scores(0, ["sailor"]) == {}


def test_third_person_tag_is_never_the_narrator():
    from ficlens.quotes.conversation import _tag_agreement
    from ficlens.quotes.detect import Quotation
    from ficlens.quotes.reader import QuoteInfo
    from ficlens.quotes.tags import Tag

    class Ctx:
        narrator = "I"
        gender = {"I": "m", "A": "m", "B": "f"}

        def first_person_tag(self, info):
            return False

        def narrator_at(self, offset):
            return self.narrator

    line = Quotation(parts=[(0, 20)], paragraph=0, last_paragraph=0)
    info = QuoteInfo(quote=line, index=0, tags=[Tag(0, 0, 2, "he", "pronoun", "after", "he")])
    penalty = _tag_agreement(Ctx(), info, ["I", "A", "B"])
    assert np.allclose(penalty, [QUOTES.wrong_gender_penalty, 0.0, QUOTES.wrong_gender_penalty])


def test_lines_without_words_give_no_voice():
    model = VoiceModel(word_counts(["...", "…", "...", "...", "'", "'", "'", "'"]),
                       ["a", "a", "a", "a", "b", "b", "b", "b"])
    assert model.scores(0, ["a", "b"]) == {}
    model = _model(["..."])
    assert model.scores(len(SAILOR) + len(LADY), ["sailor", "lady"]) == {}


def test_an_untagged_paragraph_after_a_told_story_goes_on_with_its_teller():
    from ficlens.quotes.conversation import NEXT, SAME, _turn_link
    from ficlens.quotes.detect import Quotation
    from ficlens.quotes.reader import QuoteInfo
    from ficlens.quotes.tags import Tag

    story = QuoteInfo(Quotation(parts=[(0, 900)], paragraph=3, last_paragraph=7), 0)
    line = QuoteInfo(Quotation(parts=[(901, 950)], paragraph=8, last_paragraph=8), 1)
    assert _turn_link(NEXT, line, story) == SAME
    assert _turn_link(NEXT, line, line) == NEXT  # after a one-paragraph line: a new turn
    line.tags = [Tag(0, 0, 2, "she", "pronoun", "after", "she")]
    assert _turn_link(NEXT, line, story) == NEXT  # a tag of its own decides


def _random_lines(seed: int, n: int) -> list[str]:
    rng = np.random.default_rng(seed)
    words = ["Aye", "matey", "sea", "dear", "Oh", "how", "delightful", "wind", "--", "—",
             "Zounds", "café", "naïve", "O'Neil", "well", "I", "you", "it's", "_x_", "42"]
    marks = [" ", ", ", "! ", "? ", "; ", "... ", " - "]
    return ["".join(str(rng.choice(words)) + str(rng.choice(marks))
                    for _ in range(rng.integers(0, 25))) for _ in range(n)]


def test_word_counts_are_count_vectorizer_s_matrix_entry_for_entry():
    """The hand-made counter replaces scikit-learn's CountVectorizer (a second of start-up)
    and must give the very matrix it gave: same columns, same entries in the same order."""
    text_module = pytest.importorskip("sklearn.feature_extraction.text")
    from ficlens.quotes.voice import TOKEN_PATTERN

    for seed in range(5):
        texts = _random_lines(seed, 60) + ["...", "", "Ünïcödé WORDS and words!"]
        expected = text_module.CountVectorizer(
            lowercase=True, token_pattern=TOKEN_PATTERN).fit_transform(texts).tocsr()
        got = word_counts(texts)
        assert got.n_words == expected.shape[1]
        assert np.array_equal(got.indptr, expected.indptr)
        assert np.array_equal(got.indices, expected.indices)
        assert np.array_equal(got.data, expected.data)


def test_voice_scores_are_those_of_the_scipy_products_to_the_last_bit():
    sparse = pytest.importorskip("scipy.sparse")
    from ficlens.quotes import voice

    rng = np.random.default_rng(3)
    texts = _random_lines(7, 120)
    labels = [str(rng.choice(["a", "b", "c", "d"])) if rng.random() < 0.6 else None
              for _ in texts]
    words = word_counts(texts)
    matrix = sparse.csr_matrix((words.data, words.indices, words.indptr),
                               shape=(words.n_rows, words.n_words))
    assert np.array_equal(words.row_totals(), np.asarray(matrix.sum(axis=1)).ravel())
    weights = rng.random(len(texts))
    classes = rng.integers(0, 4, len(texts))
    rows = np.flatnonzero(rng.random(len(texts)) < 0.7)
    lines = sparse.csr_matrix((weights[rows], (classes[rows], rows)),
                              shape=(4, words.n_rows))
    assert np.array_equal(words.class_sums(weights[rows], classes[rows], rows, 4),
                          (lines @ matrix).toarray())
    dense = np.log(rng.random((words.n_words, 4)))
    mask = rng.random(len(texts)) < 0.5
    assert np.array_equal(words.times(dense, mask), matrix[mask] @ dense)
    model = voice.VoiceModel(words, labels)
    assert model.column  # the four voices are modelled
