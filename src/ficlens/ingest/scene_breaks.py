"""Scene breaks: marker lines (``***``, ``~~~``, ``xXx``, ``-o-o-``, ``<hr>``) and blank runs.

A marker line holds nothing but symbols (``::::`` too), or only the letters x/o and the
digit 0 used as ornaments (``xXx``, ``OoOoO``, ``-o-o-``, ``o0o0o``, ``O.o.O``, ``-0-0-``),
or the words a web page left when its rule was stripped (``<hr>``, ``Line Break``,
``~Break~``, ``-----scene break-----``).

A run of extra blank lines counts as a break only where the text otherwise uses fewer
blank lines and the next paragraph opens as narration, not dialogue. Measured on the
sample stories in ../shared/seeds: of the 12 runs of two or more blank lines, 5 sit inside
a conversation (the next paragraph is a quote: copy-paste accidents), 2 separate an
author's note from the story, and the other 5 open a new scene (3 of them a POV switch).
The caller applies this only to one-paragraph-per-line text: in hard-wrapped books wider
gaps surround letters, verse and title pages instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ficlens.ingest.segment_config import tunables

_QUOTES = "\"'“”‘’«»"
_SENTENCE_PUNCTUATION = set(".?!…,;:")
_LONE_MARKERS = frozenset("*#~§•+=/")  # "/" alone: a divider some authors type
_ORNAMENT_SEPARATORS = re.compile(r"[\s\-~=*_+#|:<>()\[\]{}.,]+")
_XO_LETTERS = re.compile(r"^[xXoO0]+$")
_TEXT_MARKERS = re.compile(
    r"^(?:<\s*hr\s*/?\s*>|[^\w\s]*\s*(?:line|page|scene|section|time)[ -]?break\s*[^\w\s]*"
    r"|[^\w\s]+\s*(?:break|change\s+of\s+scene|scene\s+change)\s*[^\w\s]+)$",
    re.IGNORECASE,
)
_LETTER_NOT_XO = re.compile(r"[^\W\d_xXoO]")
_OPENS_WITH_QUOTE = re.compile(r"^[\s*_~(]*[" + _QUOTES + r"]")


def marker_kind(line: str) -> str | None:
    """``symbols``, ``ornament`` or ``text`` when ``line`` is a scene-break marker, else None."""
    body = line.strip()
    if not body or len(body) > tunables().max_marker_length:
        return None
    if _TEXT_MARKERS.match(body):
        return "text"
    if _LETTER_NOT_XO.search(body):
        return None  # fast exit for ordinary prose lines
    if _symbols_only(body):
        return "symbols"
    return "ornament" if _xo_ornament(body) else None


def _xo_ornament(body: str) -> bool:
    """``xXx``, ``OoOoO``, ``-o-o-``, ``XXX``; not a word such as ``Ooo`` or ``OOO``."""
    letters = _ORNAMENT_SEPARATORS.sub("", body)
    inner = _ORNAMENT_SEPARATORS.sub("", body.strip("-~=*_+#|:<>()[]{}., \t"))
    if set(letters) == {"0"}:
        return len(letters) >= 3 and len(inner) < len(body.strip())  # "-0-0-0-", not "000"
    if len(body) < 3 or not letters or not _XO_LETTERS.match(letters) or letters.isdigit():
        return False
    only_x = set(letters.lower()) == {"x"}
    if only_x and any(ch.isspace() for ch in body):
        return False  # "x x x" closing a letter is kisses; "XXX" or "x-x-x" is a break
    pairs = zip(letters, letters[1:], strict=False)
    case_changes = sum(a.isupper() != b.isupper() for a, b in pairs)
    mixed_case = case_changes >= 2 or ("0" in letters and "o" in letters.lower())
    core = body.strip("-~=*_+#|:<>()[]{}., \t")
    separated = len(letters) >= 2 and len(letters) < len(core)  # "O.o.O", not "Ooo."
    return mixed_case or separated or only_x


def _symbols_only(body: str) -> bool:
    """No letter, digit or quote mark, and not mere sentence punctuation (``...``, ``?!``)."""
    marks = {ch for ch in body if not ch.isspace()}
    if any(ch.isalnum() or ch in _QUOTES for ch in marks):
        return False
    if len(body) == 1 and body not in _LONE_MARKERS:
        return False  # a stray ")" or "}" is debris, not a break
    if marks <= {":", ";"}:
        return len(body.replace(" ", "")) >= 3  # "::::" rules a line; ":" or ";" alone does not
    return not marks <= _SENTENCE_PUNCTUATION


def is_marker(line: str) -> bool:
    return marker_kind(line) is not None


@dataclass(slots=True)
class Gap:
    """The blank lines between two neighbouring paragraphs and what those paragraphs are."""

    blank_lines: int
    start: int  # just after the previous paragraph
    end: int  # at the next paragraph
    around_story_text: bool  # both neighbours are ordinary story paragraphs
    next_text: str


def usual_blank_lines(gaps: Sequence[Gap]) -> int:
    """The commonest number of blank lines between story paragraphs."""
    counts = Counter(g.blank_lines for g in gaps if g.around_story_text)
    return counts.most_common(1)[0][0] if counts else 1


def blank_run_breaks(gaps: Sequence[Gap]) -> list[tuple[Gap, float]]:
    """Gaps that act as scene breaks, each with a confidence."""
    usual = usual_blank_lines(gaps)
    wider = [g for g in gaps if g.around_story_text and g.blank_lines > usual]
    story_gaps = sum(1 for g in gaps if g.around_story_text)
    if usual == 0 and len(wider) > 0.1 * story_gaps:
        return []  # blank lines are ordinary paragraph separators here, not a signal
    breaks = []
    for gap in wider:
        if _OPENS_WITH_QUOTE.match(gap.next_text):
            continue
        confidence = 0.8 if gap.blank_lines >= usual + 2 else 0.6
        breaks.append((gap, confidence))
    return breaks
