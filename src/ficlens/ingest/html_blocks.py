"""Readable paragraphs from an HTML element, the way a browser would lay them out.

Whitespace inside a paragraph collapses to single spaces as in HTML; ``<br>`` becomes a
line break; every block element (``p``, ``div``, ``li``, headings...) ends a paragraph;
``<hr>`` is kept as its own block so a scene break survives the conversion.

Italics and bold (``em`` / ``i``, ``strong`` / ``b``) leave no mark in the text; each block
keeps where its outermost ones lie, which the builder writes as the ``emphasis`` layer (a
stretch in italics is often a thought, a sign or a text message). Emphasis running over
several paragraphs is cut at each paragraph's edges.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.errors import InputError
from ficlens.ingest.emphasis import HTML_KINDS, Emphasis, trimmed

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dl", "dt",
    "div", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "thead", "tfoot", "tr", "td", "th", "ul",
})
SKIPPED_TAGS = frozenset({
    "script", "style", "head", "noscript", "template", "select", "option", "button",
})
HR_MARKER = "* * *"
# Real pages nest a few dozen elements; thousands is a hostile file (and slow to walk).
MAX_DEPTH = 2_000
_SPACES = re.compile(r"[ \t\r\n\f\u200b]+")


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    is_break: bool = False
    # (start, end, kind) in ``text``: the outermost italic ("em") or bold ("strong") stretches
    emphasis: tuple[Emphasis, ...] = ()


# Block containers that stay open until closed; the parser rescans its stack of open elements
# for each new one, so thousands nested make it quadratic (100,000 nested divs: 40 s).
_NESTING_TAGS = BLOCK_TAGS - {"p", "li", "dd", "dt", "tr", "td", "th", "tbody", "thead",
                              "tfoot", "h1", "h2", "h3", "h4", "h5", "h6", "body"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")


def check_nesting(html: str) -> None:
    """InputError if block elements nest deeper than MAX_DEPTH, found by one linear scan of
    the tags before the parser sees them."""
    depth = 0
    for match in _TAG.finditer(html):
        if match[2].lower() not in _NESTING_TAGS:
            continue
        depth = max(depth - 1, 0) if match[1] else depth + 1
        if depth > MAX_DEPTH:
            raise InputError(f"HTML nested more than {MAX_DEPTH:,} elements deep")


def parse_html(html: str) -> LexborHTMLParser:
    check_nesting(html)
    return LexborHTMLParser(html)


def class_names(node: LexborNode) -> list[str]:
    """Class tokens with trailing digits removed (calibre renames ``meta`` to ``meta1``)."""
    raw = node.attributes.get("class") or ""
    return [re.sub(r"\d+$", "", c) for c in raw.split()]


def has_class(node: LexborNode, name: str) -> bool:
    return name in class_names(node)


def element_children(node: LexborNode) -> list[LexborNode]:
    return [c for c in node.iter() if c.is_element_node]


def next_element(node: LexborNode) -> LexborNode | None:
    sibling = node.next
    while sibling is not None and not sibling.is_element_node:
        sibling = sibling.next
    return sibling


def node_text(node: LexborNode) -> str:
    """The element's text on one line, whitespace collapsed."""
    return _SPACES.sub(" ", node.text(deep=True, separator="") or "").strip()


class _EmphasisEnd:
    """The stack entry that closes the outermost emphasis element when it is popped."""


_EMPHASIS_END = _EmphasisEnd()
_StackEntry = Iterator[LexborNode] | None | _EmphasisEnd


