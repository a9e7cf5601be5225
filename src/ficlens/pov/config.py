"""The pov stage's tunables (tuned on the sample stories; see ``tests/test_pov.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PovConfig:
    # inner-life cues (cues.py)
    max_ancestor_steps: int = 4  # a cue this close under another belongs to the outer mind
    free_indirect_reach: int = 300  # chars back to the mind a narration question belongs to
    # narrative person and focal character (focal.py)
    person_ratio: float = 0.5  # first/second-person pronouns needed per third-person one
    min_person_pronouns: int = 3
    limited_share: float = 0.6  # the leader's share of cue weight for third_limited
    limited_lead: float = 2.0  # ... or this many times the runner-up's weight
    hops_for_omniscient: int = 3  # changes of mind between paragraph runs: head-hopping
    hopping_share: float = 0.3  # ... when the second mind has this share of the cue weight
    min_run_weight: float = 1.0  # cue weight a paragraph needs to open a new focal run
    evidence_scale: float = 4.0  # cue weight at which confidence reaches ~63% of its ceiling
    # scenes (scenes.py)
    min_scene_words: int = 8  # fewer words between two markers: a title, not a scene
    min_words_before: int = 300  # story words before an unmarked break may end a scene
    min_words_after: int = 100  # and after it, so a one-paragraph coda is not a scene
    window_paragraphs: int = 12  # paragraphs weighed on each side of a setting shift
    min_share_before: float = 0.6
    min_weight_before: float = 2.5
    min_share_after: float = 0.5
    min_weight_after: float = 2.0
    # timeline (timeline.py)
    opening_reach: int = 5  # a jump this close to a scene's start opens the scene
    # time expressions (timex.py): characters searched on each side of a trigger word (the
    # longest lead before one, "three and a half", is ~25)
    timex_window: int = 40


DEFAULT = PovConfig()
