"""Where quoted speech is, from the quote marks themselves.

The ranker's in-quote features were learnt from these mark-based regions, so the stage uses
them even when a ``quotes`` layer exists (that layer supplies speakers and addressees).
"""

from __future__ import annotations

import re

from ficlens.document import Work

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_MARKS = re.compile(r"[\"“”]")


def quote_regions(work: Work) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` stretches of quoted speech."""
    return _disjoint(scan_quote_marks(work.text))


def scan_quote_marks(text: str) -> list[tuple[int, int]]:
    """Quote spans from double quote marks; an open quote closes at a paragraph break."""
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]
    regions: list[tuple[int, int]] = []
    open_at = -1
    next_break = 0
    for match in _MARKS.finditer(text):
        pos = match.start()
        while breaks[next_break] < pos:
            if open_at >= 0:
                regions.append((open_at, breaks[next_break]))
                open_at = -1
            next_break += 1
        mark = match.group()
        if open_at < 0 and mark != "”":
            open_at = pos
        elif open_at >= 0 and mark != "“":
            regions.append((open_at, pos + 1))
            open_at = -1
        elif mark == "“":  # a new opening mark while open: the previous quote was unclosed
            regions.append((open_at, pos))
            open_at = pos
    if open_at >= 0:
        regions.append((open_at, breaks[next_break] if next_break < len(breaks) else len(text)))
    return regions


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            continue
        out.append((start, end))
    return out