class _Collector:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[str] = []
        # Emphasis as (first piece, piece after the last, kind): offsets are counted at flush.
        self.open_emphasis: tuple[int, str] | None = None  # (first piece, kind)
        self.emphasis: list[Emphasis] = []

    def flush(self) -> None:
        raw = "".join(self.pieces)
        lines = raw.split("\n")
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in lines).strip("\n ")
        going_on = self.open_emphasis
        if going_on is not None:  # italics going on into the next paragraph
            self.close_emphasis()
            self.open_emphasis = (0, going_on[1])
        spans, self.emphasis = self.emphasis, []
        if text.strip():
            if spans:
                spans = _piece_offsets(self.pieces, spans)
            self.blocks.append(Block(text, emphasis=spans_in_text(raw, text, spans)))
        self.pieces.clear()

    def open_emphasis_at(self, tag: str) -> bool:
        """Start an emphasis span at an ``em`` / ``b`` ... element unless one is open."""
        kind = HTML_KINDS.get(tag)
        if kind is None or self.open_emphasis is not None:
            return False
        self.open_emphasis = (len(self.pieces), kind)
        return True

    def close_emphasis(self) -> None:
        if self.open_emphasis is not None:
            start, kind = self.open_emphasis
            if len(self.pieces) > start:
                self.emphasis.append((start, len(self.pieces), kind))
            self.open_emphasis = None

    def walk(self, node: LexborNode) -> None:
        # An explicit stack, not recursion: hostile markup nests thousands of elements deep.
        stack: list[_StackEntry] = []
        if self.open_emphasis_at(node.tag):
            stack.append(_EMPHASIS_END)
        stack.append(node.iter(include_text=True))
        while stack:
            children = stack[-1]
            if children is None:  # the end of a block element
                stack.pop()
                self.flush()
                continue
            if children is _EMPHASIS_END:
                stack.pop()
                self.close_emphasis()
                continue
            child = next(children, None)
            if child is None:
                stack.pop()
                continue
            if len(stack) > 2 * MAX_DEPTH:  # an iterator and a block-end marker per level
                raise InputError(f"HTML nested more than {MAX_DEPTH:,} elements deep")
            self._visit(child, stack)

    def _visit(self, child: LexborNode, stack: list[_StackEntry]) -> None:
        tag = child.tag
        if tag == "-text":
            self.pieces.append(_SPACES.sub(" ", child.text_content or ""))
        elif tag == "br":
            self.pieces.append("\n")
        elif tag == "hr":
            self.flush()
            self.blocks.append(Block(HR_MARKER, is_break=True))
        elif tag in SKIPPED_TAGS or tag == "_comment" or tag.startswith("!"):
            return
        elif tag in BLOCK_TAGS:
            self.flush()
            stack.append(None)
            stack.append(child.iter(include_text=True))
        else:
            if self.open_emphasis_at(tag):
                stack.append(_EMPHASIS_END)
            stack.append(child.iter(include_text=True))


def _piece_offsets(pieces: list[str], spans: list[Emphasis]) -> list[Emphasis]:
    """Spans counted in pieces as offsets into the pieces joined."""
    offsets = list(accumulate(map(len, pieces), initial=0))
    return [(offsets[first], offsets[last], kind) for first, last, kind in spans]


def spans_in_text(raw: str, text: str, spans: list[Emphasis]) -> tuple[Emphasis, ...]:
    """Emphasis spans moved from the collected pieces (``raw``) onto the block's text, trimmed
    of whitespace; empty ones dropped. The text is ``raw`` with whitespace taken out (runs
    collapsed, lines stripped), so matching it character by character from the left finds
    where every character of ``raw`` went."""
    spans = [span for span in spans if span[1] > span[0]]
    if not spans:
        return ()
    lead = len(raw) - len(raw.lstrip())
    if raw.startswith(text, lead):  # only the edges went: the usual paragraph, no walk needed
        return trimmed(text, [(min(max(start - lead, 0), len(text)),
                               min(max(end - lead, 0), len(text)), kind)
                              for start, end, kind in spans])
    moved = [0] * (len(raw) + 1)  # raw offset -> text offset
    position = 0
    for offset, char in enumerate(raw):
        moved[offset] = position
        if position < len(text) and char == text[position]:
            position += 1
    moved[len(raw)] = position
    return trimmed(text, [(moved[start], moved[end], kind) for start, end, kind in spans])


def blocks_of(node: LexborNode | None) -> list[Block]:
    """Paragraphs (and ``<hr>`` breaks) inside ``node``, in reading order."""
    if node is None:
        return []
    collector = _Collector()
    collector.walk(node)
    collector.flush()
    return collector.blocks


def paragraph_blocks_of(node: LexborNode | None) -> list[Block]:
    """The paragraphs of :func:`blocks_of` without the ``<hr>`` breaks."""
    return [b for b in blocks_of(node) if not b.is_break]


def paragraphs_of(node: LexborNode | None) -> list[str]:
    return [b.text for b in paragraph_blocks_of(node)]
