"""The one quote-mark scanner: which marks open and close quoted stretches, per paragraph.

It knows straight and curly double marks, « » and „, and single-quote dialogue (telling
quote marks from apostrophes: "don't", "'em", "the boys' room"). A *piece* is one stretch
from an opening mark to its closing mark, marks included: ``(start, end, closed)``. An
opening mark never closed ends at its paragraph's end, so a stray mark cannot swallow the
rest of a book. Grouping pieces into quotations (speech tags, multi-paragraph speeches) is
the quotes stage's business (``quotes/detect.py``); the other stages only need
:func:`quoted_regions`, the quoted stretches of a text.

Public names: ``DOUBLE_MARKS``, ``SINGLE_MARKS``, ``Piece``, :func:`document_style`,
:func:`opening_marks_paired`, :func:`pair_double`, :func:`pair_single`, :func:`paragraph_pieces`,
:func:`blank_line_paragraphs`, :func:`quoted_regions`.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "DOUBLE_MARKS",
    "SINGLE_MARKS",
    "Piece",
    "blank_line_paragraphs",
    "document_style",
    "opening_marks_paired",
    "pair_double",
    "pair_single",
    "paragraph_pieces",
    "quoted_regions",
]

DOUBLE_MARKS = '"“”«»„'
SINGLE_MARKS = "'‘’"
Piece = tuple[int, int, bool]  # (start, end, closed), marks included
_OPENERS = "([{—–-/\u2014"
# Words an apostrophe shortens at their start ('em, 'tis): the mark is not an opening quote.
_ELISIONS = frozenset(
    "em tis twas twere til till cause bout round n s ere neath gainst nother un im".split()
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# the marks' positions, found by the regex engine rather than a Python loop per character
_DOUBLE_MARK = re.compile(f"[{re.escape(DOUBLE_MARKS)}]")
_SINGLE_MARK = re.compile(f"[{re.escape(SINGLE_MARKS)}]")
# a single mark opening a capitalised word at the text's start or after a space; the mark
# comes first in the pattern so the regex engine can skip ahead to the next mark
_SINGLE_OPENING = re.compile(r"[‘'](?<!\S[‘'])(?=[A-Z])")


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _orientation(text: str, i: int, start: int, end: int) -> str:
    """'open', 'close' or 'either' for the mark at ``text[i]``, from its surroundings."""
    left = text[i - 1] if i > start else ""
    right = text[i + 1] if i + 1 < end else ""
    left_free = _is_space(left) or left in _OPENERS
    right_free = _is_space(right) or right in ".,;:!?)]}—–"
    if left_free and not _is_space(right):
        return "open"
    if right_free and not _is_space(left):
        return "close"
    mark = text[i]
    if mark in "“‘«„":
        return "open"
    if mark in "”’»":
        return "close"
    return "either"


def _single_role(text: str, i: int, start: int, end: int) -> str:
    """For a single-quote glyph: 'open', 'close', 'possessive' (maybe closing) or 'apostrophe'."""
    left = text[i - 1] if i > start else ""
    right = text[i + 1] if i + 1 < end else ""
    if left.isalnum() and right.isalnum():
        return "apostrophe"  # don't, O'Brien
    orient = _orientation(text, i, start, end)
    if orient == "open":
        word = re.match(r"[A-Za-z]+", text[i + 1 : min(end, i + 12)])
        if word and word.group(0).lower() in _ELISIONS and text[i] != "‘":
            return "apostrophe"  # 'em, 'tis, 'cause
        return "open"
    if orient == "close":
        if left in "sS" and re.match(r"\s+[a-z]", text[i + 1 : i + 4]):
            return "possessive"  # the boys' room ... (closing only if nothing better)
        return "close"
    return "apostrophe" if text[i] == "’" else "either"


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def pair_double(text: str, start: int, end: int) -> list[Piece]:
    """Pieces from the double marks of the paragraph ``text[start:end]``."""
    pieces: list[Piece] = []
    open_at: int | None = None
    for mark in _DOUBLE_MARK.finditer(text, start, end):
        i = mark.start()
        orient = _orientation(text, i, start, end)
        if open_at is None:
            if orient != "close":
                open_at = i
            continue
        if orient == "open" and i > open_at + 1:
            # An unclosed piece followed by a new opening: recover by closing the old one
            # at the end of its text so the new one starts cleanly.
            pieces.append((open_at, _trim_end(text, open_at, i), False))
            open_at = i
            continue
        pieces.append((open_at, i + 1, True))
        open_at = None
    if open_at is not None:
        pieces.append((open_at, end, False))
    return pieces


def pair_single(text: str, start: int, end: int) -> list[Piece]:
    """Pieces from the single marks of a paragraph, telling apostrophes from quote marks."""
    roles = [
        (i, _single_role(text, i, start, end))
        for i in map(re.Match.start, _SINGLE_MARK.finditer(text, start, end))
    ]
    roles = [(i, r) for i, r in roles if r != "apostrophe"]
    pieces: list[Piece] = []
    open_at: int | None = None
    for k, (i, role) in enumerate(roles):
        if open_at is None:
            if role in ("open", "either"):
                open_at = i
            continue
        if role == "open":
            continue  # a nested or elided mark; singles rarely recover well by reopening
        if role == "possessive" and any(r in ("close", "either") for _, r in roles[k + 1 :]):
            continue
        pieces.append((open_at, i + 1, True))
        open_at = None
    if open_at is not None:
        pieces.append((open_at, end, False))
    return pieces


def document_style(text: str) -> str:
    """'double' or 'single': which marks this text uses for dialogue."""
    doubles = sum(text.count(m) for m in DOUBLE_MARKS)
    single_opens = len(_SINGLE_OPENING.findall(text))
    return "single" if single_opens > max(doubles, 4) else "double"


def opening_marks_paired(body: str) -> bool:
    """'“ Who is there? “': the paragraph's curly quotations open and close with “ alone, in
    pairs (a writer's straight marks with spaces inside, turned by an editor into opening
    marks), so none is left open."""
    count = body.count("“")
    return count >= 2 and count % 2 == 0 and "”" not in body


def paragraph_pieces(text: str, start: int, end: int, style: str) -> list[Piece]:
    """The pieces of one paragraph in a text of ``style`` ('double' or 'single'); in a
    double-quoted text, a paragraph without double marks that opens with a single mark is
    read with single marks. Pieces of one character (a lone mark) are dropped."""
    if style == "single":
        pieces = pair_single(text, start, end)
    else:
        pieces = pair_double(text, start, end)
        if not pieces and start < end and text[start] in "'‘":
            pieces = pair_single(text, start, end)
    return [p for p in pieces if p[1] - p[0] > 1]


def blank_line_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs as the stretches between blank lines, for callers without a
    ``paragraphs`` layer."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _BLANK_LINE.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def quoted_regions(
    text: str, paragraphs: list[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` quoted stretches (marks included), one per
    piece, never crossing a paragraph (blank-line paragraphs when none are given)."""
    if paragraphs is None:  # asked by several stages of one run: scanned once per text
        return list(_blank_line_regions(text))
    return _regions(text, sorted(paragraphs))


@lru_cache(maxsize=2)
def _blank_line_regions(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_regions(text, blank_line_paragraphs(text)))


def _regions(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    style = document_style(text)
    regions: list[tuple[int, int]] = []
    for start, end in bounds:
        for piece_start, piece_end, _closed in paragraph_pieces(text, start, end, style):
            if not regions or piece_start >= regions[-1][1]:
                regions.append((piece_start, piece_end))
    return regions
