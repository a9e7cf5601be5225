"""Where the narration is: quotation spans, notes and paragraphs, as indexed views.

A region set is a :class:`~ficlens.document.LayerView` over merged ``(start, end)`` pairs,
so ``view.covers(offset)`` answers "is this offset inside one?" by bisection.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ficlens.document import LayerView, Span, Work
from ficlens.text.quotemarks import quoted_regions

_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def merged(pairs: Iterable[tuple[int, int]]) -> LayerView:
    """Sorted, merged ``(start, end)`` intervals as a view."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(pairs):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return LayerView(out)


def covered(regions: LayerView, start: int, end: int) -> int:
    """How many characters of ``start:end`` the merged ``regions`` cover."""
    total = 0
    for i in range(max(regions.index_at(start), 0), regions.first_from(end)):
        total += max(0, min(end, regions.ends[i]) - max(start, regions.starts[i]))
    return total


def quote_intervals(work: Work) -> LayerView:
    """Dialogue: the pieces of each speech quote in the ``quotes`` layer when present, else
    the quote-mark scanner's quoted stretches. A split quote spans its tag too ("Peyton,
    that's great!" He was excited for her. "Take it."): the narration between its pieces is
    narration."""
    if "quotes" in work.layers:
        return merged(
            (start, end)
            for q in work.layer("quotes")
            if q.get("speech", True) is not False
            for start, end in quote_parts(q)
        )
    return merged(quoted_regions(work.text))


def quote_parts(quote: Span) -> list[tuple[int, int]]:
    """The ``parts`` of a quote span, or the whole span when it has none."""
    parts = quote.get("parts") or [[quote.start, quote.end]]
    return [(int(start), int(end)) for start, end in parts]


def note_intervals(work: Work) -> LayerView:
    """Author's notes, disclaimers and headings: text that belongs to no scene."""
    layers = ("notes", "headings") if "notes" in work.layers else ("markup_notes", "headings")
    return merged((s.start, s.end) for name in layers for s in work.layer(name))


def paragraphs(work: Work) -> list[Span]:
    """The ``paragraphs`` layer, or runs of non-empty lines when segmentation has not run."""
    if "paragraphs" in work.layers:
        return work.layer("paragraphs")
    return [Span(m.start(), m.end()) for m in _PARAGRAPH.finditer(work.text)]


def word_count(text: str) -> int:
    return len(text.split())
