"""One flat list of tags sorted into AO3's fields.

Authors who back up their works (static-site front matter, a tag line on a title page)
often keep AO3's tags as one list. AO3 always prints them in the same order (rating,
warnings, categories, fandoms, relationships, characters, additional tags), so the list
is read in that order:

* ratings, archive warnings and categories are AO3's fixed vocabulary;
* prefixed tags (``f:btvs``, ``c:giles``, ``p:giles/ethan``, ``genre:angst``: a common
  personal-archive convention) say their field outright;
* a fandom names a medium in brackets (``(Video Games)``, ``(TV)``) or comes right after
  the category tags;
* a relationship joins characters with ``/`` or `` & ``, one of them qualified by the
  fandom (``Abby (The Last of Us)/Reader``); ``Hurt/Comfort`` is not one;
* characters follow the relationships: a tag qualified by a fandom name, or a name that is
  part of a relationship (``Reader``);
* everything from the first other tag on is an additional (freeform) tag.
"""

from __future__ import annotations

import re

from ficlens.document import Metadata

RATINGS = {"general audiences", "teen and up audiences", "mature", "explicit", "not rated"}
WARNINGS = {
    "no archive warnings apply", "creator chose not to use archive warnings",
    "graphic depictions of violence", "major character death", "rape/non-con", "underage",
    "underage sex", "choose not to use archive warnings",
}
CATEGORIES = {"f/f", "f/m", "m/m", "gen", "multi", "other"}
MEDIA = re.compile(
    r"\((?:[^()]*\b(?:video games?|tv|movies?|film|anime|manga|cartoon|comics?|books?|novels?"
    r"|webcomic|web series|radio|podcast|musical|theatre|band|all media types|rpf)\b[^()]*)\)\s*$",
    re.IGNORECASE,
)
QUALIFIER = re.compile(r"\(([^()]+)\)\s*$")
PREFIXES = {
    "f": "fandoms", "fandom": "fandoms", "c": "characters", "char": "characters",
    "character": "characters", "p": "relationships", "pairing": "relationships",
    "ship": "relationships", "r": "relationships", "genre": "genres",
}
_PREFIXED = re.compile(r"^([A-Za-z]{1,9}):(\S.*)$")


def sort_tags(tags: list[str], meta: Metadata) -> None:
    """Add each tag of ``tags`` to its field of ``meta`` (see the module docstring)."""
    fandom_names = _fandom_names(tags)
    stage = 0  # 0 fixed vocabulary, 1 fandoms, 2 relationships, 3 characters, 4 freeform
    relationship_parts: set[str] = set()
    for raw in tags:
        tag = str(raw).strip()
        if not tag:
            continue
        if _prefixed(tag, meta):
            continue
        key = tag.casefold()
        if key in RATINGS and meta.rating is None:
            meta.rating = tag
        elif key in WARNINGS:
            _add(meta.warnings, tag)
        elif key in CATEGORIES:
            _add(meta.category, tag)
        elif stage <= 1 and (MEDIA.search(tag) or tag in fandom_names):
            _add(meta.fandoms, tag)
            stage = 1
        elif stage <= 2 and _is_relationship(tag, fandom_names):
            _add(meta.relationships, tag)
            relationship_parts.update(p.strip().casefold() for p in re.split(r"/|&", tag))
            stage = 2
        elif stage <= 3 and _is_character(tag, fandom_names, relationship_parts):
            _add(meta.characters, tag)
            stage = 3
        else:
            _add(meta.additional_tags, tag)
            stage = 4


def _prefixed(tag: str, meta: Metadata) -> bool:
    match = _PREFIXED.match(tag)
    if not match or match.group(1).lower() not in PREFIXES:
        return False
    field = PREFIXES[match.group(1).lower()]
    value = match.group(2).strip()
    target = meta.genres if field == "genres" else getattr(meta, field)
    if field == "genres":
        _add(meta.additional_tags, value)
    _add(target, value)
    return True


def _fandom_names(tags: list[str]) -> set[str]:
    """Fandom tags and their names without the medium: ``The Last of Us``."""
    names = set()
    for tag in map(str, tags):
        if MEDIA.search(tag):
            names.add(tag.strip())
            names.add(MEDIA.sub("", tag).strip())
    return names


def _is_relationship(tag: str, fandom_names: set[str]) -> bool:
    parts = [p.strip() for p in re.split(r"/| & ", tag)]
    if len(parts) < 2 or not all(parts):
        return False
    return any(_qualified_by(p, fandom_names) for p in parts) or all(
        len(p.split()) >= 2 and p[0].isupper() for p in parts
    )


def _is_character(tag: str, fandom_names: set[str], relationship_parts: set[str]) -> bool:
    return _qualified_by(tag, fandom_names) or tag.casefold() in relationship_parts


def _qualified_by(tag: str, fandom_names: set[str]) -> bool:
    match = QUALIFIER.search(tag)
    return match is not None and match.group(1).strip() in fandom_names


def _add(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)
