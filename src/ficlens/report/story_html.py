"""The story text as HTML: one pass over the text in offset order, every character escaped.

Blocks are the ``paragraphs`` layer (or runs of non-empty lines when segmentation has not
run). Author's notes become asides, scene breaks dividers, headings headings; each scene's
point of view is set in the margin where the scene begins; every quotation becomes a span
coloured by its speaker, with its attribution in data attributes for the tooltip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape

from ficlens.document import LayerView, Span, Work
from ficlens.report.facts import Facts, is_speech, scene_pov

_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")
# Blocks are grouped in chunks the browser may skip laying out until they scroll into view
# (CSS content-visibility), which keeps a 200k-word novel quick to open.
CHUNK_BLOCKS = 40
LAZY_FROM_BLOCKS = 400
WRAP_SAMPLE, WRAP_MIN, WRAP_MAX = 400, 50, 90
LINE_CHARS, LINE_PX, BLOCK_GAP_PX = 70, 30, 17  # at the 1.08rem/1.72 serif body
NOTE_LABELS = {
    "author_note": "Author's note",
    "disclaimer": "Disclaimer",
    "framing": "Framing note",
    "summary": "Summary",
}


def blocks(work: Work) -> list[tuple[int, int]]:
    """Paragraph spans plus any non-blank text between them, in order."""
    paragraphs = [(p.start, p.end) for p in work.layer("paragraphs")]
    if not paragraphs:
        return [(m.start(), m.end()) for m in _BLOCK.finditer(work.text)]
    out: list[tuple[int, int]] = []
    cursor = 0
    for start, end in paragraphs:
        if start < cursor:
            continue
        out.extend(gap_blocks(work.text, cursor, start))
        out.append((start, end))
        cursor = end
    out.extend(gap_blocks(work.text, cursor, len(work.text)))
    return out


def hard_wrapped(work: Work, all_blocks: list[tuple[int, int]]) -> bool:
    """Whether line breaks inside paragraphs are a typesetter's (Gutenberg-style wrapping at
    ~70 columns) rather than the author's: then the page reflows them as spaces."""
    inner_lines = []
    for start, end in all_blocks[:WRAP_SAMPLE]:
        lines = work.text[start:end].split("\n")
        inner_lines.extend(len(line) for line in lines[:-1])
    if len(inner_lines) < 10:
        return False
    typeset = sum(1 for n in inner_lines if WRAP_MIN <= n <= WRAP_MAX)
    return typeset / len(inner_lines) > 0.7


