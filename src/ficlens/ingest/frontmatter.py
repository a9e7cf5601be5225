"""YAML front matter (``---`` ... ``---`` at the top of a Markdown file) as Metadata.

Static-site generators and AO3 backup scripts write the work's fields there under their
own names (``author`` / ``authors``, ``fandom``, ``relationship`` / ``pairing``,
``ao3_url`` / ``url``, ``date`` / ``published``, one ``tags`` list). The YAML is read with
PyYAML's SafeLoader (no object construction from tags), aliases refused and size capped,
and every key by its label.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from ficlens.document import Metadata
from ficlens.errors import InputError
from ficlens.ingest.labels import apply_label, label_key, parse_word_count
from ficlens.ingest.tag_list import sort_tags

MAX_FRONT_MATTER = 256 * 1024  # characters; a work's fields take a few kilobytes
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
URL_KEYS = {"ao3_url", "url", "link", "source", "source_url", "story_url", "altlink"}
DATE_KEYS = {"date": "published", "published": "published", "updated": "updated",
             "completed": "updated"}
NOTE_KEYS = {"notes", "note", "author_notes", "end_notes", "endnotes"}
SKIPPED_KEYS = {"layout", "permalink", "image", "imagealt", "autotoc", "draft", "weight",
                "slug", "idtag", "toc"}
# YAML key (after label_key) -> label apply_label knows
KEY_LABELS = {"relationship": "Relationship", "pairing": "Relationship", "ship": "Relationship",
              "characters": "Character", "character": "Character", "fandom": "Fandom",
              "warnings": "Archive Warning", "warning": "Archive Warning",
              "description": "Summary", "summary": "Summary", "rating": "Rating",
              "categories": "Category", "category": "Category", "title": "Title",
              "language": "Language", "series": "Series", "chapters": "Chapters"}


class _NoAliasLoader(yaml.SafeLoader):
    """safe_load without anchors and aliases: front matter never needs them, and nested
    aliases ("billion laughs") turn a few lines into exponentially many values."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


def split_front_matter(text: str) -> tuple[dict[str, Any], int] | None:
    """The front matter as a dict and the offset where the body starts, or None."""
    match = _FRONT_MATTER.match(text[: MAX_FRONT_MATTER + 16])
    if match is None:
        if _FRONT_MATTER.match(text) is not None:
            raise InputError(f"YAML front matter is over {MAX_FRONT_MATTER:,} characters")
        return None
    try:
        data = yaml.load(match.group(1) or "", Loader=_NoAliasLoader) or {}  # noqa: S506
    except RecursionError:
        raise InputError("bad YAML front matter: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(f"bad YAML front matter{where}: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        return None
    return data, match.end()


def apply_front_matter(data: dict[str, Any], meta: Metadata) -> dict[str, str]:
    """Fill ``meta`` from the front matter; returns the notes (label -> text) it holds."""
    notes: dict[str, str] = {}
    for raw_key, value in data.items():
        key = str(raw_key).strip().lower()
        if value is None or value == "" or value == [] or key in SKIPPED_KEYS:
            continue
        if key in NOTE_KEYS:
            notes[key] = _as_text(value)
        elif key in ("tags", "tag", "keywords", "freeform", "additional_tags"):
            sort_tags(_as_list(value), meta)
        elif key in ("author", "authors", "creator", "creators", "byline"):
            meta.authors.extend(a for a in _as_list(value) if a not in meta.authors)
        elif key in URL_KEYS:
            meta.source_url = meta.source_url or _as_text(value)
        elif key in DATE_KEYS:
            setattr(meta, DATE_KEYS[key], _as_date(value))
        elif key in ("words", "word_count", "wordcount"):
            meta.word_count = parse_word_count(_as_text(value))
        elif label_key(key) in KEY_LABELS or key in KEY_LABELS:
            label = KEY_LABELS.get(key) or KEY_LABELS[label_key(key)]
            values = _as_list(value)
            apply_label(meta, label, ", ".join(values), values)
        else:
            meta.extra[str(raw_key)] = _as_text(value)
    _drop_case_duplicates(meta)
    return notes


def _drop_case_duplicates(meta: Metadata) -> None:
    """``pairing: Twelve/Rose`` beside the tag ``p:twelve/rose`` is one relationship."""
    for name in ("fandoms", "relationships", "characters", "additional_tags", "warnings"):
        seen: set[str] = set()
        values = getattr(meta, name)
        values[:] = [v for v in values if not (v.casefold() in seen or seen.add(v.casefold()))]


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [_as_text(v) for v in value if v is not None and _as_text(v)]
    return [_as_text(value)] if _as_text(value) else []


def _as_text(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_as_text(v) for v in value)
    return str(value).strip()


def _as_date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", text)
    return match.group(1) if match else text
