"""Cutting a text into paragraph blocks, for fan-fiction and hard-wrapped layouts alike.

Two layouts are common:

* **one paragraph per line** (fan fiction pasted from a web page), blank lines between
  paragraphs optional;
* **hard-wrapped** (Project Gutenberg style): lines wrapped near 70 characters, paragraphs
  separated by blank lines.

The layout is decided once per text from its line lengths. Lines that are special on their
own (scene-break markers, POV labels, chapter headings: the caller says which through
``is_standalone``) always form a block of their own, even inside a wrapped paragraph.
Each block knows how many blank lines precede it, which scene-break detection needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ficlens.ingest.segment_config import tunables

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_SENTENCE_FINAL = frozenset(".!?\"”’'…")


@dataclass(slots=True)
class Line:
    start: int  # offset of the first non-space character
    end: int  # offset just after the last non-space character
    blank: bool


@dataclass(slots=True)
class Block:
    """A candidate paragraph: ``text[start:end]`` trimmed, with its blank-line gap before."""

    start: int
    end: int
    blank_lines_before: int
    line_count: int = 1


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        raw = match.group()
        body = raw.strip()
        if not body:
            lines.append(Line(match.start(), match.start(), True))
            continue
        lead = len(raw) - len(raw.lstrip())
        start = match.start() + lead
        lines.append(Line(start, start + len(body), False))
    return lines


def is_hard_wrapped(text: str, lines: list[Line]) -> bool:
    """True when paragraphs span several short lines (Gutenberg), not one line each."""
    filled = [ln for ln in lines if not ln.blank]
    if len(filled) < 3:
        return False
    long_share = sum(1 for ln in filled if ln.end - ln.start > tunables().long_line) / len(filled)
    if long_share > 0.02:
        return False
    inner = [
        text[cur.start : cur.end]
        for cur, nxt in zip(lines, lines[1:], strict=False)
        if not cur.blank and not nxt.blank
    ]
    if len(inner) < max(2, len(filled) // 4):
        return False
    lengths = sorted(len(line) for line in inner)
    # a wrapped line usually stops mid-sentence; a one-paragraph line ends one
    sentence_ends = sum(1 for line in inner if line[-1] in _SENTENCE_FINAL) / len(inner)
    return lengths[len(lengths) // 2] >= tunables().wrapped_min_median and sentence_ends < 0.5


def split_blocks(
    text: str, is_standalone: Callable[[str], bool]
) -> tuple[list[Block], bool]:
    """Paragraph blocks of ``text`` in order (none for whitespace-only text), and whether
    the text is hard-wrapped."""
    lines = split_lines(text)
    wrapped = is_hard_wrapped(text, lines)
    blocks: list[Block] = []
    blanks = 0
    current: Block | None = None
    for line in lines:
        if line.blank:
            blanks += 1
            current = None
            continue
        standalone = is_standalone(text[line.start : line.end])
        if current is not None and wrapped and not standalone:
            current.end = line.end
            current.line_count += 1
        else:
            current = Block(line.start, line.end, blanks)
            blocks.append(current)
            if standalone or not wrapped:
                current = None
        blanks = 0
    return blocks, wrapped
