"""The paragraphs quote detection works in: the ``paragraphs`` layer, or a fallback split."""

from __future__ import annotations

import re

from ficlens.document import Work
from ficlens.quotes.config import tunables

NOT_STORY = frozenset({"note", "heading", "scene_break", "pov_label"})
_BLANK_LINE_BLOCK = re.compile(r"[^\n]+(?:\n[ \t]*[^\s][^\n]*)*")
_LINE = re.compile(r"[^\n]*\S[^\n]*")
# Hard-wrapped texts (Gutenberg) separate paragraphs by blank lines; most fan fiction puts
# one paragraph per line. Below this many characters per blank line, blank lines are the
# paragraph separators.


def paragraph_bounds(work: Work) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, in text order, trimmed of surrounding whitespace."""
    layer = work.layer("paragraphs")
    if layer:
        # Author's notes, headings and markers hold no story dialogue.
        return [(p.start, p.end) for p in layer if p.get("kind", "text") not in NOT_STORY]
    text = work.text
    blank_lines = text.count("\n\n")
    wrapped = blank_lines * tunables().chars_per_blank_line >= len(text)
    pattern = _BLANK_LINE_BLOCK if wrapped else _LINE
    bounds = []
    for match in pattern.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            bounds.append((start, end))
    return bounds
