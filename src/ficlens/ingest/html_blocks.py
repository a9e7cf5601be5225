"""Readable paragraphs from an HTML element, the way a browser would lay them out.

Whitespace inside a paragraph collapses to single spaces as in HTML; ``<br>`` becomes a
line break; every block element (``p``, ``div``, ``li``, headings...) ends a paragraph;
``<hr>`` is kept as its own block so a scene break survives the conversion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ficlens.errors import InputError

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


def node_text(node: LexborNode) -> str:
    """The element's text on one line, whitespace collapsed."""
    return _SPACES.sub(" ", node.text(deep=True, separator="") or "").strip()


class _Collector:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[str] = []

    def flush(self) -> None:
        lines = "".join(self.pieces).split("\n")
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in lines).strip("\n ")
        self.pieces.clear()
        if text.strip():
            self.blocks.append(Block(text))

    def walk(self, node: LexborNode) -> None:
        # An explicit stack, not recursion: hostile markup nests thousands of elements deep.
        stack: list[Iterator[LexborNode] | None] = [node.iter(include_text=True)]
        while stack:
            children = stack[-1]
            if children is None:  # the end of a block element
                stack.pop()
                self.flush()
                continue
            child = next(children, None)
            if child is None:
                stack.pop()
                continue
            if len(stack) > 2 * MAX_DEPTH:  # an iterator and a block-end marker per level
                raise InputError(f"HTML nested more than {MAX_DEPTH:,} elements deep")
            self._visit(child, stack)

    def _visit(self, child: LexborNode, stack: list[Iterator[LexborNode] | None]) -> None:
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
            stack.append(child.iter(include_text=True))


def blocks_of(node: LexborNode | None) -> list[Block]:
    """Paragraphs (and ``<hr>`` breaks) inside ``node``, in reading order."""
    if node is None:
        return []
    collector = _Collector()
    collector.walk(node)
    collector.flush()
    return collector.blocks


def paragraphs_of(node: LexborNode | None) -> list[str]:
    return [b.text for b in blocks_of(node) if not b.is_break]
