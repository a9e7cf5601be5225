"""The relations stage's tunables (tuned on the sample stories; see ``tests/``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RelationsConfig:
    reply_gap: int = 1500  # chars: a line further than this from the last one is no reply
    warmth_bins: int = 10  # equal stretches of the story a pair's warmth is averaged over
    family_veto_share: float = 0.25  # family cues beyond this share of romantic ones veto
    side_pairing_share: float = 0.5  # a side pairing half as strong as the main one counts
    endgame_base: float = 0.5  # weight of a cue at the start of the story (1.5 at its end)
    min_platonic_strength: float = 3.0  # e.g. three replies: less is not a relationship
    evidence_shown: int = 5  # cues of the main pairing listed as its evidence


DEFAULT = RelationsConfig()
