"""Markdown files without front matter (an author's archive chapter, a novel in one file).

The file is read as a plain-text story would be, line for line, with its markup characters
taken out: backslash escapes (``couldn\\'t``), emphasis markers (``*word*``, ``**bold**``,
``_x_``), code ticks, the ``#`` of headings, the ``>`` of block quotes, link targets. Every
other character stays where it was, blank lines and indentation included, so the segment
stage finds chapters ("Chapter 3"), scene-break lines and paragraphs as it does in text.

Which characters are markup is decided by markdown-it-py (CommonMark), with the constructs
that misread prose switched off: indented code blocks (a story indented by a tab or four
spaces is prose), fenced code, raw HTML (``<3``, ``<sigh>``), setext headings (a line over
``---`` is a paragraph above a scene break), lists (``1.`` and ``-`` stay as written),
link reference definitions and entities. A paragraph's plain text is matched back to its
source characters; what is not matched and is not whitespace is markup. A line the text
reader takes for a scene-break marker (``*~*~*``) stays as written, and a paragraph whose
plain text cannot be matched stays as written too.

Emphasis is kept as the ``emphasis`` layer (:mod:`.emphasis`: the outermost ``em`` /
``strong`` spans, attr ``kind``), since a stretch in italics is often a thought, a sign or a
text message.

Headings that name a chapter are left to the segment stage; other headings are marked as
the front-matter reader marks them: chapters when their sections are chapter-long, else a
title line above the story or a scene break inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING

from ficlens.document import Metadata, Span, Work
from ficlens.errors import InputError
from ficlens.ingest import chapters as chapter_headings
from ficlens.ingest import scene_breaks
from ficlens.ingest.emphasis import LAYER as EMPHASIS
from ficlens.ingest.emphasis import outermost

if TYPE_CHECKING:
    from markdown_it.token import Token

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
# CommonMark constructs that turn ordinary prose into something else (see the docstring).
_PROSE_TRAPS = ["code", "fence", "html_block", "lheading", "list", "reference",
                "html_inline", "entity", "linkify", "table", "strikethrough"]
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_HEADING_MARKS = re.compile(r"^[ \t]*#{1,6}(?:[ \t]+|$)")
_CLOSING_HASHES = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
_EMPHASIS = frozenset("*_")
_TEXT = frozenset({"text", "code_inline"})
_PIECES = {"softbreak": "\n", "hardbreak": "\n"}
_QUOTE_MARKS = re.compile(r"(?:[ \t]{0,3}>[ \t]?)+")


@dataclass(slots=True)
class _Heading:
    start: int  # source offsets of the heading line's text (marks excluded)
    end: int
    text: str
    level: int


@dataclass
class _Reading:
    """The source, which of its characters are markup, and what the reader found."""

    source: str
    line_starts: list[int]
    removed: list[bool]
    headings: list[_Heading] = field(default_factory=list)
    rules: list[tuple[int, int]] = field(default_factory=list)
    emphasis: list[tuple[int, int, str]] = field(default_factory=list)

    def line_span(self, first: int, last: int) -> tuple[int, int]:
        """Source offsets of lines ``first`` to ``last`` (exclusive, counted from 0)."""
        starts = self.line_starts
        return starts[min(first, len(starts) - 1)], starts[min(last, len(starts) - 1)]

    def remove(self, start: int, end: int) -> None:
        for offset in range(start, end):
            self.removed[offset] = True


def looks_like_plain_markdown(name_suffix: str) -> bool:
    """A file named as Markdown; its body needs no front matter."""
    return name_suffix in MARKDOWN_SUFFIXES


def read_plain_markdown(text: str, encoding: str) -> Work:
    reading = _find_markup(text)
    story = "".join(char for char, gone in zip(text, reading.removed, strict=True) if not gone)
    if not story.strip():
        raise InputError("Markdown file holds only markup, no story text")
    before = list(accumulate((int(gone) for gone in reading.removed), initial=0))

    def moved(offset: int) -> int:
        return offset - before[offset]

    meta = Metadata(source_format="markdown", extra={"encoding": encoding})
    work = Work(text=story, metadata=meta)
    for name, spans in _layers(reading, story, moved).items():
        work.add_layer(name, spans)
    return work


def kept_offsets(text: str) -> list[int]:
    """For each character of the text the reader writes, its offset in ``text`` (the file
    as written): what moves an annotation made on the raw file onto the story text."""
    return [offset for offset, gone in enumerate(_find_markup(text).removed) if not gone]


# -- which characters are markup --------------------------------------------------------------
def _find_markup(text: str) -> _Reading:
    from markdown_it import MarkdownIt  # here: sniffing a plain-text story does not need it

    parser = MarkdownIt("commonmark").disable(_PROSE_TRAPS, ignoreInvalid=True)
    tokens = parser.parse(text)
    line_starts = [match.start() for match in _LINE.finditer(text)]
    reading = _Reading(text, line_starts, [False] * len(text))
    for index, token in enumerate(tokens):
        if token.map is None:
            continue
        if token.type == "blockquote_open":
            _remove_quote_marks(reading, *token.map)
        elif token.type == "paragraph_open":
            _remove_inline_markup(reading, *reading.line_span(*token.map), tokens[index + 1])
        elif token.type == "heading_open":
            _read_heading(reading, token, tokens[index + 1])
        elif token.type == "hr":
            start, end = reading.line_span(*token.map)
            reading.rules.append(_trimmed(text, start, end))
    return reading


def _remove_quote_marks(reading: _Reading, first: int, last: int) -> None:
    for line in range(first, last):
        start, end = reading.line_span(line, line + 1)
        found = _QUOTE_MARKS.match(reading.source, start, end)
        if found:
            reading.remove(start, found.end())


def _read_heading(reading: _Reading, token: Token, inline: Token) -> None:
    start, end = reading.line_span(*token.map)
    line = reading.source[start:end].rstrip("\r\n")
    marks = _HEADING_MARKS.match(line)
    closing = _CLOSING_HASHES.search(line, marks.end() if marks else 0)
    body_start = start + (marks.end() if marks else 0)
    body_end = start + (closing.start() if closing else len(line))
    if not _remove_inline_markup(reading, body_start, body_end, inline):
        return
    reading.remove(start, body_start)
    reading.remove(body_end, start + len(line))
    text = "".join(ch for offset, ch in enumerate(reading.source[body_start:body_end], body_start)
                   if not reading.removed[offset])
    if text.strip():
        reading.headings.append(_Heading(body_start, body_end, text.strip(), int(token.tag[1])))


def _remove_inline_markup(reading: _Reading, start: int, end: int, inline: Token) -> bool:
    """Mark the markup characters of ``source[start:end]``; False (nothing marked) when the
    paragraph holds a scene-break line or its plain text cannot be matched to the source."""
    source, removed = reading.source, reading.removed
    if any(scene_breaks.marker_kind(line.strip())
           for line in source[start:end].splitlines()):
        return False
    plain, marked = inline_text(inline)
    markup: list[int] = []
    matched: list[int] = []
    position = start
    for char in plain:
        position = _match(source, removed, position, end, char, markup)
        if position < 0:
            return False
        matched.append(position - 1)
    reading.emphasis.extend((matched[first], matched[last - 1] + 1, kind)
                            for first, last, kind in marked if last > first)
    markup.extend(offset for offset in range(position, end)
                  if not removed[offset] and not source[offset].isspace())
    for offset in _keep_inside_words(source, markup):
        removed[offset] = True
    return True


def _keep_inside_words(source: str, markup: list[int]) -> list[int]:
    """``markup`` without emphasis runs between two letters: ``*muggleborn*not`` is
    more often a space lost in conversion than ``*Cam*bridge``, and joining the words
    would make one the text reader never had."""
    chosen: list[int] = []
    run: list[int] = []
    for offset in [*markup, -2]:
        if run and offset == run[-1] + 1 and source[offset] == source[run[-1]]:
            run.append(offset)
            continue
        if run and not _joins_words(source, run):
            chosen.extend(run)
        run = [offset]
    return chosen


def _joins_words(source: str, run: list[int]) -> bool:
    if source[run[0]] not in _EMPHASIS or run[0] == 0 or run[-1] + 1 >= len(source):
        return False
    return source[run[0] - 1].isalnum() and source[run[-1] + 1].isalnum()


def _match(source: str, removed: list[bool], position: int, end: int, char: str,
           markup: list[int]) -> int:
    """The offset after the source character ``char`` is matched to; characters skipped on
    the way are markup unless they are whitespace. -1 when there is none."""
    while position < end:
        found = source[position]
        if removed[position]:
            position += 1
        elif found == char or (char.isspace() and found.isspace()):
            return position + 1
        elif found.isspace():
            position += 1
        else:
            markup.append(position)
            position += 1
    return -1


def inline_text(inline: Token) -> tuple[str, list[tuple[int, int, str]]]:
    """The inline's text as markdown-it reads it, and where its emphasis (``em`` / ``strong``)
    starts and ends in that text."""
    pieces: list[str] = []
    length = 0
    opened: list[int] = []
    marked: list[tuple[int, int, str]] = []
    for child in _leaves(inline):
        if child.type in ("em_open", "strong_open"):
            opened.append(length)
        elif child.type in ("em_close", "strong_close") and opened:
            marked.append((opened.pop(), length, child.tag))
        piece = _PIECES.get(child.type, child.content if child.type in _TEXT else "")
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces), marked


def _leaves(token: Token) -> list[Token]:
    """Inline children in order, an image's alt text in its place."""
    found = []
    for child in token.children or []:
        found.extend(_leaves(child) if child.type == "image" else [child])
    return found


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    body = text[start:end]
    lead = len(body) - len(body.lstrip())
    return start + lead, start + len(body.rstrip())


