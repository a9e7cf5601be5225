"""Who a pronoun or a description refers to: the ``coref`` pipeline stage (see ``stage``)
and the readings published from it (:mod:`ficlens.coref.readings`, stage ``referents``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ficlens.document import Work
from ficlens.models import shipped
from ficlens.stage import Stage

__all__ = ["STAGE", "CorefConfig", "run"]


@dataclass(frozen=True)
class CorefConfig:
    """The model files the stage loads (defaults: the shipped ones), so a candidate model
    can be evaluated without overwriting them."""

    ranker: Path = shipped("coref.lgb.txt")
    nominal_linker: Path = shipped("coref_nominal.lgb.txt")
    meta: Path = shipped("coref.meta.json")
    person_nouns: Path = shipped("coref_person_nouns.json.gz")


def run(work: Work, config: CorefConfig | None = None) -> None:
    from ficlens.coref.model import LINK_THRESHOLD, Models, load_classifier, load_ranker
    from ficlens.coref.noun_detector import load_detector
    from ficlens.coref.stage import run as resolve

    config = config or CorefConfig()
    models = Models(
        load_ranker(config.ranker, config.meta),
        load_classifier(config.nominal_linker, LINK_THRESHOLD, config.meta),
        load_detector(config.person_nouns),
    )
    resolve(work, models)


STAGE = Stage(
    name="coref",
    summary="pronouns and descriptions resolved to characters (he, she, I, you, the girl ...)",
    run=run,
    assigns=("coref", "nominal_mentions"),
    requires=("tokens", "characters", "mentions", "quotes"),
    reads=("notes",),
    default=CorefConfig(),
)
