"""PDF stories (AO3's PDF download and any other text PDF), read with pypdf.

A PDF has lines at positions, not paragraphs. Each page's text runs are gathered with
their position (pypdf's text visitor), grouped into lines, and:

* **running headers and footers** (the same line, digits aside, at the top or bottom of
  most pages) and **page numbers** (``12``, ``Page 12``, ``12 of 40``, ``- 12 -`` as the
  first or last line of a page) are dropped;
* lines join into paragraphs; a paragraph ends at a vertical gap wider than the usual line
  spacing, at a line that stops well short of the text width, or where the indent changes
  (AO3 sets its notes and summaries as indented blockquotes).

An AO3 PDF is its HTML download laid out: the preface (``Posted originally on the Archive
of Our Own at URL``, ``Rating: ...`` label lines, title, ``by author``, ``Summary``,
``Notes``), chapters (``Chapter 2: Title``, ``Chapter Summary``, ``Chapter Notes``,
``Chapter End Notes``) and the afterword (``End Notes``, "Please drop by the Archive and
comment"). Labels are read as in the HTML; notes are the indented paragraphs after them.

Words set in an italic font (its name says ``Italic`` or ``Oblique``, as PDF font names do:
``Times-Italic``, ``ABCDEF+Georgia-BoldItalic``) become ``emphasis`` spans of kind ``em``,
as the HTML readers write for ``<em>``; bold is not read (AO3 sets its labels and headings
in bold, and a PDF's bold says nothing the text's own structure does not).
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field

from ficlens.document import Metadata, Work
from ficlens.errors import InputError
from ficlens.ingest.builder import WorkBuilder
from ficlens.ingest.emphasis import Emphasis, trimmed
from ficlens.ingest.html_blocks import Block, spans_in_text
from ficlens.ingest.labels import apply_label, apply_stats, label_key, parse_series
from ficlens.ingest.limits import check_size

MAX_PAGES = 5000
HEADER_SHARE = 0.5  # a line at the top/bottom of this share of pages is a running header
PARAGRAPH_GAP = 1.4  # a vertical gap this many times the usual spacing ends a paragraph
SHORT_LINE = 0.8  # a line this much shorter than the text width ends its paragraph
INDENT = 12.0  # points of left-margin change that start a blockquote
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—\s]*\d{1,5}[-–—\s]*(?:(?:of|/)\s*\d{1,5})?$", re.IGNORECASE
)
_AO3_MARK = re.compile(r"^Posted originally on the Archive of Our Own", re.IGNORECASE)
_AO3_LABEL = re.compile(
    r"^(Ratings?|Archive Warnings?|Categor(?:y|ies)|Fandoms?|Relationships?|Characters?"
    r"|Additional Tags?|Language|Series|Collections?|Stats):\s*(.*)$"
)
SECTION_LABELS = {
    "summary": ("summary", "start", False), "notes": ("author_note", "start", False),
    "chapter summary": ("summary", "start", True), "chapter notes": ("author_note", "start", True),
    "chapter end notes": ("end_note", "end", True), "end notes": ("end_note", "end", False),
}
CHROME_LINES = {"preface", "afterword"}
_CHAPTER = re.compile(r"^Chapter\s+(\d+)\s*(?::\s*(.+))?$", re.IGNORECASE)
_COMMENT_PLEA = re.compile(r"^Please drop by the Archive and comment", re.IGNORECASE)
_ITALIC_FONT = re.compile(r"italic|oblique", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class Line:
    text: str
    x: float
    y: float
    italic: list[tuple[int, int]] = field(default_factory=list)  # offsets in ``text``


@dataclass(slots=True)
class Paragraph:
    text: str
    indented: bool
    italic: list[tuple[int, int]] = field(default_factory=list)

    def add_line(self, line: Line) -> None:
        offset = len(self.text) + 1
        self.text += " " + line.text
        self.italic.extend((start + offset, end + offset) for start, end in line.italic)

    def block(self) -> Block:
        return Block(self.text, emphasis=trimmed(self.text, _joined(self.italic)))


def _joined(spans: list[tuple[int, int]]) -> list[Emphasis]:
    """Italic runs next to each other (a run per word or per line) as one span."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return [(start, end, "em") for start, end in merged]


