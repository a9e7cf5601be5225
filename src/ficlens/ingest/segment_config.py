"""The segment stage's tunables (set per run through :data:`tunables`; see ``ficlens.stage``).

Tuned on the sample stories and the AO3 / FFN / Markdown fixtures (``tests/test_segment.py``,
``tests/test_scene_shifts.py``); the scene-break and heading patterns are data in the
modules that use them, not tunables.
"""

from __future__ import annotations

from dataclasses import dataclass

from ficlens.stage import Tunables


@dataclass(frozen=True)
class SegmentConfig:
    # paragraphs (paragraphs.py)
    long_line: int = 100  # a wrapped text almost never has lines this long
    wrapped_min_median: int = 45  # non-final lines of a wrapped paragraph are long-ish
    # chapter headings (chapters.py)
    max_heading_length: int = 100
    max_title_length: int = 80
    # scene-break markers and POV labels (scene_breaks.py, pov_labels.py)
    max_marker_length: int = 80
    max_label_length: int = 60
    # author's notes (notes.py)
    max_continuation: int = 12  # paragraphs a marked note may run on for
    max_framing_words: int = 40
    max_title_words: int = 10
    # unmarked scene changes (scene_shifts.py)
    look_back: int = 4  # paragraphs that decide "after dialogue" / "after summary"
    look_ahead: int = 8  # paragraphs within which a dramatised scene's dialogue starts
    summary_run: int = 3  # paragraphs without dialogue that make a run of summary
    quiet_after_break: int = 3  # paragraphs after a found change where no other is looked for
    opening_chars: int = 220  # characters of a paragraph read for a time or place opening


DEFAULT = SegmentConfig()
tunables: Tunables[SegmentConfig] = Tunables("segment", DEFAULT)
