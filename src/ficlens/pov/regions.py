"""Where the narration is: quotation spans, notes and paragraphs, with fast offset lookups."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from ficlens.document import Span, Work

# Used only when the quotes stage has not run: straight or curly double quotes within a
# paragraph (hard-wrapped lines allowed); an unclosed quote runs to the end of its paragraph.
_QUOTE = re.compile(r"[\"“](?:[^\"“”\n]|\n(?![ \t]*\n))*(?:[\"”]|(?=\n[ \t]*\n)|\Z)")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


class Intervals:
    """Sorted, merged ``(start, end)`` intervals answering "is this offset inside one?"."""

    def __init__(self, pairs: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(pairs):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]

    def covered(self, start: int, end: int) -> int:
        """How many characters of ``start:end`` the intervals cover."""
        total = 0
        i = max(bisect_right(self.starts, start) - 1, 0)
        while i < len(self.starts) and self.starts[i] < end:
            total += max(0, min(end, self.ends[i]) - max(start, self.starts[i]))
            i += 1
        return total


def quote_intervals(work: Work) -> Intervals:
    """Dialogue: the pieces of each speech quote in the ``quotes`` layer when present, else
    a plain quote-mark scan. A split quote spans its tag too ("Peyton, that's great!" He was
    excited for her. "Take it."): the narration between its pieces is narration."""
    if "quotes" in work.layers:
        return Intervals(
            (start, end)
            for q in work.layer("quotes")
            if q.get("speech", True) is not False
            for start, end in quote_parts(q)
        )
    return Intervals((m.start(), m.end()) for m in _QUOTE.finditer(work.text))


def quote_parts(quote: Span) -> list[tuple[int, int]]:
    """The ``parts`` of a quote span, or the whole span when it has none."""
    parts = quote.get("parts") or [[quote.start, quote.end]]
    return [(int(start), int(end)) for start, end in parts]


def note_intervals(work: Work) -> Intervals:
    """Author's notes, disclaimers and headings: text that belongs to no scene."""
    layers = ("notes", "headings") if "notes" in work.layers else ("markup_notes", "headings")
    return Intervals((s.start, s.end) for name in layers for s in work.layer(name))


def paragraphs(work: Work) -> list[Span]:
    """The ``paragraphs`` layer, or runs of non-empty lines when segmentation has not run."""
    if "paragraphs" in work.layers:
        return work.layer("paragraphs")
    return [Span(m.start(), m.end()) for m in _PARAGRAPH.finditer(work.text)]


def word_count(text: str) -> int:
    return len(text.split())