def looks_like_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def read_pdf(data: bytes) -> Work:
    pages = _page_lines(data)
    pages = _without_running_lines(pages)
    paragraphs = _paragraphs(pages)
    if not paragraphs:
        raise InputError("PDF holds no text (a scanned image? export the story as text)")
    if any(_AO3_MARK.match(p.text) for p in paragraphs[:5]):
        return _read_ao3(paragraphs)
    builder = WorkBuilder(Metadata(source_format="pdf"))
    builder.add_content([p.block() for p in paragraphs])
    return builder.build()


# -- positions to lines -------------------------------------------------------------------
def _page_lines(data: bytes) -> list[list[Line]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs every repair it makes to a damaged file; the user gets one line, or none
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read_pages(PdfReader(io.BytesIO(data)))
    except InputError:
        raise
    except PdfReadError as exc:
        raise InputError(f"corrupt PDF: {exc}") from None
    except Exception as exc:  # pypdf lets struct, index, key and recursion errors through
        raise InputError(f"corrupt PDF: {type(exc).__name__}: {exc}".rstrip(": ")) from None


def _read_pages(reader) -> list[list[Line]]:
    if reader.is_encrypted:
        raise InputError("PDF is encrypted: save an unprotected copy first")
    if len(reader.pages) > MAX_PAGES:
        raise InputError(f"PDF has {len(reader.pages):,} pages (at most {MAX_PAGES:,})")
    pages, total = [], 0
    for page in reader.pages:
        lines = _lines_of(page)
        total += sum(len(line.text) for line in lines)
        check_size(total, "PDF text")
        pages.append(lines)
    return pages


def _lines_of(page) -> list[Line]:
    runs: list[tuple[Line, bool]] = []

    def visit(text, cm, tm, font, _size):
        if text and text.strip("\n"):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            # whitespace collapsed per run, so the line's spans survive its collapsing
            runs.append((Line(_SPACES.sub(" ", text.replace("\n", "")), x, y), _is_italic(font)))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    for run, italic in runs:
        if lines and abs(lines[-1].y - run.y) < 2.0:
            line = lines[-1]
            line.x = min(line.x, run.x)
        else:
            line = Line("", run.x, run.y)
            lines.append(line)
        if italic:
            line.italic.append((len(line.text), len(line.text) + len(run.text)))
        line.text += run.text
    return [_collapsed(ln) for ln in lines if ln.text.strip()]


def _is_italic(font) -> bool:
    try:
        name = str(font.get("/BaseFont", "")) if font is not None else ""
    except AttributeError:
        return False
    return _ITALIC_FONT.search(name) is not None


def _collapsed(line: Line) -> Line:
    """The line with its whitespace runs collapsed and its edges stripped, spans moved."""
    text = _SPACES.sub(" ", line.text).strip()
    italic = []
    if line.italic:
        moved = spans_in_text(line.text, text, [(s, e, "em") for s, e in line.italic])
        italic = [(start, end) for start, end, _kind in moved]
    return Line(text, line.x, line.y, italic)


def _without_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop page numbers and lines repeated at the top or bottom of most pages."""
    edges: Counter[str] = Counter()
    for lines in pages:
        for shape in {_shape(ln.text) for ln in [*lines[:2], *lines[-2:]]}:
            edges[shape] += 1
    need = max(2, HEADER_SHARE * len(pages))
    running = {shape for shape, count in edges.items() if count >= need}
    cleaned = []
    for lines in pages:
        keep = [ln for i, ln in enumerate(lines)
                if not (_at_edge(i, len(lines)) and (_shape(ln.text) in running
                                                    or _PAGE_NUMBER.match(ln.text)))]
        cleaned.append(keep)
    return cleaned


def _at_edge(index: int, count: int) -> bool:
    return index < 2 or index >= count - 2


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().casefold())


def _paragraphs(pages: list[list[Line]]) -> list[Paragraph]:
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    margin = min(Counter(round(ln.x) for ln in lines).most_common(3))[0]
    spacing = _usual_spacing(pages)
    width = max(len(ln.text) for ln in lines)
    paragraphs: list[Paragraph] = []
    for page in pages:
        previous: Line | None = None
        for line in page:
            indented = line.x - margin > INDENT
            if paragraphs and _joins(paragraphs[-1], previous, line, spacing, width, indented):
                paragraphs[-1].add_line(line)
            else:
                paragraphs.append(Paragraph(line.text, indented, list(line.italic)))
            previous = line
    return paragraphs


def _joins(last: Paragraph, previous: Line | None, line: Line, spacing: float, width: int,
           indented: bool) -> bool:
    """Does ``line`` continue paragraph ``last`` (``previous``: the line above, on this page)?"""
    if previous is None:
        return _continues_over_page(last, line, width, indented)
    return not _starts_paragraph(previous, line, spacing, width, last.indented, indented)


def _usual_spacing(pages: list[list[Line]]) -> float:
    gaps = Counter(round(a.y - b.y) for page in pages for a, b in zip(page, page[1:],
                                                                      strict=False)
                   if a.y > b.y)
    return float(gaps.most_common(1)[0][0]) if gaps else 14.0


def _starts_paragraph(previous: Line, line: Line, spacing: float, width: int,
                      was_indented: bool, indented: bool) -> bool:
    gap = previous.y - line.y
    return (
        gap > PARAGRAPH_GAP * spacing
        or len(previous.text) < SHORT_LINE * width
        or was_indented != indented
        or _is_label(line.text) or _is_label(previous.text)
    )


def _continues_over_page(last: Paragraph, line: Line, width: int, indented: bool) -> bool:
    tail = last.text.rsplit(" ", 12)
    return (last.indented == indented and not _is_label(line.text)
            and len(" ".join(tail[1:])) >= SHORT_LINE * width * 0.5
            and not re.search(r"[.!?…\"”’]$", last.text))


def _is_label(text: str) -> bool:
    lowered = text.strip().lower()
    return (bool(_AO3_LABEL.match(text)) or lowered in SECTION_LABELS
            or lowered in CHROME_LINES or bool(_CHAPTER.match(text)))


# -- AO3's layout -----------------------------------------------------------------------------
def _read_ao3(paragraphs: list[Paragraph]) -> Work:
    builder = WorkBuilder(Metadata(source_format="ao3-pdf"))
    meta = builder.metadata
    index = _read_preface(paragraphs, meta)
    section: tuple[str, str, bool] | None = None
    note: list[Block] = []
    label = ""
    for para in paragraphs[index:]:
        text = para.text
        lowered = text.strip().lower()
        chapter = _CHAPTER.match(text)
        if section is not None and (para.indented and lowered not in SECTION_LABELS):
            note.append(para.block())
            continue
        _flush_note(builder, section, label, note)
        section, note = None, []
        if chapter:
            builder.start_chapter((chapter.group(2) or "").strip() or None, heading=text,
                                  number=int(chapter.group(1)))
        elif lowered in SECTION_LABELS:
            section, label = SECTION_LABELS[lowered], text.strip()
            if not section[2] and section[1] == "end":
                builder.end_chapter()
        elif lowered in CHROME_LINES or _COMMENT_PLEA.match(text):
            continue
        else:
            if not builder.in_chapter:
                builder.start_chapter(None)
            builder.add_content([para.block()])
    _flush_note(builder, section, label, note)
    builder.end_chapter()
    if not builder.has_story_text():
        raise InputError("AO3 PDF holds no story text")
    return builder.build()


def _flush_note(builder: WorkBuilder, section, label: str, note: list[Block]) -> None:
    if section is None or not note:
        return
    kind, position, _in_chapter = section
    if kind == "summary" and not builder.in_chapter and builder.metadata.summary is None:
        builder.metadata.summary = "\n\n".join(block.text for block in note)
    builder.add_note(kind, position, label, note)


def _read_preface(paragraphs: list[Paragraph], meta: Metadata) -> int:
    """Label lines, title and byline up to the first section; the index after them."""
    index = 0
    for index, para in enumerate(paragraphs):
        text = para.text
        lowered = text.strip().lower()
        if lowered in SECTION_LABELS or _CHAPTER.match(text):
            return index
        if _AO3_MARK.match(text):
            url = re.search(r"https?://\S+?(?=\.?$)", text)
            meta.source_url = url.group(0) if url else None
        elif (match := _AO3_LABEL.match(text)) is not None:
            _apply_ao3_label(meta, match.group(1), match.group(2))
        elif lowered.startswith("by ") and meta.title:
            meta.authors = [a.strip() for a in re.split(r",\s*|\s+and\s+", text[3:]) if a.strip()]
        elif meta.title is None and lowered not in CHROME_LINES:
            meta.title = text.strip()
    return len(paragraphs)


def _apply_ao3_label(meta: Metadata, label: str, value: str) -> None:
    key = label_key(label)
    if key == "stat":
        apply_stats(meta, value)
        match = re.match(r"(\d+)/(\d+|\?)", meta.chapter_count or "")
        if match:
            meta.status = "Completed" if match.group(1) == match.group(2) else "In Progress"
    elif key == "series":
        meta.series.extend(parse_series(value))
    else:
        apply_label(meta, label, value)
