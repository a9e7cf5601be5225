"""Pipeline stage ``segment``: paragraphs, chapters, author's notes, scene breaks, POV labels.

Layers added (all offsets into ``work.text``, never altering it):

* ``paragraphs``: every non-blank stretch of the text lies in exactly one paragraph, trimmed
  of surrounding whitespace; attr ``kind``: ``text`` (story prose and dialogue), ``heading``
  (chapter / part heading with its title lines), ``scene_break`` (a marker line), ``pov_label``
  or ``note``. Headings, markers and notes stay in the layer so that nothing is lost to
  later stages; stages that want story prose only filter on ``kind == "text"``.
* ``chapters`` (only when the reader gave none): attrs ``number`` (1, 2, ... in text order),
  ``title`` (or null), ``heading`` (the heading line as written, null for a work without
  headings), ``source: "heuristic"``. A work with no heading gets one chapter covering the
  whole text, so every later stage can count on at least one chapter. Text before the
  first heading (a title page, an opening note) belongs to no chapter.
* ``notes``: the reader's ``markup_notes`` (``source: "markup"``) plus heuristic ones
  (``source: "heuristic"``); attrs ``kind`` (author_note / disclaimer / framing /
  review_request / thanks / summary / warning / header, or the reader's kind), ``position``
  (start / end), ``source``, ``confidence``, ``chapter`` (number of the chapter it is in,
  or null).
* ``scene_breaks``: attrs ``marker`` (the line as written; empty for a blank run), ``kind``
  (symbols ``***`` / ornament ``xXx`` / text ``<hr>``, ``Line Break`` / section_heading
  ``[II]`` inside a chapter / heading, a reader's scene heading such as Markdown's ``## Dusk``
  inside a short work / blank_lines), ``source`` (markup when the reader turned an
  ``<hr>`` into the line, else heuristic), ``confidence``; blank runs also carry
  ``blank_lines``. Blank runs count only in one-paragraph-per-line texts: in hard-wrapped
  books wider gaps surround letters, verse and title pages rather than scene changes.
* ``pov_labels``: attrs ``name`` (as written, possessive dropped) and ``general`` (true for
  ``Normal POV`` and the like).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ficlens.document import Span, Work
from ficlens.ingest import chapters, notes, pov_labels, scene_breaks, scene_shifts
from ficlens.ingest.paragraphs import Block, split_blocks

TEXT, HEADING, BREAK, POV, NOTE = "text", "heading", "scene_break", "pov_label", "note"


@dataclass(slots=True)
class Unit:
    """A paragraph block with what it is."""

    start: int
    end: int
    blank_lines_before: int
    kind: str = TEXT
    heading: chapters.Heading | None = None
    attrs: dict = field(default_factory=dict)


def _is_standalone(line: str) -> bool:
    return (
        scene_breaks.is_marker(line)
        or pov_labels.pov_label(line) is not None
        or chapters.is_heading_line(line)
    )


def classify(work: Work, blocks: list[Block]) -> list[Unit]:
    """Units in text order: each block typed, chapter titles merged into their heading."""
    markup = work.view("markup_notes")
    reader_headings = work.view("headings")
    reader_breaks = work.view("markup_breaks")
    units: list[Unit] = []
    for index, block in enumerate(blocks):
        body = work.text[block.start : block.end]
        unit = Unit(block.start, block.end, block.blank_lines_before)
        following_blank = blocks[index + 1].blank_lines_before if index + 1 < len(blocks) else 1
        if markup.any_overlap(block.start, block.end):
            unit.kind = NOTE
        elif reader_headings.any_overlap(block.start, block.end):
            unit.kind = HEADING
        elif reader_breaks.any_overlap(block.start, block.end):
            kind = scene_breaks.marker_kind(body) or "heading"
            unit.kind, unit.attrs = BREAK, {"marker": body, "kind": kind}
        elif block.line_count == 1:
            _classify_line(unit, body, following_blank)
        if units and _is_number_of(units[-1], body, unit):
            units[-1].end = unit.end
            units[-1].heading.number = chapters.heading(body).number
            continue
        if unit.kind == TEXT and _is_title_of(units[-1] if units else None, body, unit):
            units[-1].end = unit.end
            units[-1].attrs["title"] = " ".join(body.split())
            continue
        units.append(unit)
    _numerals_as_headings(work, units)
    return units


def _numerals_as_headings(work: Work, units: list[Unit]) -> None:
    """``XXX`` is a scene break in fan fiction but chapter thirty among ``XXIX`` / ``XXXI``."""
    bare = sum(1 for u in units if u.heading is not None and u.heading.level == "bare")
    if bare < 2:
        return
    for unit in units:
        if unit.kind != BREAK:
            continue
        found = chapters.heading(work.text[unit.start : unit.end])
        if found is not None and found.level == "bare" and unit.blank_lines_before > 0:
            unit.kind, unit.heading, unit.attrs = HEADING, found, {}


def _classify_line(unit: Unit, line: str, following_blank: int) -> None:
    marker = scene_breaks.marker_kind(line)
    if marker:
        unit.kind, unit.attrs = BREAK, {"marker": line, "kind": marker}
        return
    name = pov_labels.pov_label(line)
    if name:
        unit.kind, unit.attrs = POV, {"name": name, "general": pov_labels.is_general(name)}
        return
    found = chapters.heading(line)
    isolated = unit.blank_lines_before > 0 and following_blank > 0
    if found and (found.level != "bare" or isolated):
        unit.kind, unit.heading = HEADING, found


def _is_number_of(previous: Unit, body: str, unit: Unit) -> bool:
    """The number line under a lone ``CHAPTER`` line."""
    head = previous.heading
    if head is None or head.number is not None or head.title or unit.blank_lines_before:
        return False
    found = chapters.heading(body)
    return found is not None and found.level == "bare"


def _is_title_of(previous: Unit | None, body: str, unit: Unit) -> bool:
    """A title line right under a heading that has none (``CHAPTER I.`` / ``Down the ...``)."""
    if previous is None or previous.heading is None or previous.heading.title:
        return False
    if "title" in previous.attrs or not chapters.looks_like_title(body):
        return False
    return unit.blank_lines_before == 0 or body.isupper()


def usual_gap(units: Sequence[Unit]) -> int:
    counts = Counter(
        cur.blank_lines_before
        for prev, cur in zip(units, units[1:], strict=False)
        if prev.kind == TEXT and cur.kind == TEXT
    )
    return counts.most_common(1)[0][0] if counts else 1


# -- chapters -------------------------------------------------------------------------------
def detect_chapters(work: Work, units: list[Unit]) -> list[Span]:
    headed = [u for u in units if u.heading is not None]
    levels = chapters.chapter_levels([u.heading for u in headed])
    starts = [u for u in headed if u.heading.level in levels]
    if not starts:
        if not units:
            return []
        return [Span(units[0].start, units[-1].end,
                     {"number": 1, "title": None, "heading": None, "source": "heuristic"})]
    ends = _chapter_ends(units, {id(u) for u in starts})
    spans = []
    for number, head in enumerate(starts, 1):
        title = head.heading.title or head.attrs.get("title")
        heading_line = work.text[head.start : head.end].splitlines()[0].strip()
        spans.append(Span(head.start, ends[number - 1], {
            "number": number, "title": title, "heading": heading_line, "source": "heuristic"}))
    return spans


def _chapter_ends(units: list[Unit], start_ids: set[int]) -> list[int]:
    """For each chapter start, the end of the last unit before the next start."""
    ends: list[int] = []
    opened = False
    for index, unit in enumerate(units):
        if id(unit) in start_ids:
            if opened:
                ends.append(units[index - 1].end)
            opened = True
    ends.append(units[-1].end)
    return ends


# -- notes ----------------------------------------------------------------------------------
def _segments(units: list[Unit], chapter_spans: list[Span]) -> list[tuple[list[Unit], int | None]]:
    """Units cut at chapter starts, each group with its chapter number (None before the first)."""
    starts = sorted((c.start, c.get("number")) for c in chapter_spans)
    groups: list[tuple[list[Unit], int | None]] = [([], None)]
    position = 0
    for unit in units:
        while position < len(starts) and unit.start >= starts[position][0]:
            groups.append(([], starts[position][1]))
            position += 1
        groups[-1][0].append(unit)
    return [g for g in groups if g[0]]


def find_notes(work: Work, units: list[Unit], chapter_spans: list[Span]) -> list[Span]:
    gap = usual_gap(units)
    found: list[Span] = []
    first_text = next((u for u in units if u.kind == TEXT), None)
    has_chapters = any(c.get("heading") for c in chapter_spans)
    for group, chapter in _segments(units, chapter_spans):
        story = [u for u in group if u.kind == TEXT]
        paras = _paragraph_views(work, group)
        work_start = first_text is not None and bool(story) and story[0] is first_text
        before_first_chapter = has_chapters and chapter is None
        lead = notes.leading_notes(paras, gap, work_start)
        taken = {i for run in lead for i in range(run.first, run.last + 1)}
        tail = [r for r in notes.trailing_notes(paras) if r.first not in taken]
        for run, position in [(r, "start") for r in lead] + [(r, "end") for r in tail]:
            if before_first_chapter:
                position = "start"
            for unit in story[run.first : run.last + 1]:
                unit.kind = NOTE
            found.append(Span(story[run.first].start, story[run.last].end, {
                "kind": run.kind, "position": position, "source": "heuristic",
                "confidence": run.confidence, "chapter": chapter}))
    return found


def _paragraph_views(work: Work, group: list[Unit]) -> list[notes.Paragraph]:
    views = []
    previous: Unit | None = None
    for unit in group:
        if unit.kind == TEXT:
            views.append(notes.Paragraph(
                work.text[unit.start : unit.end],
                unit.blank_lines_before,
                previous is not None and previous.kind in (BREAK, POV, HEADING),
            ))
        previous = unit
    return views


def markup_notes(work: Work) -> list[Span]:
    return [
        Span(s.start, s.end, {**s.attrs, "source": "markup", "confidence": 1.0})
        for s in work.layer("markup_notes")
    ]


# -- scene breaks ---------------------------------------------------------------------------
def find_scene_breaks(
    work: Work, units: list[Unit], chapter_spans: list[Span], wrapped: bool
) -> list[Span]:
    spans = _marker_breaks(work, units) + _section_breaks(work, units, chapter_spans)
    if not wrapped:
        spans += _unmarked_breaks(work, units, chapter_spans)
    return spans


def _marker_breaks(work: Work, units: list[Unit]) -> list[Span]:
    """One break per run of marker lines (``* * *`` repeated on three lines is one break).
    Readers turn ``<hr>`` into a ``* * *`` line listed in ``markup_breaks``."""
    from_markup = work.view("markup_breaks")
    spans: list[Span] = []
    previous: Unit | None = None
    for unit in units:
        if unit.kind == BREAK and previous is not None and previous.kind == BREAK:
            spans[-1].end = unit.end
        elif unit.kind == BREAK:
            source = "markup" if from_markup.any_overlap(unit.start, unit.end) else "heuristic"
            spans.append(Span(unit.start, unit.end,
                              {**unit.attrs, "source": source, "confidence": 1.0}))
        previous = unit
    return spans


def _section_breaks(work: Work, units: list[Unit], chapter_spans: list[Span]) -> list[Span]:
    """Numbered sections inside a chapter (``[II]``) also change the scene."""
    chapter_starts = {c.start for c in chapter_spans}
    return [
        Span(u.start, u.end, {"marker": work.text[u.start : u.end], "kind": "section_heading",
                              "source": "heuristic", "confidence": 0.9})
        for prev, u in zip(units, units[1:], strict=False)
        if u.heading is not None and u.heading.level == "bare"
        and u.start not in chapter_starts and prev.kind != HEADING
    ]


def _unmarked_breaks(work: Work, units: list[Unit], chapter_spans: list[Span]) -> list[Span]:
    """Scene changes without a marker (:mod:`.scene_shifts`), chapter by chapter."""
    gap = usual_gap(units)
    gaps_are_layout = _gaps_are_layout(units, gap)
    spans = []
    for group, _chapter in _segments(units, chapter_spans):
        story: list[tuple[Unit, Unit | None]] = []
        previous: Unit | None = None
        for unit in group:
            if unit.kind == TEXT:
                story.append((unit, previous))
            previous = unit
        paras = [scene_shifts.Para(
            work.text[u.start : u.end],
            0 if gaps_are_layout else u.blank_lines_before,
            prev is not None and prev.kind in (BREAK, POV, HEADING),
        ) for u, prev in story]
        for shift in scene_shifts.find_shifts(paras, gap):
            unit, prev = story[shift.index]
            start = _line_end(work.text, prev.end) if prev is not None else unit.start
            end = max(_line_start(work.text, unit.start), start)
            spans.append(Span(start, end, {
                "marker": "", "kind": shift.kind, "source": "heuristic",
                "confidence": shift.confidence, "blank_lines": unit.blank_lines_before}))
    return spans


def _gaps_are_layout(units: Sequence[Unit], gap: int) -> bool:
    """No blank line between paragraphs usually, but often one: blank lines mean nothing."""
    pairs = [(p, c) for p, c in zip(units, units[1:], strict=False)
             if p.kind == TEXT and c.kind == TEXT]
    wider = sum(1 for _p, c in pairs if c.blank_lines_before > gap)
    return gap == 0 and wider > 0.1 * max(len(pairs), 1)


def _line_end(text: str, offset: int) -> int:
    newline = text.find("\n", offset)
    return len(text) if newline < 0 else newline + 1


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


# -- the stage ------------------------------------------------------------------------------
def run(work: Work) -> None:
    blocks, wrapped = split_blocks(work.text, _is_standalone)
    units = classify(work, blocks)
    chapter_spans = work.layer("chapters")
    if not work.has("chapters"):
        chapter_spans = work.add_layer("chapters", detect_chapters(work, units))
    note_spans = markup_notes(work) + find_notes(work, units, chapter_spans)
    work.add_layer("notes", note_spans)
    work.add_layer("scene_breaks", find_scene_breaks(work, units, chapter_spans, wrapped))
    work.add_layer("pov_labels", [Span(u.start, u.end, dict(u.attrs)) for u in units
                                  if u.kind == POV])
    work.add_layer("paragraphs", [Span(u.start, u.end, {"kind": u.kind}) for u in units])
