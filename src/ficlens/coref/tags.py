"""The subject of a speech tag is the line's speaker ("...," he said): the quotes stage's
``speech_tags`` layer names the subject and its quotation, whose ``speaker`` it decided.

The coref stage reads this like an in-quote "I": a fixed label carrying the quotes stage's
confidence, which the ranker overrules only when it is surer of another entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ficlens.document import Span, Work
from ficlens.lexicon import parse_gender

TAG_SUBJECT_KINDS = frozenset({"pronoun", "nominal"})


def subject_span(text: str, tag: Span) -> tuple[int, int] | None:
    """Where the tag's subject words stand inside the tag, if they do."""
    subject = str(tag.get("subject") or "")
    if not subject:
        return None
    found = re.search(rf"(?<![\w'’]){re.escape(subject)}(?![\w'’])", text[tag.start : tag.end])
    return (tag.start + found.start(), tag.start + found.end()) if found else None


def subject_row(rows: Sequence[tuple], resolvable: Sequence[bool], starting: Sequence[int],
                end: int) -> int | None:
    """The resolvable mention that is the subject: the one ending where the subject ends,
    else the longest one starting where it starts."""
    own = [i for i in starting if resolvable[i]]
    exact = [i for i in own if rows[i][1] == end]
    if exact:
        return exact[0]
    return max(own, key=lambda i: rows[i][1], default=None)


def single_id(value: object) -> str | None:
    """The one character id a quotation's ``speaker`` or ``addressee`` holds, else None."""
    if isinstance(value, list):
        return value[0] if len(value) == 1 and isinstance(value[0], str) else None
    return value if isinstance(value, str) else None


def all_ids(value: object) -> set[str]:
    """Every character id a quotation's ``speaker`` or ``addressee`` holds."""
    values = value if isinstance(value, list) else [value]
    return {v for v in values if isinstance(v, str)}


def tag_subjects(work: Work, rows: Sequence[tuple], resolvable: Sequence[bool]
                 ) -> dict[int, int]:
    """Row index -> index in the ``quotes`` layer, for each resolvable mention (a pronoun or
    a nominal) that is the subject of a pronoun or description speech tag."""
    by_start: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        by_start.setdefault(row[0], []).append(i)
    found: dict[int, int] = {}
    for tag in work.layers.get("speech_tags", []):
        if tag.get("kind") not in TAG_SUBJECT_KINDS:
            continue
        span = subject_span(work.text, tag)
        if span is None:
            continue
        row = subject_row(rows, resolvable, by_start.get(span[0], []), span[1])
        if row is not None:
            found[row] = int(tag.get("quote", -1))
    return found


def tag_speakers(work: Work, rows: Sequence[tuple], resolvable: Sequence[bool],
                 mention_gender: Sequence[int], genders: dict[str, str | None]
                 ) -> dict[int, tuple[str, Span]]:
    """Row index -> the speaker the quotes stage gave the tagged line, and that line, for
    tag subjects whose line has one speaker of an agreeing gender (a "he" tag never names a
    woman)."""
    quotes = work.layers.get("quotes", [])
    out: dict[int, tuple[str, Span]] = {}
    for row, k in tag_subjects(work, rows, resolvable).items():
        speaker = single_id(quotes[k].get("speaker")) if 0 <= k < len(quotes) else None
        wanted = parse_gender(int(mention_gender[row])).code  # the table's 1/2 as "m"/"f"
        if speaker is None or (wanted and genders.get(speaker) not in (None, wanted)):
            continue
        out[row] = (speaker, quotes[k])
    return out
