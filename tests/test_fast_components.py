"""The sped-up lemmatizer and attribute ruler annotate exactly as spaCy's own do."""

from __future__ import annotations

import pytest

from ficlens.nlp.config import DEFAULT
from ficlens.nlp.fast_components import accelerate

spacy = pytest.importorskip("spacy")

PARAGRAPHS = [
    "Marisol ain't gonna wait, she said. \"We're gon na miss the train!\"",
    "He'd been running for hours when the lights went out; nobody could've known.",
    "\"Y/N, you're late,\" Teodric muttered, tossing his keys onto the counter.",
    "The children's voices carried across the yard -- laughing, shouting, singing.",
    "I didn't do it.  I swear I didn't.\n\nShe doesn't believe me, does she?",
    "   ",
    "OK!! lol... idk what u mean, Kestrel typed. 12:45 pm, the 3rd of May.",
]
ATTRIBUTES = ("POS", "TAG", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")


@pytest.fixture(scope="module")
def pipelines():
    try:
        stock = spacy.load(DEFAULT.model, exclude=["senter"])
        fast = spacy.load(DEFAULT.model, exclude=["senter"])
    except OSError:
        pytest.skip(f"spaCy model {DEFAULT.model} is not installed")
    accelerate(fast)
    return stock, fast


def test_annotations_match_the_stock_components(pipelines):
    stock, fast = pipelines
    for _ in range(2):  # the second pass answers from what the first remembered
        for text in PARAGRAPHS:
            expected = stock(text).to_array(list(ATTRIBUTES))
            got = fast(text).to_array(list(ATTRIBUTES))
            assert (expected == got).all(), text


def test_components_were_swapped(pipelines):
    _, fast = pipelines
    ruler = fast.get_pipe("attribute_ruler")
    lemmatizer = fast.get_pipe("lemmatizer")
    assert "match" in vars(ruler)
    index = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in index.values())


def test_a_pattern_it_cannot_read_leaves_the_stock_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "hm", "OP": "+"}]], {"LEMMA": "hmm"})
    accelerate(nlp)
    assert "match" not in vars(ruler)
    assert [t.lemma_ for t in nlp("hm hm")] == ["hmm", "hmm"]


def _ruler_pipeline():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"}, index=0)
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=1)
    ruler.add([[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n't$"}}]],
              {"LEMMA": "be"})
    ruler.add([[{"TAG": "NN"}], [{"LOWER": "go"}]], {"POS": "NOUN"})
    ruler.add([[{"DEP": {"NOT_IN": ["ROOT"]}, "TAG": "VB"}]], {"POS": "VERB"})
    ruler.add([[{"LOWER": "go"}]], {"POS": "PROPN"})  # a later rule wins
    return nlp, ruler


def _tagged(nlp, words, tags, deps):
    from spacy.tokens import Doc

    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=[0] * len(words))


def test_rules_match_where_the_matcher_matches():
    words = ["we", "ai", "n't", "gon", "na", "go", "to", "the", "go", "game", "na"]
    tags = ["PRP", "VBP", "RB", "VBG", "TO", "VB", "IN", "DT", "NN", "NN", "TO"]
    deps = ["nsubj", "ROOT", "neg", "aux", "aux", "xcomp", "prep", "det", "compound", "pobj",
            "dep"]
    stock_nlp, stock_ruler = _ruler_pipeline()
    fast_nlp, fast_ruler = _ruler_pipeline()
    accelerate(fast_nlp)
    assert "match" in vars(fast_ruler)
    expected = stock_ruler(_tagged(stock_nlp, words, tags, deps))
    got = fast_ruler(_tagged(fast_nlp, words, tags, deps))
    assert [(t.lemma_, t.pos_) for t in got] == [(t.lemma_, t.pos_) for t in expected]
    assert [t.lemma_ for t in got][1:5] == ["be", "", "go", "to"]
    assert [t.pos_ for t in got][5] == "PROPN"


def test_the_stock_load_is_spacy_as_it_ships():
    from ficlens.errors import ModelError
    from ficlens.nlp.model import load_spacy

    try:
        stock, fast = load_spacy(stock=True), load_spacy()
    except ModelError as exc:
        pytest.skip(str(exc))
    assert stock is not fast
    assert "match" not in vars(stock.get_pipe("attribute_ruler"))
    assert "match" in vars(fast.get_pipe("attribute_ruler"))
