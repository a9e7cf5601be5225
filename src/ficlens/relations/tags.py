"""The archive's relationship tags beside what the text says: a tag audit (issue 20).

AO3 writes a romantic relationship "A/B" and a platonic one "A & B"; a character's tag may
carry alternatives ("Fen'Harel | Solas") and a fandom in brackets ("Abby (The Last of Us)").
Each tag's names are matched to the story's characters by the words they share with a
character's names (case aside), and the tag is said to be:

* ``main``: its characters include both of the main pairing the text gives;
* ``background``: every two of its characters meet in the text (talk, share a scene, are
  mentioned together or have a relation cue), but it is not the main pairing;
* ``absent``: a name matches no character, or two of its characters never meet.

The tags never decide the pairing: the ``pairing`` table comes from the text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

from ficlens.relations.interactions import Pair, pair_of

_BRACKETED = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_UNINFORMATIVE = frozenset({"the", "mr", "mrs", "ms", "miss", "dr", "of", "and", "female", "male"})


def tag_kind(tag: str) -> str | None:
    if "/" in tag:
        return "romantic"
    return "platonic" if "&" in tag else None


def tag_names(tag: str) -> list[str]:
    """The names a relationship tag joins: "A/B", "A & B & C"."""
    return [n.strip() for n in re.split(r"/|\s&\s", tag) if n.strip()]


def resolve(name: str, characters: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The character whose names share the most words with the tag's name (ties: the one
    mentioned most); None when no character shares a word."""
    wanted = _words(_BRACKETED.sub(" ", name).replace("|", " "))
    best: tuple[int, int, str] | None = None
    for cid, row in characters.items():
        names = [str(row.get("name") or ""), *(str(a) for a in row.get("aliases") or [])]
        shared = len(wanted & set().union(*(_words(n) for n in names)))
        if shared:
            key = (shared, int(row.get("mentions") or 0), cid)
            best = max(best, key) if best else key
    return best[2] if best else None


def audit(
    tags: Iterable[str],
    characters: Mapping[str, Mapping[str, Any]],
    main: Pair | None,
    meeting: set[Pair],
) -> list[dict[str, Any]]:
    """One row per relationship tag: ``tag``, ``kind``, ``characters`` (ids, None where a
    name matches no one) and ``status`` (main / background / absent)."""
    rows = []
    for tag in tags:
        kind = tag_kind(tag)
        if kind is None:
            continue
        ids = [resolve(name, characters) for name in tag_names(tag)]
        rows.append({"tag": tag, "kind": kind, "characters": ids,
                     "status": _status(ids, main, meeting)})  # fmt: skip
    return rows


def tagged_pairing(rows: list[dict[str, Any]]) -> Pair | None:
    """The first romantic tag whose first two names are two characters: the pairing a fan
    reads off the tags (for comparison only)."""
    for row in rows:
        ids = [i for i in row["characters"] if i]
        if row["kind"] == "romantic" and len(set(ids)) >= 2:
            return pair_of(ids[0], next(i for i in ids if i != ids[0]))
    return None


def _status(ids: list[str | None], main: Pair | None, meeting: set[Pair]) -> str:
    if None in ids or len(set(ids)) < 2:
        return "absent"
    known = [i for i in ids if i is not None]
    if main is not None and set(main) <= set(known):
        return "main"
    pairs = {pair_of(a, b) for a, b in combinations(sorted(set(known)), 2)}
    return "background" if pairs <= meeting else "absent"


def _words(name: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(name)} - _UNINFORMATIVE
