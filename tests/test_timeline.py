"""Time expressions (``ficlens.pov.timex``) and the story timeline (``ficlens.pov.timeline``)."""

from __future__ import annotations

import pytest

import ficlens.pov as pov
from ficlens.document import Span, Work
from ficlens.pov.timeline import build_timeline, delta_days
from ficlens.pov.timex import find_time_expressions


def only(text: str) -> tuple[str, str, dict]:
    [expr] = list(find_time_expressions(text))
    return text[expr.start : expr.end], expr.kind, expr.value


@pytest.mark.parametrize(
    ("text", "found", "kind", "value"),
    [
        (
            "One year later, they met.",
            "One year later",
            "jump",
            {"amount": 1.0, "unit": "year", "direction": "after"},
        ),
        (
            "7 months after that, he left.",
            "7 months after that",
            "jump",
            {"amount": 7.0, "unit": "month", "direction": "after"},
        ),
        (
            "This is set three years in the past.",
            "three years in the past",
            "jump",
            {"amount": 3.0, "unit": "year", "direction": "before"},
        ),
        (
            "Six years ago, she ran.",
            "Six years ago",
            "jump",
            {"amount": 6.0, "unit": "year", "direction": "before"},
        ),
        (
            "A week later the box came.",
            "A week later",
            "jump",
            {"amount": 1.0, "unit": "week", "direction": "after"},
        ),
        (
            "A year and a half later, they moved.",
            "A year and a half later",
            "jump",
            {"amount": 1.5, "unit": "year", "direction": "after"},
        ),
        (
            "The next morning was grey.",
            "The next morning",
            "jump",
            {"amount": 1.0, "unit": "day", "part": "morning", "direction": "after"},
        ),
        (
            "Years later, nobody remembered.",
            "Years later",
            "jump",
            {"amount": None, "unit": "year", "direction": "after"},
        ),
        ("even after 8 years apart", "8 years", "duration", {"amount": 8.0, "unit": "year"}),
        (
            "It took four months and thirteen days.",
            "four months and thirteen days",
            "duration",
            {"amount": 4.427, "unit": "month"},
        ),
        ("She cried that night.", "that night", "relative", {"anchor": "that night"}),
        (
            "In the beginning, it was easy.",
            "In the beginning",
            "relative",
            {"anchor": "in the beginning"},
        ),
        ("See you on Wednesday.", "Wednesday", "point", {"weekday": "wednesday"}),
        ("It was 10:00 already.", "10:00", "point", {"clock": "10:00"}),
        (
            "They married on June 5, 2007 at noon.",
            "June 5, 2007",
            "point",
            {"date": "June 5, 2007"},
        ),
        ("Come fall, he moved.", "Come fall", "point", {"season": "fall"}),
    ],
)
def test_time_expression(text: str, found: str, kind: str, value: dict) -> None:
    assert only(text) == (found, kind, value)


@pytest.mark.parametrize("text", ["once a week", "three times a year", "She may come.", ""])
def test_not_a_time_expression(text: str) -> None:
    assert list(find_time_expressions(text)) == []


def test_offsets_point_into_the_text() -> None:
    text = 'He waited. "Two days later?" she asked. Two days later, he left.'
    spans = [(e.start, e.end) for e in find_time_expressions(text)]
    assert [text[s:e] for s, e in spans] == ["Two days later", "Two days later"]


def test_delta_days() -> None:
    assert delta_days({"amount": 2.0, "unit": "week", "direction": "after"}) == 14.0
    assert delta_days({"amount": 1.0, "unit": "year", "direction": "before"}) == -365.25
    assert delta_days({"amount": None, "unit": "year", "direction": "after"}) is None


def _expression_spans(text: str, in_note_until: int = 0) -> list[Span]:
    return [
        Span(
            e.start,
            e.end,
            {
                "kind": e.kind,
                "value": e.value,
                "in_quote": False,
                "in_note": e.start < in_note_until,
            },
        )
        for e in find_time_expressions(text)
    ]


STORY = (
    "This is set two years in the past.\n\n"
    "Ana packed the car.\n\n"
    "A week later, she reached the coast. Six years ago, she had been here with her father.\n\n"
    "She thought of him often, more than a year ago most of all.\n\n"
    "Years later, the house was sold."
)


def test_timeline_orders_scenes_jumps_and_flashbacks() -> None:
    note_end = STORY.index("\n\n")
    starts = [STORY.index("Ana"), STORY.index("A week"), STORY.index("Years later")]
    ends = [STORY.index("\n\nA week"), STORY.index("\n\nYears"), len(STORY)]
    scenes = [
        Span(s, e, {"number": i + 1}) for i, (s, e) in enumerate(zip(starts, ends, strict=True))
    ]
    sentence_starts = [
        0,
        starts[0],
        starts[1],
        STORY.index("Six"),
        STORY.index("She thought"),
        starts[2],
    ]
    timeline = build_timeline(STORY, scenes, _expression_spans(STORY, note_end), sentence_starts)
    rows = [(e["kind"], e["text"], e["scene"], e["days"]) for e in timeline]
    assert rows == [
        ("framing", "two years in the past", None, -730.5),
        ("scene", "", 1, -730.5),
        ("scene", "", 2, -723.5),  # "A week later" opens scene 2 and dates it
        ("jump", "A week later", 2, -723.5),
        ("flashback", "Six years ago", 2, -723.5 - 2191.5),
        ("reference", "a year ago", 2, -723.5 - 2191.5),
        ("scene", "", 3, None),  # opened by a jump of unknown size
        ("jump", "Years later", 3, None),
    ]
    assert [e["flashback"] for e in timeline] == [
        True,
        False,
        False,
        False,
        True,
        True,
        False,
        False,
    ]
    order = {e["text"] or f"scene {e['scene']}": e["story_order"] for e in timeline}
    assert order["Six years ago"] < order["scene 1"] < order["A week later"] < order["Years later"]


def test_stage_adds_time_expressions_layer_without_nlp() -> None:
    work = Work('Ana waited.\n\nOne year later, she left. "In two days," she said.')
    pov.run(work)
    exprs = work.layer("time_expressions")
    assert [(work.span_text(e), e["kind"], e["in_quote"]) for e in exprs] == [
        ("One year later", "jump", False),
        ("two days", "duration", True),
    ]
    assert [e["kind"] for e in work.tables["timeline"]] == ["scene", "jump"]


def test_keyword_windows_find_what_a_full_scan_finds() -> None:
    from ficlens.pov.timex import PATTERN

    text = (
        "Yesterday she left. A year and a half later, at 10:30 pm on a Friday, he wrote "
        "to her friend about the weekend; four months and thirteen days after that he "
        "came back, once a week, in 1999, on June 5, 2007. Later that night, in the end, "
        "the next morning, TWO YEARS AGO. Come fall, at first, tonight, today."
    ) * 3
    full = [(m.start(), m.end()) for m in PATTERN.finditer(text)]
    assert [(e.start, e.end) for e in find_time_expressions(text)] == full
    assert len(full) > 30
