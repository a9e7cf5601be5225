"""Readable paragraphs from an HTML element, the way a browser would lay them out.

Whitespace inside a paragraph collapses to single spaces as in HTML; ``<br>`` becomes a
line break; every block element (``p``, ``div``, ``li``, headings...) ends a paragraph;
``<hr>`` is kept as its own block so a scene break survives the conversion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

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
_SPACES = re.compile(r"[ \t\r\n\f\u200b]+")


@dataclass(frozen=True, slots=True)
class Block:
    text: str
    is_break: bool = False


def parse_html(html: str) -> LexborHTMLParser:
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
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.pieces.append(_SPACES.sub(" ", child.text_content or ""))
            elif tag == "br":
                self.pieces.append("\n")
            elif tag == "hr":
                self.flush()
                self.blocks.append(Block(HR_MARKER, is_break=True))
            elif tag in SKIPPED_TAGS or tag == "_comment" or tag.startswith("!"):
                continue
            elif tag in BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)


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
