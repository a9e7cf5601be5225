"""Reading stories: find the files, pick a reader by content, return a :class:`Work`.

Formats (``metadata.source_format``), each chosen by content; the file name counts only
for Markdown without front matter, which looks like plain text:
``text`` (any encoding charset-normalizer can tell), ``markdown`` (YAML front matter, or a
``.md`` / ``.markdown`` name: :mod:`.markdown_plain` takes its markup characters out),
``ao3-html``, ``ao3-epub`` and ``ao3-pdf`` (AO3 downloads), ``ao3-page`` (a work or chapter
page saved from the browser), ``label-epub`` (other AO3 tools' ``Label: value`` title page),
``fanficfare-html`` and ``fanficfare-epub``, ``ffnet-html`` (a saved FanFiction.net page,
desktop or mobile), ``mobi`` / ``azw3`` (unpacked, then read as HTML / EPUB; ``extra``
``read_as`` names that reader), and as fallbacks ``html``, ``epub`` and ``pdf``.
An AO3 HTML download or work page whose ids and classes an archiving tool stripped is
recognised by its content (:mod:`.ao3_stripped`, :mod:`.ao3_page_stripped`) and read as
the classed file would be.
Every failure is an :class:`~ficlens.errors.InputError` with a one-line message; a file
whose text is nothing but scene-break marks and whitespace is refused as holding no story.

Plain text is kept exactly as decoded. Marked-up formats build their text from the
markup: chapter headings, note blocks and story paragraphs, one blank line between
blocks, ``<hr>`` as a ``* * *`` line; layers ``chapters``, ``headings``, ``markup_notes``
and ``markup_breaks`` record where each came from, and ``emphasis`` where the source set
words in italics or bold (:mod:`.emphasis`; every format that has them, Markdown too;
PDF its italic fonts).
:func:`normalized_view` gives a mojibake-repaired copy of a text for matching, never stored
in the Work.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from ficlens.document import Work
from ficlens.ingest.discover import STORY_SUFFIXES, discover
from ficlens.ingest.normalize import normalized_view
from ficlens.ingest.segment_config import DEFAULT as DEFAULT_SEGMENT
from ficlens.ingest.segment_config import SegmentConfig, tunables
from ficlens.stage import Stage

__all__ = [
    "SEGMENT_STAGE", "STDIN", "STORY_SUFFIXES", "SegmentConfig", "discover", "normalized_view",
    "read_bytes", "read_path", "read_stdin",
]
STDIN = "-"  # the path that means standard input


def read_path(path: str | Path) -> Work:
    """Read one story file in any supported format; InputError if it cannot be read."""
    from ficlens.errors import InputError
    from ficlens.ingest.limits import read_limited

    path = Path(path)
    if not path.exists():
        raise InputError("no such file")
    work = read_bytes(read_limited(path), path.name)
    work.metadata.source_path = str(path)
    return work


def read_stdin(stream: BinaryIO | None = None) -> Work:
    """Read one story piped in (``ficlens analyze -``); the format is sniffed as for files."""
    from ficlens.ingest.limits import max_bytes

    if stream is None:
        import sys

        stream = sys.stdin.buffer
    work = read_bytes(stream.read(max_bytes() + 1), "")  # one byte over: refused by size
    work.metadata.source_path = STDIN
    return work


def read_bytes(data: bytes, name: str = "") -> Work:
    """Read a story from its bytes; ``name`` (a file name) is only a hint."""
    from ficlens.ingest.dispatch import read_story_bytes

    return read_story_bytes(data, name)


def _segment(work: Work, _config: SegmentConfig) -> None:
    from ficlens.ingest.segment import run

    run(work)


SEGMENT_STAGE = Stage(
    name="segment",
    summary="paragraphs, notes, scene breaks, POV labels",
    run=_segment,
    assigns=("paragraphs", "notes", "scene_breaks", "pov_labels", "chapters"),
    reads=("markup_notes", "markup_breaks", "headings", "chapters"),
    default=DEFAULT_SEGMENT,
    tunables=tunables,
)
