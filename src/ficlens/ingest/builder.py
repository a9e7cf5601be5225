"""Assemble a Work's text block by block while recording the spans each block covers.

Readers of marked-up formats (HTML, EPUB) do not have a text to keep untouched: they
build one. Blocks (heading lines, note paragraphs, story paragraphs) are joined by one
blank line, so the result reads like a plain-text story and every span is exact.
Italics and bold a block carries become spans of the ``emphasis`` layer (``kind`` em or
strong), the one place every marked-up reader writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ficlens.document import ChapterEntry, Metadata, Span, Work
from ficlens.ingest.emphasis import LAYER as EMPHASIS
from ficlens.ingest.html_blocks import Block

BLOCK_SEPARATOR = "\n\n"


@dataclass
class _OpenChapter:
    number: int
    title: str | None
    start: int


@dataclass
class WorkBuilder:
    metadata: Metadata = field(default_factory=Metadata)
    parts: list[str] = field(default_factory=list)
    length: int = 0
    layers: dict[str, list[Span]] = field(default_factory=dict)
    _chapter: _OpenChapter | None = None
    chapter_count: int = 0

    def add_block(self, text: str) -> tuple[int, int]:
        """Append one block (a paragraph or a line) and return its offsets."""
        if self.parts:
            self.parts.append(BLOCK_SEPARATOR)
            self.length += len(BLOCK_SEPARATOR)
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def add_blocks(self, blocks: Sequence[str | Block]) -> tuple[int, int] | None:
        """Append several blocks; their joint offsets, or None when there were none."""
        spans = [self.add_block(b) if isinstance(b, str) else self.add_paragraph(b)
                 for b in blocks]
        return (spans[0][0], spans[-1][1]) if spans else None

    def add_paragraph(self, block: Block) -> tuple[int, int]:
        """Append a block's text and mark its italics and bold in ``emphasis``."""
        start, end = self.add_block(block.text)
        for first, last, kind in block.emphasis:
            self.mark(EMPHASIS, start + first, start + last, kind=kind)
        return start, end

    def mark(self, layer: str, start: int, end: int, **attrs: Any) -> None:
        self.layers.setdefault(layer, []).append(Span(start, end, attrs))

    @property
    def in_chapter(self) -> bool:
        return self._chapter is not None

    @property
    def chapter_number(self) -> int | None:
        return self._chapter.number if self._chapter else None

    def start_chapter(
        self, title: str | None, heading: str | None = None, number: int | None = None
    ) -> int:
        """Close the open chapter, open the next one; ``heading`` is written as its first line."""
        self.end_chapter()
        self.chapter_count = number if number is not None else self.chapter_count + 1
        start = self.length + (len(BLOCK_SEPARATOR) if self.parts else 0)
        self._chapter = _OpenChapter(self.chapter_count, title, start)
        if heading:
            h_start, h_end = self.add_block(heading)
            self.mark("headings", h_start, h_end, level=2, chapter=self.chapter_count)
        return self.chapter_count

    def end_chapter(self) -> None:
        chapter, self._chapter = self._chapter, None
        if chapter is None:
            return
        start = min(chapter.start, self.length)
        self.mark("chapters", start, self.length, number=chapter.number, title=chapter.title)

    def add_note(self, kind: str, position: str, label: str | None,
                 body: Sequence[str | Block]) -> None:
        """A note the format marks up itself (AO3 summary / notes, FanFicFare head/foot notes)."""
        blocks = [*([label] if label else []), *body]
        span = self.add_blocks(blocks)
        if span:
            self.mark("markup_notes", *span, kind=kind, position=position,
                      chapter=self.chapter_number, label=label)

    def add_content(self, blocks: list[Block]) -> tuple[int, int] | None:
        """Story paragraphs; an ``<hr>`` becomes a ``* * *`` line marked in ``markup_breaks``."""
        first = last = None
        for block in blocks:
            start, end = self.add_paragraph(block)
            if block.is_break:
                self.mark("markup_breaks", start, end, source="hr")
            first = start if first is None else first
            last = end
        return (first, last) if first is not None else None

    def has_story_text(self) -> bool:
        return any(p.strip() for p in self.parts)

    def build(self) -> Work:
        """The Work; a source that lists no chapters gets the chapters its text has."""
        self.end_chapter()
        if not self.metadata.chapters:
            self.metadata.chapters = [ChapterEntry(s.attrs["number"], s.attrs.get("title"))
                                      for s in self.layers.get("chapters", [])]
        work = Work(text="".join(self.parts), metadata=self.metadata)
        for name, spans in self.layers.items():
            work.add_layer(name, spans)
        return work
