"""Markdown stories, usually with YAML front matter (an author's archive or AO3 backup).

The front matter becomes metadata, never story text; its summary and notes become note
blocks at the top, as in AO3's own download. The body is parsed with markdown-it-py
(CommonMark), so emphasis markers, backslash escapes, code ticks and inline HTML leave the
text while their words stay; italics and bold are kept as the ``emphasis`` layer
(:mod:`.emphasis`). ``#`` headings are chapters when they say so (``Chapter 2``)
or when the sections they open are chapter-long; shorter sections are scenes, so such a
heading is kept as a line and marked as a scene break. ``---`` / ``***`` rules are
``* * *`` scene-break lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ficlens.document import ChapterEntry, Metadata, Work
from ficlens.errors import InputError
from ficlens.ingest import chapters as chapter_headings
from ficlens.ingest.builder import WorkBuilder
from ficlens.ingest.emphasis import Emphasis, outermost, trimmed
from ficlens.ingest.frontmatter import apply_front_matter, split_front_matter
from ficlens.ingest.html_blocks import HR_MARKER, Block, blocks_of, parse_html

if TYPE_CHECKING:
    from markdown_it.token import Token

# Sections this long on average are chapters, shorter ones scenes. AO3 chapters run a few
# thousand words; the scene sections of a one-shot a few hundred.
CHAPTER_MIN_WORDS = 1500
NOTE_LABELS = {"notes": "Notes", "note": "Notes", "author_notes": "Notes",
               "end_notes": "End Notes", "endnotes": "End Notes"}


@dataclass(slots=True)
class _Item:
    kind: str  # "heading", "text" or "break"
    text: str = ""
    level: int = 0
    emphasis: tuple[Emphasis, ...] = field(default=())

    def block(self) -> Block:
        return Block(self.text, is_break=self.kind == "break", emphasis=self.emphasis)


def looks_like_markdown(text: str) -> bool:
    """Front matter at the top: a Markdown story archive's work file. (A ``.md`` file
    without it is read by :mod:`ficlens.ingest.markdown_plain`.)"""
    return split_front_matter(text) is not None


def read_markdown(text: str) -> Work:
    meta = Metadata(source_format="markdown")
    front = split_front_matter(text)
    notes: dict[str, str] = {}
    body = text
    if front is not None:
        data, body_start = front
        notes = apply_front_matter(data, meta)
        body = text[body_start:]
    builder = WorkBuilder(meta)
    if meta.summary:
        builder.add_note("summary", "start", "Summary", _note_paragraphs(meta.summary))
    for key, value in notes.items():
        if not key.startswith("end"):
            builder.add_note("author_note", "start", NOTE_LABELS.get(key, "Notes"),
                             _note_paragraphs(value))
    items = _drop_title(_items(body), meta.title)
    _build(items, builder)
    for key, value in notes.items():
        if key.startswith("end"):
            builder.end_chapter()
            builder.add_note("end_note", "end", "End Notes", _note_paragraphs(value))
    if not builder.has_story_text():
        raise InputError("Markdown file holds no story text after its front matter")
    builder.end_chapter()
    meta.chapters = [ChapterEntry(s.attrs["number"], s.attrs.get("title"))
                     for s in builder.layers.get("chapters", []) if s.attrs.get("title")]
    return builder.build()


def _note_paragraphs(value: str) -> list[Block]:
    """A front-matter note may hold Markdown or HTML itself: its paragraphs as plain text."""
    return [item.block() for item in _items(value) if item.kind == "text"]


# -- Markdown to items ------------------------------------------------------------------------
def _items(markdown: str) -> list[_Item]:
    from markdown_it import MarkdownIt  # here: sniffing a plain-text story does not need it

    tokens = MarkdownIt("commonmark").parse(markdown)
    items: list[_Item] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            items.append(_Item("heading", _text_of(tokens[index + 1]), int(token.tag[1])))
        elif token.type == "inline" and tokens[index - 1].type != "heading_open":
            item = _paragraph(token)
            if item is not None:
                items.append(item)
        elif token.type == "hr":
            items.append(_Item("break", HR_MARKER))
        elif token.type in ("fence", "code_block") and token.content.strip():
            items.append(_Item("text", token.content.strip("\n")))
        elif token.type == "html_block":
            items.extend(_html_items(token.content))
    return items


def plain_inline(markdown: str) -> str:
    """A piece of Markdown (a gold quote cut from the file) as this reader writes it:
    emphasis markers and escapes gone, for re-anchoring text taken from the raw file."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parseInline(markdown)
    return "".join(_text_of(t) for t in tokens)


def _text_of(inline: Token) -> str:
    from ficlens.ingest.markdown_plain import inline_text

    return inline_text(inline)[0]


def _paragraph(inline: Token) -> _Item | None:
    """A paragraph's text, stripped and without an unpaired backtick, and its emphasis."""
    from ficlens.ingest.markdown_plain import inline_text

    text, marked = inline_text(inline)
    start, end = _unpaired_ticks(text, len(text) - len(text.lstrip()), len(text.rstrip()))
    if start >= end:
        return None
    return _Item("text", text[start:end], emphasis=trimmed(text, outermost(marked), start, end))


def _unpaired_ticks(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without the lone backtick a code span the author ran over a blank
    line (a letter set in backticks) leaves at the start of its first paragraph and the
    end of its last."""
    body = text[start:end]
    if body.count("`") % 2 == 1:
        if body.startswith("`"):
            rest = text[start + 1:end]
            return start + 1 + len(rest) - len(rest.lstrip()), end
        if body.endswith("`"):
            return start, start + len(text[start:end - 1].rstrip())
    return start, end


def _html_items(html: str) -> list[_Item]:
    tree = parse_html(html)
    return [_Item("break", HR_MARKER) if b.is_break else _Item("text", b.text, emphasis=b.emphasis)
            for b in blocks_of(tree.body)]


def _drop_title(items: list[_Item], title: str | None) -> list[_Item]:
    """A heading repeating the work's title above everything is a title, not a chapter."""
    first = next((i for i, item in enumerate(items) if item.kind != "break"), None)
    if first is None or items[first].kind != "heading" or not title:
        return items
    if items[first].text.strip().casefold() == title.strip().casefold():
        return items[:first] + items[first + 1:]
    return items


# -- items to the Work ---------------------------------------------------------------------
def _build(items: list[_Item], builder: WorkBuilder) -> None:
    as_chapters = _headings_are_chapters(items)
    seen_text = False
    for item in items:
        if item.kind == "heading" and (as_chapters or chapter_headings.heading(item.text)):
            _start_chapter(item.text, builder)
        elif item.kind == "heading":
            start, end = builder.add_block(item.text)
            layer = "markup_breaks" if seen_text else "headings"
            builder.mark(layer, start, end, source="heading", level=item.level)
        else:
            builder.add_content([item.block()])
            seen_text = seen_text or item.kind == "text"


def _start_chapter(text: str, builder: WorkBuilder) -> None:
    found = chapter_headings.heading(text)
    if found is not None:
        title = found.title
        number = found.number if found.level == "chapter" else None
    else:
        title, number = text.strip() or None, None
    builder.start_chapter(title, heading=text, number=number)


def _headings_are_chapters(items: list[_Item]) -> bool:
    headings = [i for i, item in enumerate(items) if item.kind == "heading"]
    if not headings:
        return False
    words = sum(len(item.text.split()) for item in items[headings[0]:] if item.kind == "text")
    return words / len(headings) >= CHAPTER_MIN_WORDS
