"""Romance scores, the main pairing a fan would tag first, and the AO3 label and category.

A pair's **romance score** is its romantic cue weight scaled by how much the two interact:
``cues * (1 + ln(1 + strength))``. The cue weight adds, per cue kind, ``weight * (1 +
ln(count))`` so that twenty kisses do not drown everything else. Being married is a cue,
but a quiet one: a husband and wife who barely meet score far below two leads who kiss and
say "I love you" across many exchanges. Family pairs (siblings, parent, child) get no
romance score: a kiss on a mother's cheek is not a pairing.

The **main pairing** is the pair with the highest romance score; when no pair has one it
is the most interacting pair, tagged platonic (``A & B``), provided they talk to each other
at all. The AO3 **category** comes from every romantic pair scoring at least
``SIDE_PAIRING_SHARE`` of the main one (F/M, M/M, F/F; Multi when several kinds; Other when a
gender is unknown; Gen when there is no romance).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

from ficlens.relations.cues import Cue
from ficlens.relations.interactions import Interactions, Pair

CUE_WEIGHTS = {
    "i_love_you": 4.0,
    "in_love": 3.0,
    "proposal": 3.0,
    "kiss": 2.0,
    "dating": 2.0,
    "married": 2.0,
    "hands": 1.0,
    "breakup": 1.0,
}
ROLE_WEIGHTS = {"married": 2.0, "engaged": 3.0, "dating": 2.0, "romantic": 2.0, "exes": 1.0}
FAMILY = frozenset({"siblings", "parent", "child"})
SIDE_PAIRING_SHARE = 0.3
MIN_PLATONIC_STRENGTH = 3.0  # e.g. three replies: less than that is not a relationship
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Coach|Sir|Lady|Lord|Aunt|Uncle)\b\.?")


def cue_weight(cue: Cue) -> float:
    if cue.kind.startswith("role:"):
        return ROLE_WEIGHTS.get(cue.type, 0.0)
    return CUE_WEIGHTS.get(cue.kind, 0.0)


def romance_score(cues: list[Cue], strength: float) -> float:
    if any(c.type in FAMILY for c in cues):
        return 0.0
    by_kind: Counter[str] = Counter()
    weight_of: dict[str, float] = {}
    for cue in cues:
        by_kind[cue.kind] += 1
        weight_of[cue.kind] = cue_weight(cue)
    cue_total = sum(weight_of[k] * (1 + math.log(n)) for k, n in by_kind.items())
    return round(cue_total * (1 + math.log1p(strength)), 3)


def ao3_name(character: dict[str, Any]) -> str:
    """The fullest plain name (no honorific): "Lucas Scott" rather than "Luke" or "Mr. Scott"."""
    name = str(character.get("name") or character.get("id"))
    first = name.split()[0] if name.split() else name
    options = [name] + [str(a) for a in character.get("aliases", []) or []]
    plain = [o for o in options if not _HONORIFIC.match(o) and first in o.split()]
    return max(plain, key=lambda o: (len(o.split()), len(o)), default=name)


def ao3_label(pair: Pair, names: dict[str, str], romantic: bool) -> str:
    ordered = sorted((names.get(c, c) for c in pair), key=str.casefold)
    return ("/" if romantic else " & ").join(ordered)


def category(pairs: list[Pair], gender: dict[str, str | None]) -> str:
    if not pairs:
        return "Gen"
    kinds = set()
    for a, b in pairs:
        ga, gb = gender.get(a), gender.get(b)
        kinds.add("/".join(sorted((ga, gb))) if ga and gb else "Other")
    return kinds.pop() if len(kinds) == 1 else "Multi"


def choose_main(
    romance: dict[Pair, float], found: Interactions
) -> tuple[Pair | None, str]:
    """The main pairing and its kind: ``romantic``, ``platonic`` or ``none``."""
    if romance and max(romance.values()) > 0:
        return max(romance, key=romance.__getitem__), "romantic"
    talking = [p for p in found.pairs() if found.exchanges[p] + found.lines[p] > 0]
    if talking:
        best = max(talking, key=found.strength)
        if found.strength(best) >= MIN_PLATONIC_STRENGTH:
            return best, "platonic"
    return None, "none"
