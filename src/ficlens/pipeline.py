"""The analysis pipeline: an ordered list of stages, each adding its own layers to a Work.

A stage is a module exposing ``run(work: Work) -> None``. Stages are imported lazily so
that reading a file or printing ``--help`` does not pay for loading spaCy or a model.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ficlens.document import Work


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    module: str
    summary: str

    def load(self) -> Callable[[Work], None]:
        return importlib.import_module(self.module).run


STAGES: tuple[Stage, ...] = (
    Stage("segment", "ficlens.ingest.segment", "paragraphs, notes, scene breaks, POV labels"),
    Stage("nlp", "ficlens.nlp.spacy_stage", "tokens, sentences, named entities (spaCy)"),
    Stage("characters", "ficlens.characters", "characters with aliases and gender"),
    Stage("quotes", "ficlens.quotes", "quotations, speakers and addressees"),
    Stage("coref", "ficlens.coref", "pronouns resolved to characters (he, she, I, you ...)"),
    Stage("portraits", "ficlens.portraits", "what each character does, undergoes, is and has"),
    Stage("pov", "ficlens.pov", "scenes, narrative person, focal character, time cues, timeline"),
    Stage("relations", "ficlens.relations", "interaction network, relation types, main pairing"),
    Stage("arc", "ficlens.arc", "sentence valence (VADER), emotional arc and its shape"),
)
STAGE_NAMES = tuple(s.name for s in STAGES)


def select(names: Iterable[str] | None = None) -> list[Stage]:
    """Stages to run, in pipeline order; ``names`` picks a subset (``None`` runs all)."""
    if names is None:
        return list(STAGES)
    wanted = set(names)
    unknown = wanted - set(STAGE_NAMES)
    if unknown:
        raise ValueError(f"unknown stage(s): {', '.join(sorted(unknown))}")
    return [s for s in STAGES if s.name in wanted]


def analyze(work: Work, stages: Iterable[str] | None = None) -> Work:
    """Run the pipeline over ``work`` in place and return it."""
    for stage in select(stages):
        stage.load()(work)
    return work
