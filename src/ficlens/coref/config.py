"""The coref stage's tunables (set per run through :data:`tunables`; see ``ficlens.stage``).

The model files come first, so a candidate model is evaluated without overwriting the
shipped one. The feature windows below (``pronoun_window`` ... ``rate_smoothing``) define
the inputs the shipped models were trained with: a change to one needs the models retrained
with it (``training/train_coref.py``, ``training/train_person_nouns.py``), which record
them in their ``.meta.json`` (``feature_config``); the stage refuses a config whose feature
windows differ from those its models were trained with. The decision tunables after them
were chosen on LitBank's training documents (``ficlens eval litbank-coref``). Pronoun,
kin and person-noun lists are lexicon data, not tunables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ficlens.models import shipped
from ficlens.stage import Tunables


@dataclass(frozen=True)
class CorefConfig:
    ranker: Path = shipped("coref.lgb.txt")
    nominal_linker: Path = shipped("coref_nominal.lgb.txt")
    meta: Path = shipped("coref.meta.json")
    person_nouns: Path = shipped("coref_person_nouns.json.gz")
    # the ranker's features (features.py; recorded in coref.meta.json): mentions back
    # paired with an anaphor as candidates
    pronoun_window: int = 30
    noun_window: int = 50
    # the nominal linker's features (nominal_link.py, stage.py; coref.meta.json)
    recent_mentions: int = 30  # mentions back that count as the entity's recent salience
    top_candidates: int = 10  # candidates ranked per anaphor (binding theory may rule out some)
    repeat_window: int = 50  # mentions back to look for a repeated definite's namesake
    # the person-noun detector's features (noun_features.py; coref_person_nouns.meta.json)
    min_noun_length: int = 3  # shorter words are left to the lexicon ("t" of "don't")
    never_person_uses: int = 8  # a lemma used this often in training, never a person: skipped
    next_pronoun_window: int = 25  # tokens ahead to look for the next third-person pronoun
    rate_smoothing: float = 2.0  # pseudo-uses at the prior rate in a smoothed rate
    # decisions (stage.py, reader_address.py)
    # a he/she may not join an entity with at least this many he/she of the other gender and
    # more than ``gender_vote_ratio`` times as many as of its own
    gender_votes: int = 3
    gender_vote_ratio: float = 3.0
    # the confidence of a mention a fiction convention fixes ("I" in a quote is its
    # speaker), and of a quote attribution that carries none (a hand-made quotes layer)
    quote_rule_confidence: float = 0.95
    # a tag subject ("...," he said) is the speaker the quotes stage gave its line when that
    # stage is at least this sure of it (ficlens.coref.tags), unless the ranker is surer of
    # another entity; 0: never. At 0.5 the coref of the fan-fiction dev set's tag subjects is
    # right for 170 of 188 (the ranker alone 126) and portraits' agents follow (fan-fiction
    # sentences, character right: 0.869/0.730 -> 0.904/0.750); LitBank dev is unchanged
    # (70.3 / 83.8), its training documents' end-to-end pronoun accuracy 83.1 -> 82.7
    tag_speaker_confidence: float = 0.5
    # share of the narration's pronouns above which "you" is the story's protagonist (no
    # LitBank excerpt comes near: at most 16%, in a story told through letters)
    second_person_share: float = 0.25


# Which feature windows each model file was trained with (its meta's ``feature_config``).
RANKER_FEATURES = ("pronoun_window", "noun_window", "recent_mentions", "top_candidates",
                   "repeat_window")
DETECTOR_FEATURES = ("min_noun_length", "never_person_uses", "next_pronoun_window",
                     "rate_smoothing")

DEFAULT = CorefConfig()
tunables: Tunables[CorefConfig] = Tunables("coref", DEFAULT)


def feature_config(config: CorefConfig, names: tuple[str, ...]) -> dict[str, float]:
    """The feature windows ``names`` of ``config``, as a model's meta records them."""
    return {name: getattr(config, name) for name in names}
