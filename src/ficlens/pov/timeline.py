"""A simple story timeline from the scenes and the time expressions of the narration.

The story clock starts at day 0 (or earlier when a framing note says "This is placed three
years in the past"). A jump forward in narration ("One year later", "a week later") moves the
clock; a jump back that opens a sentence ("Six years ago, ...") starts a flashback that lasts
to the end of its scene; other backward references ("over a year ago" mid-sentence) are kept
as references and move nothing. A jump of unknown size ("Years later") leaves the clock
unknown from there on (``days`` null), while each jump's own ``delta_days`` stays known when
it can be.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from ficlens.document import Span
from ficlens.pov.timex import UNIT_DAYS

_LEAD_WORDS = ("and ", "but ", "so ", "then ")


def delta_days(value: dict[str, Any]) -> float | None:
    """Signed size of a jump in days (negative = back in time), or None when vague."""
    amount, unit = value.get("amount"), value.get("unit")
    if amount is None or unit not in UNIT_DAYS:
        return None
    sign = -1.0 if value.get("direction") == "before" else 1.0
    return round(sign * amount * UNIT_DAYS[unit], 2)


def _opens_sentence(text: str, span: Span, sentence_starts: Sequence[int]) -> bool:
    i = bisect_right(sentence_starts, span.start) - 1
    if i < 0:
        return span.start == 0
    lead = text[sentence_starts[i] : span.start].lower()
    return lead == "" or lead in _LEAD_WORDS


class StoryClock:
    """Days since the start of the story; None once a vague jump made it unknowable."""

    def __init__(self) -> None:
        self.days: float | None = 0.0

    def move(self, delta: float | None) -> None:
        self.days = None if delta is None or self.days is None else round(self.days + delta, 2)


def _entry(kind: str, span: Span, text: str, scene: int | None, days: float | None) -> dict:
    return {
        "kind": kind,
        "start": span.start,
        "end": span.end,
        "text": text[span.start : span.end],
        "scene": scene,
        "days": days,
    }


def build_timeline(
    text: str,
    scenes: Sequence[Span],
    expressions: Sequence[Span],
    sentence_starts: Sequence[int],
    opening_reach: int = 5,
) -> list[dict[str, Any]]:
    """Timeline entries in text order, each with its place on the story clock (a jump within
    ``opening_reach`` chars of a scene's start dates the whole scene)."""
    clock = StoryClock()
    entries: list[dict[str, Any]] = []
    for expr in expressions:
        if expr.get("in_note") and expr["kind"] == "jump":
            clock.move(delta_days(expr["value"]))
            entry = _entry("framing", expr, text, None, clock.days)
            entries.append({**entry, "delta_days": delta_days(expr["value"]), "flashback": True})
    by_scene = _narration_jumps_by_scene(scenes, expressions)
    for number, scene in enumerate(scenes, start=1):
        scene_entry = _entry("scene", scene, text, number, clock.days)
        scene_entry.update(end=scene.start, text="", delta_days=None, flashback=False)
        entries.append(scene_entry)
        scene_days, in_flashback = clock.days, False
        for expr in by_scene.get(number, ()):
            delta = delta_days(expr["value"])
            backward = expr["value"].get("direction") == "before"
            if backward and not _opens_sentence(text, expr, sentence_starts):
                kind, days = "reference", scene_days
            elif backward:
                kind = "flashback"
                days = None if delta is None or scene_days is None else scene_days + delta
                scene_days, in_flashback = days, True
            else:
                kind = "jump"
                clock.move(delta)
                days = scene_days = clock.days
                in_flashback = False
            if expr.start - scene.start <= opening_reach:
                # "One year later, ..." opening a scene dates the whole scene
                scene_entry.update(days=days, flashback=in_flashback)
            entries.append(
                {
                    **_entry(kind, expr, text, number, days),
                    "delta_days": delta,
                    "flashback": in_flashback,
                }
            )
    return _with_story_order(entries)


def _narration_jumps_by_scene(
    scenes: Sequence[Span], expressions: Sequence[Span]
) -> dict[int, list[Span]]:
    """Jumps outside quotes and notes, by the number of the scene holding them."""
    starts = [s.start for s in scenes]
    grouped: dict[int, list[Span]] = {}
    for expr in expressions:
        if expr["kind"] != "jump" or expr.get("in_quote") or expr.get("in_note"):
            continue
        number = bisect_right(starts, expr.start)
        if number and expr.start < scenes[number - 1].end:
            grouped.setdefault(number, []).append(expr)
    return grouped


def _with_story_order(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rank entries by story time; an unknown time keeps the rank of what precedes it on the
    main line (a flashback is no anchor for what follows it)."""
    keys = []
    last_known = 0.0
    for position, entry in enumerate(entries):
        if entry["days"] is None:
            keys.append((last_known, position))
            continue
        keys.append((entry["days"], position))
        if entry["kind"] == "framing" or not entry["flashback"]:
            last_known = entry["days"]
    for rank, position in enumerate(sorted(range(len(entries)), key=keys.__getitem__)):
        entries[position]["story_order"] = rank
    entries.sort(key=lambda e: e["start"])
    return entries
