"""The ``emphasis`` layer: where the source set words in italics or bold.

Every reader that sees emphasis writes this layer, the same way: one span per outermost
italic or bold stretch (``*so **very** tired*`` is one span), as str offsets into the
work's text, attr ``kind`` ``em`` (HTML ``em`` / ``i``, Markdown ``*x*`` / ``_x_``) or
``strong`` (``strong`` / ``b``, ``**x**``). The markers themselves are not in the text.
Spans never overlap, hold no whitespace at their edges and never run over a paragraph
break (italics over several paragraphs become one span per paragraph). Plain-text
stories have no such layer: their asterisks stay in the text.

The check stage reads it: a thought in italics keeps its own tense, a line closing inside
italics is a sign or a title. PDF and MOBI: MOBI is unpacked to HTML / EPUB and gets it
from those readers; the PDF reader writes ``em`` spans for text in an italic font, not bold
(see :mod:`.pdf_reader`).
"""

from __future__ import annotations

from collections.abc import Iterable

LAYER = "emphasis"
# HTML element -> kind
HTML_KINDS = {"em": "em", "i": "em", "strong": "strong", "b": "strong"}

Emphasis = tuple[int, int, str]  # start, end, kind


def outermost(spans: Iterable[Emphasis]) -> list[Emphasis]:
    """The spans without those nested in another; overlapping ones are joined, the
    first one's kind kept."""
    kept: list[Emphasis] = []
    for start, end, kind in sorted(spans, key=lambda span: (span[0], -span[1])):
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(kept[-1][1], end), kept[-1][2])
        else:
            kept.append((start, end, kind))
    return kept


def trimmed(text: str, spans: Iterable[Emphasis], start: int = 0,
            end: int | None = None) -> tuple[Emphasis, ...]:
    """The spans cut to ``text[start:end]`` and moved to offsets in that piece, whitespace
    at their edges left out, empty ones dropped."""
    end = len(text) if end is None else end
    found = []
    for first, last, kind in spans:
        first, last = max(first, start), min(last, end)
        while first < last and text[first].isspace():
            first += 1
        while last > first and text[last - 1].isspace():
            last -= 1
        if last > first:
            found.append((first - start, last - start, kind))
    return tuple(found)