# -- layers -------------------------------------------------------------------------------------
def _layers(reading: _Reading, story: str, moved) -> dict[str, list[Span]]:
    from ficlens.ingest.markdown_reader import CHAPTER_MIN_WORDS

    layers: dict[str, list[Span]] = {}
    rules = [Span(moved(s), moved(e), {"source": "hr"}) for s, e in reading.rules]
    if rules:
        layers["markup_breaks"] = rules
    if reading.emphasis:
        layers[EMPHASIS] = [Span(moved(s), moved(e), {"kind": kind})
                            for s, e, kind in outermost(reading.emphasis)]
    headings = [h for h in reading.headings if chapter_headings.heading(h.text) is None]
    if not headings:
        return layers
    spans = [(moved(h.start), moved(h.end), h) for h in reading.headings]
    sections = _section_words(story, [s for s, _e, _h in spans])
    if sections / len(spans) >= CHAPTER_MIN_WORDS:
        layers["chapters"], layers["headings"] = _chapters(story, spans)
        return layers
    first_text = _first_story_offset(story, spans)
    for start, end, heading in spans:
        if chapter_headings.heading(heading.text) is not None:
            continue
        layer = "markup_breaks" if start > first_text else "headings"
        layers.setdefault(layer, []).append(Span(start, end, {"source": "heading",
                                                              "level": heading.level}))
    for spans_of_layer in layers.values():
        spans_of_layer.sort(key=lambda span: span.start)
    return layers


def _section_words(story: str, starts: list[int]) -> int:
    return len(story[starts[0]:].split()) if starts else 0


def _first_story_offset(story: str, spans: list[tuple[int, int, _Heading]]) -> int:
    """Where the first non-heading text starts (the length of the story when there is none)."""
    position = 0
    for start, end, _heading in spans:
        if story[position:start].strip():
            break
        position = end
    rest = story[position:]
    return position + len(rest) - len(rest.lstrip()) if rest.strip() else len(story)


def _chapters(story: str, spans: list[tuple[int, int, _Heading]]
              ) -> tuple[list[Span], list[Span]]:
    chapter_spans, heading_spans = [], []
    count = 0
    for index, (start, end, heading) in enumerate(spans):
        found = chapter_headings.heading(heading.text)
        title = found.title if found is not None else heading.text
        count = found.number if found is not None and found.level == "chapter" \
            and found.number is not None else count + 1
        next_start = spans[index + 1][0] if index + 1 < len(spans) else len(story)
        chapter_end = start + len(story[start:next_start].rstrip())
        chapter_spans.append(Span(start, chapter_end, {"number": count, "title": title}))
        heading_spans.append(Span(start, end, {"level": 2, "chapter": count}))
    return chapter_spans, heading_spans
