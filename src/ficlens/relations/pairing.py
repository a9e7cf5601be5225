"""Romance scores, the main pairing a fan would tag first, and the AO3 label and category.

A pair's **romance score** is its romantic cue weight scaled by how much the two interact:
``cues * (1 + ln(1 + strength))``. The cue weight adds, per cue kind, ``weight * (1 +
ln(count))`` so that twenty kisses do not drown everything else (a doubtful cue, such as an
"I love you" whose speaker attribution has confidence 0.4, counts 0.4 of one), times
``0.5 + the mean position`` of those cues in the story (0..1): romance plots resolve at the
end, and the couple a fan tags is the endgame one, not the rival suitor of the middle
chapters. Being married is a cue, but a quiet one: a husband and wife who barely meet score
far below two leads who kiss and say "I love you" across many exchanges. A kiss on the
cheek, hand or forehead counts for little, and family pairs (siblings, parent, child) get
no romance score at all: a kiss on a mother's cheek is not a pairing (unless the romantic
cues outnumber the family ones four to one: then the family cue is the likelier misreading).

The **main pairing** is, among the pairs with any romantic cue, the one with the best
weighed evidence (:class:`~evidence.PairEvidence`: romance cues, dialogue, shared scenes,
mentions and whose minds the story is told through, so that one misread signal cannot
decide alone); when no pair has a romantic cue it is the best of the pairs that talk,
tagged platonic (``A & B``), provided they talk enough to be a relationship.

The AO3 **category** comes from every romantic pair whose weighed evidence is at least
``side_pairing_share`` of the main one's (F/M, M/M, F/F; Multi when several kinds; Other when a
gender is unknown; Gen when there is no romance).
"""

from __future__ import annotations

import math
import re
from typing import Any

from ficlens.relations.config import DEFAULT, RelationsConfig
from ficlens.relations.cues import Cue
from ficlens.relations.evidence import PairEvidence
from ficlens.relations.interactions import Interactions, Pair

CUE_WEIGHTS = {
    "i_love_you": 4.0,
    "in_love": 3.0,
    "crush": 2.0,
    "proposal": 3.0,
    "kiss": 2.0,
    "dating": 2.0,
    "married": 2.0,
    "hands": 1.0,
    "peck": 0.5,
    "endearment": 1.5,
    "breakup": 1.0,
}
ROLE_WEIGHTS = {"married": 2.0, "engaged": 3.0, "dating": 2.0, "romantic": 2.0, "exes": 1.0}
FAMILY = frozenset({"siblings", "parent", "child"})
# Family cues cancel romance unless romantic cues outnumber them this many times over: one
# misread "her father, Denham made no comment" must not erase thirty romantic cues.
# Cues count more the later they come (0.5 at the start, 1.5 at the end): fans tag the
# endgame couple, not the rival suitor of the middle chapters.
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Coach|Sir|Lady|Lord|Aunt|Uncle)\b\.?\s*")
# One to three capitalised words, not led by an honorific or an endearment ("My Dear Miss...")
_PLAIN_NAME = re.compile(
    r"^(?!(?:Mr|Mrs|Ms|Miss|Dr|Coach|Sir|Lady|Lord|Aunt|Uncle|My|Dear|Dearest|Poor|Little|Old"
    r"|Young|Sweet|The)\b)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}$"
)


def cue_weight(cue: Cue) -> float:
    if cue.kind.startswith("role:"):
        return ROLE_WEIGHTS.get(cue.type, 0.0)
    return CUE_WEIGHTS.get(cue.kind, 0.0)


def romance_score(
    cues: list[Cue], strength: float, length: int, config: RelationsConfig = DEFAULT
) -> float:
    return round(romance_cues(cues, length, config) * (1 + math.log1p(strength)), 3)


def romance_cues(cues: list[Cue], length: int, config: RelationsConfig = DEFAULT) -> float:
    """The romantic cue weight alone, before the interaction factor."""
    romantic = [c for c in cues if c.type not in FAMILY and cue_weight(c) > 0]
    family = sum(c.confidence for c in cues if c.type in FAMILY)
    if family > config.family_veto_share * sum(c.confidence for c in romantic):
        return 0.0
    seen: dict[str, list[Cue]] = {}
    for cue in romantic:
        seen.setdefault(cue.kind, []).append(cue)
    cue_total = 0.0
    for same in seen.values():
        evidence = sum(c.confidence for c in same)  # how many cues, discounting doubtful ones
        count_factor = evidence if evidence < 1 else 1 + math.log(evidence)
        endgame = config.endgame_base + sum(c.start for c in same) / len(same) / max(1, length)
        cue_total += cue_weight(same[0]) * count_factor * endgame
    return cue_total


def ao3_name(character: dict[str, Any]) -> str:
    """The fullest plain name (no honorific): "Tobin Vale" rather than "Bash" or "Mr. Vale"."""
    name = str(character.get("name") or character.get("id"))
    key = _HONORIFIC.sub("", name).split()
    if not key:
        return name
    options = [name] + [str(a) for a in character.get("aliases", []) or []]
    plain = [o for o in options if _PLAIN_NAME.match(o) and set(key) & set(o.split())]
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


def beyond_pecks(cues: list[Cue]) -> bool:
    """Whether a pair has a romantic cue other than a kiss on the cheek, hand, forehead or
    hair: friends and family do that, so pecks alone never make the main pairing."""
    return any(c.type not in FAMILY and c.kind != "peck" and cue_weight(c) > 0 for c in cues)


def choose_main(
    romance: dict[Pair, float],
    found: Interactions,
    evidence: PairEvidence,
    config: RelationsConfig = DEFAULT,
    cues: dict[Pair, list[Cue]] | None = None,
) -> tuple[Pair | None, str]:
    """The main pairing and its kind: ``romantic``, ``platonic`` or ``none``. With ``cues``,
    a pair whose romantic cues are all pecks is not a romantic candidate."""
    romantic = sorted(
        p for p, score in romance.items() if score > 0 and (cues is None or beyond_pecks(cues[p]))
    )
    if romantic:
        return max(romantic, key=lambda p: (evidence.score(p), romance[p])), "romantic"
    talking = sorted(p for p in found.pairs() if found.exchanges[p] + found.lines[p] > 0)
    strong = [p for p in talking if found.strength(p) >= config.min_platonic_strength]
    if strong:
        return max(strong, key=lambda p: (evidence.score(p), found.strength(p))), "platonic"
    return None, "none"
