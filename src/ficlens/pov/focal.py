"""Narrative person, mode and focal character of a scene, and the switches between scenes.

* person: from narration pronouns (outside quotes): first-person narration keeps "I" close to
  the count of he/she; third-person narration has almost none.
* third person: the focal character is the one whose inner life the narration reports
  (weighted perception / cognition / emotion cues). One clear leader -> ``third_limited``;
  several minds with similar weight -> ``omniscient`` (focal null).
* first person: the narrator, from coreference of narration "I" when the coref stage resolved
  it, else from the speakers of quotes tagged "I said".
* a POV label ("Lucas POV") names the focal character outright.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ficlens.document import LayerView, Work
from ficlens.pov.config import DEFAULT, PovConfig
from ficlens.pov.cues import NARRATOR, Cue, PronounCounts
from ficlens.pov.scenes import Scene

_I_TAG_AFTER = re.compile(r"\s*I\s+[a-z]+")
_I_TAG_BEFORE = re.compile(r"\bI\s+[a-z]+(?:\s+[a-z]+)?,?\s*$")


@dataclass(slots=True)
class Focus:
    person: str
    mode: str
    focal: str | None
    confidence: float
    weights: dict[str, float]
    runs: list[dict[str, Any]]


def _count_between(offsets: Sequence[int], start: int, end: int) -> int:
    return bisect_left(offsets, end) - bisect_left(offsets, start)


def narrative_person(
    pronouns: PronounCounts, start: int, end: int, config: PovConfig = DEFAULT
) -> str:
    least, ratio = config.min_person_pronouns, config.person_ratio
    first = _count_between(pronouns.first, start, end)
    second = _count_between(pronouns.second, start, end)
    third = _count_between(pronouns.third, start, end)
    if second >= least and second >= ratio * third and second > first:
        return "second"
    if first >= least and first >= ratio * third:
        return "first"
    return "third"


def _evidence(total: float, scale: float) -> float:
    return 1.0 - math.exp(-total / scale)


def narrator_from_quotes(work: Work, start: int, end: int) -> str | None:
    """The character whose quotes carry "I said"-style tags: the first-person narrator."""
    speakers: Counter[str] = Counter()
    text = work.text
    for quote in work.within("quotes", start, end):
        speaker = quote.get("speaker")
        if not speaker:
            continue
        after = _I_TAG_AFTER.match(text, quote.end, min(len(text), quote.end + 30))
        before = _I_TAG_BEFORE.search(text, max(0, quote.start - 30), quote.start)
        if after or before:
            speakers[speaker] += 1
    return speakers.most_common(1)[0][0] if speakers else None


def label_character(work: Work, label: str | None) -> str | None:
    """The character a POV label names ("Lucas", "Peyton's"), by name, alias or first name."""
    if not label:
        return None
    wanted = re.sub(r"['’]s$", "", label.strip(), flags=re.IGNORECASE).lower()
    for entry in work.tables.get("characters", []):
        names = [entry.get("name") or "", *entry.get("aliases", [])]
        lowered = {n.lower() for n in names if n} | {n.split()[0].lower() for n in names if n}
        if wanted in lowered:
            return entry["id"]
    return None


def scene_focus(
    work: Work,
    scene: Scene,
    cues: Sequence[Cue],
    pronouns: PronounCounts,
    config: PovConfig = DEFAULT,
) -> Focus:
    """Person, mode, focal character and confidence of one scene."""
    person = narrative_person(pronouns, scene.start, scene.end, config)
    if not work.tables.get("characters"):  # no characters found: nobody to be focal
        return Focus(person, person if person != "third" else None, None, 0.0, {}, [])
    weights: Counter[str] = Counter()
    for cue in cues:
        weights[cue.character] += cue.weight
    narrator_weight = weights.pop(NARRATOR, 0.0)
    rounded = {k: round(v, 2) for k, v in weights.most_common()}
    labelled = label_character(work, scene.label)
    if person == "first":
        narrator = labelled or _first_person_narrator(work, scene, weights, narrator_weight)
        return Focus("first", "first", narrator, 0.9 if narrator else 0.5, rounded, [])
    if person == "second":
        return Focus("second", "second", labelled, 0.7, rounded, [])
    runs = focal_runs(scene, cues, config.min_run_weight)
    if labelled:
        return Focus(person, "third_limited", labelled, 0.95, rounded, runs)
    return _third_person_focus(weights, rounded, runs, config)


def _first_person_narrator(
    work: Work, scene: Scene, weights: Counter[str], narrator_weight: float
) -> str | None:
    if weights and narrator_weight < max(weights.values()):
        # the coref stage resolved narration "I" to a character: its cues carry that id
        return weights.most_common(1)[0][0]
    return narrator_from_quotes(work, scene.start, scene.end)


def _third_person_focus(
    weights: Counter[str],
    rounded: dict[str, float],
    runs: list[dict[str, Any]],
    config: PovConfig,
) -> Focus:
    total = sum(weights.values())
    if not total:  # nobody's inner life is reported: a camera-eye scene
        return Focus("third", "objective", None, 0.3, rounded, runs)
    ranked = weights.most_common(2)
    leader, top = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    share = top / total
    hops = len(runs) - 1
    hopping = hops >= config.hops_for_omniscient and runner_up / total >= config.hopping_share
    evidence = _evidence(total, config.evidence_scale)
    if not hopping and (share >= config.limited_share or top >= config.limited_lead * runner_up):
        confidence = round(share * evidence, 3)
        return Focus("third", "third_limited", leader, confidence, rounded, runs)
    balance = runner_up / top
    return Focus("third", "omniscient", None, round(balance * evidence, 3), rounded, runs)


def focal_runs(scene: Scene, cues: Sequence[Cue], min_weight: float) -> list[dict[str, Any]]:
    """Stretches of the scene whose paragraphs report one mind: how a scene hops heads.

    A paragraph with ``min_weight`` of cue weight goes to its strongest mind; weaker
    paragraphs stay with the run they are in; consecutive paragraphs with the same mind form
    one run.
    """
    by_start = LayerView(cues)
    runs: list[dict[str, Any]] = []
    for para in scene.paragraphs:
        inside = by_start.between(para.start, para.end)
        totals: Counter[str] = Counter()
        for cue in inside:
            if cue.character != NARRATOR:
                totals[cue.character] += cue.weight
        top = totals.most_common(1)
        mind = top[0][0] if top and top[0][1] >= min_weight else None
        if runs and (mind is None or mind == runs[-1]["focal"]):
            runs[-1]["end"] = para.end
        elif mind is not None:
            runs.append({"start": para.start, "end": para.end, "focal": mind})
    if runs:
        runs[0]["start"] = scene.start
    return runs


def pov_switches(scenes: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where the focal character changes from one scene to the next."""
    switches = []
    for previous, current in zip(scenes, scenes[1:], strict=False):
        if previous["focal"] != current["focal"]:
            switches.append(
                {
                    "offset": current["start"],
                    "from": previous["focal"],
                    "to": current["focal"],
                    "scene": current["number"],
                    "source_of_break": current["source_of_break"],
                }
            )
    return switches
