"""Scene changes no marker shows: jumps in time or place, and switches between summary
and a dramatised scene, read from how a paragraph opens and what surrounds it.

Cues (the paragraph's first sentence, narration outside quotes):

* **time jump** (``One year later``, ``The next morning``, ``A week later``, ``Hours
  passed``, ``They only slept for two hours``) after a dramatised passage (dialogue in the
  last few paragraphs): the scene is left. A time phrase inside a run of summary is not a
  break: summary moves through time by nature.
* **arrival** (``As soon as they got to the hotel``, ``When she arrived at``) after a
  dramatised passage: a jump in place.
* **scene opening** after a run of summary (no dialogue in the last paragraphs) with
  dialogue soon after: a scene-setting sentence (``She was walking through town``,
  ``He was in L.A. on a business trip``, ``It was early morning``, ``Then the call came``)
  starts the dramatised scene.
A wider blank gap than the text's usual one is a break only with one of these cues, or a
**summary opening** (past perfect: ``He'd left his heart in L.A.``: backstory begins), or
when it is two or more blank lines wider: inside a conversation, or where two strands of
the same moment meet, a gap is layout, not a scene change. Without a gap a past-perfect
opening is most often a brief memory inside the scene, so it is no cue on its own.

Tuned on the five sample stories in ../shared/seeds (see ficlens/eval/seed_scenes.json);
the fan-fiction set's viewpoint sections are the held-out check (``ficlens eval scenes``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.ingest.segment_config import tunables

_QUOTE_OPEN = re.compile(r"[\"“«]")
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|«[^»\n]*»")
_NUMBER = (r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few"
           r"|several|many|some|\d+|a\s+couple\s+(?:of\s+)?)")
_UNIT = r"(?:minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?)"
_TIME_JUMP = re.compile(
    rf"^\W*(?:(?:about|almost|nearly|over|more\s+than|only|just)\s+)?{_NUMBER}\s+{_UNIT}\s+"
    r"(?:later|after|had\s+passed|passed|went\s+by|on|afterwards?)\b"
    r"|^\W*(?:the\s+)?(?:next|following)\s+(?:morning|day|night|evening|afternoon|week|month"
    r"|year|weekend)\b"
    r"|^\W*(?:later(?:\s+that\s+(?:day|night|evening|morning|afternoon|week))?|afterwards?"
    r"|hours\s+later|days\s+later|weeks\s+later|months\s+later|years\s+later)\b"
    r"|^\W*(?:that|this)\s+(?:night|evening|morning|afternoon)\b"
    r"|^\W*by\s+(?:morning|nightfall|evening|the\s+next\s+\w+|the\s+time)\b"
    rf"|^[^.!?]{{0,60}}\b(?:slept|waited|drove|walked|talked|sat|lay|stayed)\s+(?:for\s+)?"
    rf"(?:only\s+)?{_NUMBER}\s+(?:hours?|days?|weeks?|months?|years?)\b",
    re.IGNORECASE,
)
_ARRIVAL = re.compile(
    r"^\W*(?:as\s+soon\s+as|when|once|by\s+the\s+time)\s+(?:\w+\s+){1,3}?"
    r"(?:got\s+(?:to|back|home)|arrived|reached|pulled\s+up|pulled\s+into|walked\s+into"
    r"|stepped\s+into|made\s+it\s+(?:to|back|home))\b",
    re.IGNORECASE,
)
_SCENE_OPENING = re.compile(
    r"^\W*(?:[A-Z][\w'’]+|he|she|they|we|I)\s+(?:was|were)\s+(?:\w+ly\s+)?\w+ing\b"
    r"|^\W*(?:[A-Z][\w'’]+|he|she|they|we|I)\s+(?:was|were)\s+(?:in|at)\s+(?:the\s+)?[A-Z]"
    r"|\bit\s+was\s+(?:early|late|already|almost|nearly)?\s*(?:morning|afternoon|evening"
    r"|night|dawn|dusk|midnight|noon|\d{1,2}(?::\d\d)?\s*(?:a\.?m|p\.?m|o'clock))\b"
    r"|^\W*then\s+(?:the|a|one|came|it)\b",
    re.IGNORECASE,
)
_PAST_PERFECT = re.compile(
    r"^\W*(?:[A-Z][\w'’]+|he|she|they|we|I)\s*(?:['’]d|\s+had)\s+(?:never\s+|always\s+"
    r"|once\s+|just\s+)?(?!better\b)\w+(?:ed|en|t|own|ung|ought|aught|ft|lt|nt|id|ade|ost"
    r"|ound|ood|oke|ept|ew|ame|one|ome)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Para:
    """One story paragraph as the shift finder sees it."""

    text: str
    blank_lines_before: int
    after_break: bool = False  # a marker, heading or POV label stands right before it


@dataclass(slots=True)
class Shift:
    index: int  # the paragraph that opens the new scene
    kind: str  # time_jump, arrival, scene_opening or blank_lines
    confidence: float


def opening(text: str) -> str:
    """The first sentence, quotes blanked out."""
    plain = _QUOTED.sub(" ", text[:tunables().opening_chars])
    match = re.search(r"[.!?…](?:\s|$)", plain)
    return plain[: match.end()] if match else plain


def has_dialogue(text: str) -> bool:
    return _QUOTE_OPEN.search(text) is not None


def cue(paras: Sequence[Para], index: int) -> tuple[str, float] | None:
    """The unmarked-change cue paragraph ``index`` opens with, if its context allows it."""
    text = paras[index].text
    if _QUOTE_OPEN.match(text.lstrip("*_~ ")):
        return None  # a scene does not change on a line of dialogue
    first = opening(text)
    before = [p.text for p in paras[max(index - tunables().look_back, 0): index]]
    after = [p.text for p in paras[index: index + tunables().look_ahead]]
    talk_before = any(has_dialogue(t) for t in before)
    summary_before = index >= tunables().summary_run and not any(
        has_dialogue(t) for t in before[-tunables().summary_run:])
    if talk_before and _TIME_JUMP.search(first):
        return "time_jump", 0.8
    if talk_before and _ARRIVAL.search(first):
        return "arrival", 0.7
    if summary_before and any(has_dialogue(t) for t in after) and _SCENE_OPENING.search(first):
        return "scene_opening", 0.6
    return None


def gap_evidence(paras: Sequence[Para], index: int) -> bool:
    """Evidence enough to make a one-line-wider blank gap a scene change."""
    first = opening(paras[index].text)
    return any(p.search(first) for p in (_TIME_JUMP, _ARRIVAL, _SCENE_OPENING, _PAST_PERFECT))


def find_shifts(paras: Sequence[Para], usual_gap: int) -> list[Shift]:
    """Unmarked scene changes in one chapter's story paragraphs (not the first one)."""
    shifts: list[Shift] = []
    quiet_until = 0
    for index in range(1, len(paras)):
        para = paras[index]
        if para.after_break:
            quiet_until = index + tunables().quiet_after_break
            continue
        wider = para.blank_lines_before - usual_gap
        opens_with_talk = _QUOTE_OPEN.match(para.text.lstrip("*_~ ")) is not None
        if wider > 0 and not opens_with_talk and (wider >= 2 or gap_evidence(paras, index)):
            shifts.append(Shift(index, "blank_lines", 0.8 if wider >= 2 else 0.6))
            quiet_until = index + tunables().quiet_after_break
            continue
        if index < quiet_until:
            continue
        found = cue(paras, index)
        if found is not None:
            shifts.append(Shift(index, *found))
            quiet_until = index + tunables().quiet_after_break
    return shifts
