"""Who a pronoun or a description refers to: the ``coref`` pipeline stage (see ``stage``)
and the readings published from it (:mod:`ficlens.coref.readings`, stage ``referents``)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ficlens.coref.config import (
    DEFAULT,
    DETECTOR_FEATURES,
    RANKER_FEATURES,
    CorefConfig,
    feature_config,
    tunables,
)
from ficlens.document import Work
from ficlens.errors import ModelError
from ficlens.stage import Stage

__all__ = ["STAGE", "CorefConfig", "run"]


@lru_cache(maxsize=8)
def _trained_with(meta: Path) -> dict[str, float]:
    if not meta.exists():
        return {}
    return dict(json.loads(meta.read_text(encoding="utf-8")).get("feature_config", {}))


def check_trained_with(config: CorefConfig, meta: Path, names: tuple[str, ...]) -> None:
    """A config whose feature windows differ from those the model was trained with (its
    meta's ``feature_config``) is refused: the model would read features it never saw."""
    trained = _trained_with(meta)
    wanted = feature_config(config, names)
    differ = [f"{name}={wanted[name]} (trained with {trained[name]})"
              for name in names if name in trained and trained[name] != wanted[name]]
    if differ:
        raise ModelError(f"coref model {meta.name} was trained with other feature windows: "
                         f"{', '.join(differ)}; retrain it or keep the config's defaults")


def _meta_beside(model: Path) -> Path:
    """``coref_person_nouns.json.gz`` -> ``coref_person_nouns.meta.json``."""
    return model.with_name(model.name.split(".", 1)[0] + ".meta.json")


def run(work: Work, config: CorefConfig | None = None) -> None:
    from ficlens.coref.model import LINK_THRESHOLD, Models, load_classifier, load_ranker
    from ficlens.coref.noun_detector import load_detector
    from ficlens.coref.stage import run as resolve

    config = config or DEFAULT
    check_trained_with(config, config.meta, RANKER_FEATURES)
    check_trained_with(config, _meta_beside(config.person_nouns), DETECTOR_FEATURES)
    models = Models(
        load_ranker(config.ranker, config.meta),
        load_classifier(config.nominal_linker, LINK_THRESHOLD, config.meta),
        load_detector(config.person_nouns),
    )
    with tunables.using(config):  # also when called without the Stage
        resolve(work, models)


STAGE = Stage(
    name="coref",
    summary="pronouns and descriptions resolved to characters (he, she, I, you, the girl ...)",
    run=run,
    assigns=("coref", "nominal_mentions"),
    requires=("tokens", "characters", "mentions", "quotes"),
    reads=("notes", "speech_tags"),
    default=DEFAULT,
    tunables=tunables,
)
