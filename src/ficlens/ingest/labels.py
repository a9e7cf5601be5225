"""Archive labels ("Archive Warnings:", "Relationship") mapped to Metadata fields.

AO3 prints a label in the singular or plural depending on how many tags follow, and
FanFicFare has its own wording; a label is read by its text, never by its position.
"""

from __future__ import annotations

import re

from ficlens.document import Metadata, SeriesEntry

LIST_FIELDS = {
    "rating": "rating",
    "archive warning": "warnings",
    "warning": "warnings",
    "category": "category",
    "ao3 category": "category",
    "fandom": "fandoms",
    "relationship": "relationships",
    "pairing": "relationships",
    "ship": "relationships",
    "character": "characters",
    "additional tag": "additional_tags",
    "freeform tag": "additional_tags",
    "extra tag": "additional_tags",
    "genre": "genres",
    "author": "authors",
}
TEXT_FIELDS = {
    "language": "language",
    "summary": "summary",
    "description": "summary",
    "published": "published",
    "updated": "updated",
    "completed": "updated",
    "status": "status",
    "chapter": "chapter_count",
    "story url": "source_url",
    "title": "title",
}
SINGLE_VALUED = {"rating"}
_SERIES_PART = re.compile(
    r"Part\s+(\d+)\s+of\s+(.+?)(?=,\s*Part\s+\d+\s+of\s|$)", re.IGNORECASE | re.DOTALL
)
_BRACKET_PART = re.compile(r"^(.*?)\s*\[(\d+)\]\s*$")


def label_key(label: str) -> str:
    """``"Archive Warnings:"`` -> ``"archive warning"``: lower case, no colon, singular."""
    key = re.sub(r"\s+", " ", label).strip().rstrip(":").strip().lower()
    if key.endswith("series"):
        return key
    if key.endswith("ies"):
        return key[:-3] + "y"
    return key[:-1] if key.endswith("s") and not key.endswith(("ss", "status")) else key


def split_tags(value: str) -> list[str]:
    return [t.strip() for t in value.split(",") if t.strip()]


def parse_word_count(value: str) -> int | None:
    digits = re.sub(r"[,.\s\u00a0\u202f']", "", value)
    return int(digits) if digits.isdigit() else None


def parse_series(value: str) -> list[SeriesEntry]:
    """AO3 ``Part 2 of Name, Part 1 of Other`` or FanFicFare ``Name [2]``."""
    entries = []
    for match in _SERIES_PART.finditer(value):
        entries.append(SeriesEntry(name=match.group(2).strip(), part=int(match.group(1))))
    if entries:
        return entries
    bracket = _BRACKET_PART.match(value.strip())
    if bracket:
        return [SeriesEntry(name=bracket.group(1).strip(), part=int(bracket.group(2)))]
    return [SeriesEntry(name=value.strip())] if value.strip() else []


def apply_label(meta: Metadata, label: str, value: str, tags: list[str] | None = None) -> None:
    """Store one label/value pair on ``meta``; unknown labels go to ``meta.extra``."""
    key = label_key(label)
    value = value.strip()
    if key in LIST_FIELDS:
        field_name = LIST_FIELDS[key]
        items = tags if tags else split_tags(value)
        if field_name in SINGLE_VALUED:
            meta.rating = ", ".join(items) or None
        else:
            getattr(meta, field_name).extend(i for i in items if i not in getattr(meta, field_name))
    elif key in TEXT_FIELDS:
        setattr(meta, TEXT_FIELDS[key], value or None)
    elif key == "word":
        meta.word_count = parse_word_count(value)
    elif key == "series":
        meta.series.extend(parse_series(value))
    else:
        meta.extra[re.sub(r"\s+", " ", label).strip().rstrip(":").strip()] = value


def apply_stats(meta: Metadata, stats: str) -> None:
    """AO3's Stats line: ``Published: 2020-01-02 Updated: ... Words: 1,234 Chapters: 2/3``."""
    for label, value in re.findall(r"([A-Z][A-Za-z ]*?):\s*(.+?)(?=\s+[A-Z][A-Za-z ]*?:|$)", stats):
        apply_label(meta, label, value)
