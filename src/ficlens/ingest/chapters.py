"""Chapter headings in plain text: ``Chapter 1``, ``Chapter One: Title``, ``CHAPTER IV.``,
``Part 2``, ``BOOK THE FIRST``, ``Prologue``, and a bare roman numeral alone between blank
lines (``II``).

``Part`` / ``Book`` / ``Volume`` headings are chapters only in a text that has no
``Chapter`` headings; otherwise they are headings above the chapters. Bare numerals
(``II``, ``[III]``) are chapters only in a text with neither; otherwise they number the
sections inside a chapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ficlens.ingest.segment_config import tunables

_NUMBER_WORDS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
]
_ORDINALS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth",
]
_ROMAN = r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_NUMBER = (
    rf"(?:\d{{1,4}}|{_ROMAN}|{'|'.join(_NUMBER_WORDS)}|(?:the\s+)?(?:{'|'.join(_ORDINALS)}))"
)
_DECOR = r"[\s~*_=#\-|]*"
_SEPARATOR = r"\s*[:.\-–—)]"
_NUMBERED = re.compile(
    rf"^{_DECOR}(?P<word>chapter|chap\.|ch\.|part|book|volume|vol\.)\s*(?P<num>{_NUMBER})\b"
    rf"(?:{_SEPARATOR}\s*(?P<title>.*?)|\s+(?P<bare_title>[^.!?]*?))?{_DECOR}$",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"^(?P<title>(?:the\s+)?(?:prologue|epilogue|interlude|preface|afterword))"
    rf"(?:{_SEPARATOR}\s*(?P<rest>.*?))?{_DECOR}$",
    re.IGNORECASE,
)
_BARE = re.compile(rf"^{_DECOR}\[?(?P<num>{_ROMAN}|\d{{1,3}})\.?\]?{_DECOR}$")
_WORD_ALONE = re.compile(r"^(?P<word>chapter|part|book)$", re.IGNORECASE)  # number on next line
_SENTENCE_END = re.compile(r"[.!?\"”’']$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(slots=True)
class Heading:
    level: str  # "chapter", "part" (part / book / volume) or "bare" (a lone numeral)
    number: int | None
    title: str | None


def heading(line: str) -> Heading | None:
    """The chapter-like heading ``line`` is, or None."""
    body = line.strip()
    if not body or len(body) > tunables().max_heading_length:
        return None
    match = _NUMBERED.match(body)
    if match:
        word = match.group("word").lower()
        level = "chapter" if word.startswith("ch") else "part"
        title = (match.group("title") or "").strip() or None
        bare_title = (match.group("bare_title") or "").strip()
        if bare_title:
            if not bare_title[0].isupper():
                return None  # "Chapter one of my life ..." is a sentence
            title = bare_title
        if title and len(title) > tunables().max_title_length:
            return None
        return Heading(level, number_value(match.group("num")), title)
    match = _NAMED.match(body)
    if match:
        rest = (match.group("rest") or "").strip()
        return Heading("chapter", None, f"{match.group('title')}: {rest}" if rest else body)
    match = _BARE.match(body)
    if match:
        return Heading("bare", number_value(match.group("num")), None)
    match = _WORD_ALONE.match(body)
    if match:
        level = "chapter" if match.group("word").lower() == "chapter" else "part"
        return Heading(level, None, None)
    return None


def is_heading_line(line: str) -> bool:
    return heading(line) is not None


def number_value(token: str) -> int | None:
    token = token.strip().lower().removeprefix("the").strip()
    if token.isdigit():
        return int(token)
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS.index(token) + 1
    if token in _ORDINALS:
        return _ORDINALS.index(token) + 1
    return roman_value(token.upper())


def roman_value(numeral: str) -> int | None:
    if not numeral or any(ch not in _ROMAN_VALUES for ch in numeral):
        return None
    total = 0
    for current, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = _ROMAN_VALUES[current]
        total += -value if _ROMAN_VALUES.get(following, 0) > value else value
    return total


def looks_like_title(text: str) -> bool:
    """A short line under a heading that names the chapter (``Down the Rabbit-Hole``);
    a capitalised title may wrap over up to three lines."""
    body = text.strip()
    lines = body.splitlines()
    if not body or len(lines) > 3 or len(body) > 2 * tunables().max_title_length:
        return False
    if len(lines) > 1:
        return body.isupper()
    short = len(body) <= tunables().max_title_length
    return short and (not _SENTENCE_END.search(body) or body.isupper())


def chapter_levels(headings: list[Heading]) -> set[str]:
    """Which heading levels mark chapters in a text with these headings."""
    for level in ("chapter", "part"):
        if any(h.level == level for h in headings):
            return {level}
    return {"bare"}
