"""Explicit time expressions ("One year later", "7 months after that", "8 years", "that night").

Each match becomes a :class:`TimeExpression` with a ``kind``:

* ``jump``: moves story time from "now" ("One year later", "the next morning", "Six years ago",
  "three years in the past"); ``value`` has ``amount``, ``unit`` and ``direction``
  (``after`` / ``before``);
* ``duration``: a length of time ("8 years", "Four months and thirteen days");
* ``point``: a calendar or clock point (weekdays, dates, "10:00", "3 am", "that summer");
* ``relative``: a deictic anchor ("that night", "last night", "yesterday", "in the beginning").

Regular expressions only: the whole text is scanned once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ficlens.pov.config import DEFAULT

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_TENS = {
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
NUMBER_WORDS: dict[str, float] = {w: float(i) for i, w in enumerate(_SMALL)}
NUMBER_WORDS.update({w: float(v) for w, v in _TENS.items()})
NUMBER_WORDS.update({"a": 1.0, "an": 1.0, "a couple of": 2.0, "a couple": 2.0, "couple of": 2.0})
VAGUE_NUMBERS = ("a few", "few", "several", "many", "some")

# Length of each unit in days, to place jumps on one story clock.
UNIT_DAYS: dict[str, float] = {
    "second": 1 / 86400,
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "night": 1.0,
    "morning": 1.0,
    "afternoon": 1.0,
    "evening": 1.0,
    "week": 7.0,
    "weekend": 7.0,
    "month": 30.44,
    "year": 365.25,
    "decade": 3652.5,
    "century": 36525.0,
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]

_NUM_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True) + list(VAGUE_NUMBERS))
_NUM = rf"(?:\d+(?:\.\d+)?|{_NUM_WORD})"
# Singular "second" is left out: "a second part" is an ordinal far more often than a time.
_UNIT = r"(?:seconds|(?:minute|hour|day|night|week|month|year|decade)s?|centur(?:y|ies))"
_ONE_QUANT = rf"{_NUM}(?:[\s-]+(?:full|whole|long|more|entire|short))?[\s-]+{_UNIT}"
_QUANT = (
    rf"{_ONE_QUANT}(?:\s+and\s+a\s+half|\s+and\s+{_ONE_QUANT})?"
    rf"|(?:half\s+an?|a\s+half)\s+{_UNIT}"
)
_PLURAL_UNIT = r"(?:seconds|minutes|hours|days|weeks|months|years|decades|moments)"
_AFTER = r"later|after\s+that|afterwards?|on|from\s+(?:then|that\s+day)|down\s+the\s+(?:line|road)"
_BEFORE = r"ago|earlier|before|prior|in\s+the\s+past|previously|back"
_PART = (
    r"(?:morning|afternoon|evening|night|day|week|weekend|month|year"
    r"|summer|winter|spring|fall|autumn)"
)
_SEASON = r"(?:summer|winter|spring|fall|autumn)"
_MONTH = "|".join(m.capitalize() for m in MONTHS)

PATTERN = re.compile(
    "|".join(
        (
            rf"(?P<jump>\b(?:{_QUANT})\s+(?P<jdir>{_AFTER}|{_BEFORE})\b)",
            rf"(?P<vague>\b(?:{_PLURAL_UNIT})\s+(?P<vdir>later|earlier|ago|before)\b)",
            rf"(?P<next>\b(?:the\s+)?(?:next|following)\s+(?P<nunit>{_PART})\b"
            rf"|\bthe\s+(?P<aunit>{_PART})\s+after\b)",
            rf"(?P<later>\blater\s+that\s+(?P<lunit>{_PART})\b)",
            rf"(?P<relative>\b(?:that|this|last|the\s+previous|the\s+other|one|tomorrow|yesterday)"
            rf"\s+{_PART}\b|\b(?:yesterday|tomorrow|tonight|today)\b"
            rf"|\b(?:in\s+the\s+beginning|in\s+the\s+end|at\s+first)\b)",
            rf"(?P<duration>(?<!once\s)(?<!twice\s)(?<!times\s)(?<!every\s)(?<!per\s)"
            rf"\b(?:{_QUANT})\b)",
            r"(?P<clock>\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?(?!\w))?|\b\d{1,2}\s*[ap]\.?m\.?(?!\w))",
            rf"(?P<weekday>\b(?:{'|'.join(WEEKDAYS)})s?\b)",
            rf"(?P<date>\b(?:{_MONTH})\s+\d{{1,2}}"
            rf"(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"
            rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})"
            rf"(?:,?\s+\d{{4}})?\b"
            rf"|\b(?:in|of|since|by)\s+(?P<year>1[89]\d\d|20\d\d)\b)",
            rf"(?P<season>\b(?:that|this|last|next|every|come|by|in\s+the)\s+{_SEASON}\b)",
        )
    ),
    re.IGNORECASE,
)
# Every pattern above contains a digit or one of these words (lower case; capitalised and
# upper-case forms are searched too).
TRIGGER_WORDS = (
    "year",
    "month",
    "week",
    "day",
    "night",
    "hour",
    "minute",
    "second",
    "decade",
    "centur",
    "morning",
    "evening",
    "afternoon",
    "moment",
    "summer",
    "winter",
    "spring",
    "fall",
    "autumn",
    "beginning",
    "end",
    "first",
    "tomorrow",
    "today",
    "tonight",
    "yesterday",
    *WEEKDAYS,
    *MONTHS,
)
_DIGIT = re.compile(r"\d+")
DIRECTION_BEFORE = re.compile(rf"^(?:{_BEFORE})$", re.IGNORECASE)
_QUANT_PART = re.compile(
    rf"(?P<num>{_NUM}|half\s+an?|a\s+half)(?:[\s-]+(?:full|whole|long|more|entire|short))?[\s-]+"
    rf"(?P<unit>{_UNIT})",
    re.IGNORECASE,
)


@dataclass(slots=True)
class TimeExpression:
    start: int
    end: int
    kind: str
    value: dict[str, Any] = field(default_factory=dict)


def number_value(word: str) -> float | None:
    """``"7"`` -> 7.0, ``"three"`` -> 3.0, ``"a few"`` -> None (vague)."""
    word = " ".join(word.lower().split())
    if word.startswith(("half", "a half")):
        return 0.5
    try:
        return float(word)
    except ValueError:
        return NUMBER_WORDS.get(word)


def unit_name(unit: str) -> str:
    unit = unit.lower()
    if unit.startswith("centur"):
        return "century"
    return unit[:-1] if unit.endswith("s") else unit


def quantity(text: str) -> dict[str, Any]:
    """Amount and unit of a quantity phrase; sub-units are folded into the largest unit."""
    parts = [(number_value(m["num"]), unit_name(m["unit"])) for m in _QUANT_PART.finditer(text)]
    if not parts:
        return {}
    amount, unit = parts[0]
    for extra, extra_unit in parts[1:]:
        if amount is not None and extra is not None:
            amount += extra * UNIT_DAYS[extra_unit] / UNIT_DAYS[unit]
    if amount is not None and re.search(r"and\s+a\s+half", text, re.IGNORECASE):
        amount += 0.5
    return {"amount": round(amount, 3) if amount is not None else None, "unit": unit}


def _part_unit(word: str) -> dict[str, str]:
    """``morning`` -> day (part morning); ``summer`` -> year (part summer)."""
    word = word.lower()
    if word in ("summer", "winter", "spring", "fall", "autumn"):
        return {"unit": "year", "part": word}
    if word in ("morning", "afternoon", "evening", "night"):
        return {"unit": "day", "part": word}
    return {"unit": word}


def classify(match: re.Match[str]) -> tuple[str, dict[str, Any]]:
    text = match.group(0)
    group = match.lastgroup
    if group in ("jump", "jdir"):
        direction = "before" if DIRECTION_BEFORE.match(match["jdir"]) else "after"
        return "jump", {**quantity(text), "direction": direction}
    if group in ("vague", "vdir"):
        word = text.split()[0].lower()
        unit = "moment" if word == "moments" else unit_name(word)
        direction = "after" if match["vdir"].lower() == "later" else "before"
        return "jump", {"amount": None, "unit": unit, "direction": direction}
    if group in ("next", "nunit", "aunit"):
        unit = _part_unit(match["nunit"] or match["aunit"])
        return "jump", {"amount": 1.0, **unit, "direction": "after"}
    if group in ("later", "lunit"):
        return "jump", {"amount": None, **_part_unit(match["lunit"]), "direction": "after"}
    if group == "relative":
        return "relative", {"anchor": " ".join(text.lower().split())}
    if group == "duration":
        return "duration", quantity(text)
    if group == "clock":
        return "point", {"clock": text.strip()}
    if group == "weekday":
        return "point", {"weekday": text.lower().rstrip("s")}
    if group in ("date", "year"):
        year = match["year"]
        return "point", {"date": text.strip()} | ({"year": int(year)} if year else {})
    return "point", {"season": text.split()[-1].lower()}


def _windows(text: str, start: int, end: int, reach: int) -> list[tuple[int, int]]:
    """Stretches around the words every time expression contains, merged when they touch.

    Scanning the whole text with :data:`PATTERN` is slow in Python's regex engine; ``str.find``
    for a few keywords is fast, and the pattern then runs only near them.
    """
    hits: list[int] = [m.start() for m in _DIGIT.finditer(text, start, end)]
    for word in TRIGGER_WORDS:
        for form in (word, word.capitalize(), word.upper()):
            i = text.find(form, start, end)
            while i != -1:
                if i == 0 or not text[i - 1].isalpha():  # "end" in "friend" starts nothing
                    hits.append(i)
                i = text.find(form, i + 1, end)
    hits.sort()
    windows: list[tuple[int, int]] = []
    for hit in hits:
        lo, hi = max(start, hit - reach), min(end, hit + reach)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def find_time_expressions(
    text: str, start: int = 0, end: int | None = None, window: int = DEFAULT.timex_window
) -> Iterator[TimeExpression]:
    """Every time expression in ``text[start:end]``, left to right, never overlapping
    (``window``: characters searched on each side of a trigger word)."""
    end = len(text) if end is None else end
    last_end = start
    for lo, hi in _windows(text, start, end, window):
        for match in PATTERN.finditer(text, max(lo, last_end), hi):
            kind, value = classify(match)
            last_end = match.end()
            yield TimeExpression(match.start(), match.end(), kind, value)