def gap_blocks(full: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for match in _BLOCK.finditer(full, start, end):
        if match.group().strip():
            yield match.start(), match.end()


class Segments:
    """Quote segments (a quote split by a tag has several) in offset order."""

    def __init__(self, work: Work, facts: Facts) -> None:
        items: list[tuple[int, int, str]] = []
        for quote in work.layer("quotes"):
            opening = quote_tag(quote, facts)
            for start, end in quote_parts(quote):
                items.append((start, end, opening))
        items.sort(key=lambda item: (item[0], -item[1]))
        self.items = items
        self.next = 0

    def within(self, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        """Segments overlapping start:end, clipped to it; consumes those ending inside."""
        while self.next < len(self.items) and self.items[self.next][1] <= start:
            self.next += 1
        index = self.next
        while index < len(self.items) and self.items[index][0] < end:
            s, e, opening = self.items[index]
            if e > start:
                yield max(s, start), min(e, end), opening
            index += 1


def quote_parts(quote: Span) -> list[tuple[int, int]]:
    parts = quote.get("parts")
    good = []
    if isinstance(parts, list):
        for part in parts:
            if isinstance(part, dict):
                part = (part.get("start"), part.get("end"))
            if (
                isinstance(part, list | tuple)
                and len(part) == 2
                and all(isinstance(x, int) for x in part)
                and quote.start <= part[0] < part[1] <= quote.end
            ):
                good.append((part[0], part[1]))
    return good or [(quote.start, quote.end)]


def quote_tag(quote: Span, facts: Facts) -> str:
    if not is_speech(quote):
        return '<span class="q ns" data-t="not speech">'
    speaker = quote.get("speaker")
    addressee = quote.get("addressee")
    rank = facts.rank.get(str(speaker)) if speaker is not None else None
    colour_class = f"k{rank}" if rank is not None else "ku"
    attrs = [f'class="q {colour_class}"']
    if speaker is not None:
        attrs.append(f'data-s="{escape(str(speaker))}"')
    if addressee is not None:
        attrs.append(f'data-a="{escape(str(addressee))}"')
    if quote.get("type"):
        attrs.append(f'data-t="{escape(str(quote["type"]))}"')
    confidence = quote.get("confidence")
    if isinstance(confidence, int | float):
        attrs.append(f'data-c="{float(confidence):.2f}"')
    return "<span " + " ".join(attrs) + ">"


def inline(work: Work, start: int, end: int, segments: Segments) -> str:
    """Block text with its quotation segments wrapped."""
    out = []
    cursor = start
    for s, e, opening in segments.within(start, end):
        if s < cursor:
            s = cursor
        if s >= e:
            continue
        out.append(escape(work.text[cursor:s], quote=False))
        out.append(opening + escape(work.text[s:e], quote=False) + "</span>")
        cursor = e
    out.append(escape(work.text[cursor:end], quote=False))
    return "".join(out)


def covers(view: LayerView, start: int, end: int) -> Span | None:
    """The span of ``view`` (non-overlapping spans) that covers the middle of start:end."""
    return view.at((start + end) // 2)


def render(work: Work, facts: Facts) -> str:
    """The ``<article>`` element holding the story."""
    all_blocks = blocks(work)
    wrapped = " wrapped" if hard_wrapped(work, all_blocks) else ""
    return f'<article class="story{wrapped}">{body(work, facts, all_blocks)}</article>'


def body(work: Work, facts: Facts, all_blocks: list[tuple[int, int]]) -> str:
    """The story's blocks, in chunks, with notes, breaks, headings and POV marks."""
    return StoryWriter(work, facts, all_blocks).write()


class StoryWriter:
    """Walks the blocks once in offset order, with a cursor into each marker layer."""

    def __init__(self, work: Work, facts: Facts, all_blocks: list[tuple[int, int]]) -> None:
        self.work, self.facts, self.blocks = work, facts, all_blocks
        self.segments = Segments(work, facts)
        self.notes = work.view("notes")
        self.headings = work.view("headings")
        self.labels = work.view("pov_labels")
        self.breaks = work.layer("scene_breaks")
        self.chapters = work.layer("chapters") if len(work.layer("chapters")) > 1 else []
        self.scenes = work.layer("scenes")
        self.lazy = len(all_blocks) > LAZY_FROM_BLOCKS
        self.next_break = self.next_chapter = self.next_scene = 0
        self.open_note: Span | None = None
        self.out: list[str] = []

    def write(self) -> str:
        self.out.append(chunk_open(self.work, self.blocks, 0, self.lazy))
        for number, (start, end) in enumerate(self.blocks):
            note = covers(self.notes, start, end)
            if self.open_note is not None and note is not self.open_note:
                self.out.append("</aside>")
                self.open_note = None
            if number and number % CHUNK_BLOCKS == 0 and self.open_note is None:
                self.out.append("</div>" + chunk_open(self.work, self.blocks, number, self.lazy))
            is_heading = self.markers_before(start, end)
            if self.is_break(start, end):
                continue
            if note is not None and self.open_note is None:
                kind = NOTE_LABELS.get(str(note.get("kind")), "Note")
                self.out.append(f'<aside class="note"><div class="note-label">{kind}</div>')
                self.open_note = note
            self.out.append(self.block(start, end, is_heading))
        if self.open_note is not None:
            self.out.append("</aside>")
        self.out.extend(divider(self.work, b) for b in self.breaks[self.next_break :])
        self.out.append("</div>")
        return "\n".join(self.out)

    def is_break(self, start: int, end: int) -> bool:
        """Whether this block is the next scene break (then written as a divider)."""
        if self.next_break < len(self.breaks) and self.breaks[self.next_break].overlaps(start, end):
            self.out.append(divider(self.work, self.breaks[self.next_break]))
            self.next_break += 1
            return True
        return False

    def markers_before(self, start: int, end: int) -> bool:
        """Emit chapter marks, earlier scene breaks and POV marks due before this block;
        return whether the block is itself a heading."""
        is_heading = covers(self.headings, start, end) is not None
        chapters = self.chapters
        while self.next_chapter < len(chapters) and chapters[self.next_chapter].start < end:
            chapter = chapters[self.next_chapter]
            is_heading = is_heading or names_chapter(self.work.text[start:end], chapter)
            if not is_heading:  # a heading block names the chapter already
                self.out.append(chapter_heading(chapter))
            self.next_chapter += 1
        while self.next_break < len(self.breaks) and self.breaks[self.next_break].end <= start:
            self.out.append(divider(self.work, self.breaks[self.next_break]))
            self.next_break += 1
        while self.next_scene < len(self.scenes) and self.scenes[self.next_scene].start < end:
            self.out.append(pov_mark(self.scenes[self.next_scene], self.facts))
            self.next_scene += 1
        return is_heading

    def block(self, start: int, end: int, is_heading: bool) -> str:
        content = inline(self.work, start, end, self.segments)
        if is_heading:
            return f'<h3 class="heading">{content}</h3>'
        if covers(self.labels, start, end):
            return f'<p class="pov-label">{content}</p>'
        return f"<p>{content}</p>"


def chunk_open(work: Work, all_blocks: list[tuple[int, int]], first: int, lazy: bool) -> str:
    """A chunk of blocks; in a long story it carries an estimate of its rendered height so
    the browser can skip it until it is scrolled to and still size the scrollbar right."""
    if not lazy:
        return '<div class="chunk">'
    chunk = all_blocks[first : first + CHUNK_BLOCKS]
    lines = sum(1 + (end - start) // LINE_CHARS for start, end in chunk)
    height = lines * LINE_PX + len(chunk) * BLOCK_GAP_PX
    return f'<div class="chunk lazy" style="contain-intrinsic-size:auto {height}px">'


def names_chapter(block: str, chapter: Span) -> bool:
    heading = chapter.get("heading")
    return isinstance(heading, str) and bool(heading.strip()) and (
        " ".join(block.split()).startswith(" ".join(heading.split())))


def chapter_heading(chapter: Span) -> str:
    number = chapter.get("number")
    title = chapter.get("title")
    label = f"Chapter {number}" if number is not None else "Chapter"
    if title:
        label += " · " + str(title)
    return f'<div class="chapter-mark">{escape(label, quote=False)}</div>'


def divider(work: Work, scene_break: Span) -> str:
    marker = " ".join(work.text[scene_break.start : scene_break.end].split())
    label = escape(marker, quote=False) if marker else "⁂"
    return (f'<div class="scene-break" role="separator" aria-label="scene break">'
            f"<span>{label}</span></div>")


def pov_mark(scene: Span, facts: Facts) -> str:
    focal = scene.get("focal")
    colour = facts.colour(focal) if focal is not None else "var(--muted)"
    number = scene.get("number")
    title = f"Scene {number}" if number is not None else "Scene"
    pov = escape(scene_pov(scene, facts), quote=False)
    return (
        f'<div class="pov" style="--c:{colour}"><span class="pov-n">{title}</span>'
        f'<span class="pov-who">{pov}</span></div>'
    )
