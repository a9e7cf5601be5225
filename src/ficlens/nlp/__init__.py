"""The shared language layer: tokens, sentences and named entities from spaCy."""

from __future__ import annotations

from ficlens.document import Work
from ficlens.nlp.config import DEFAULT, NlpConfig, tunables
from ficlens.stage import Stage

__all__ = ["STAGE", "NlpConfig"]


def _run(work: Work, _config: NlpConfig) -> None:
    from ficlens.nlp.spacy_stage import run

    run(work)


STAGE = Stage(
    name="nlp",
    summary="tokens, sentences, named entities (spaCy)",
    run=_run,
    assigns=("tokens", "sentences", "entities"),
    reads=("paragraphs",),
    default=DEFAULT,
    tunables=tunables,
)
