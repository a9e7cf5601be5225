"""Pipeline stage ``relations``: the interaction network, relation types and the main pairing.

Reads ``characters``, ``mentions``, ``quotes``, ``coref`` and ``scenes`` when earlier stages
made them (each is optional) and the sentence valence of :mod:`ficlens.arc.valence`. Adds:

* table ``relationships``: one entry per pair that talks, is mentioned together or has a
  relation cue, strongest first: ``source``, ``target`` (character ids, sorted), ``lines``,
  ``exchanges``, ``co_scenes``, ``mentions``, ``strength``, ``types`` (``[{type, evidence:
  [start, end], cue, count}]``), ``romance_score``, ``warmth`` (``WARMTH_BINS`` means or
  null, over the story), ``warmth_mean``;
* table ``pairing``: the two character ids of the main pairing (AO3 order) or null;
* table ``pairing_detail``: ``ao3`` label, ``kind`` (romantic / platonic / none),
  ``score``, ``category`` (F/M, M/M, F/F, Multi, Other, Gen), ``evidence`` (cues),
  ``channels`` (the main pair's share of each evidence channel, 0..1, and ``weighed``,
  their weighted sum).

Counts in ``relationships`` are means over the two readings, rounded.

How each part is decided is in the submodules: :mod:`references` (who is referred to
where), :mod:`readings` (the story read twice, by the upstream models and by convention:
every count and cue is the mean of the two), :mod:`interactions`, :mod:`cues`,
:mod:`evidence` (the channels weighed for the main pairing), :mod:`pairing`, :mod:`warmth`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from ficlens.arc.valence import sentence_valence
from ficlens.document import Work
from ficlens.relations.cues import EVENTS_KEY, Cue, find_cues
from ficlens.relations.evidence import PairEvidence, collect
from ficlens.relations.interactions import (
    Interactions,
    Pair,
    count_interactions,
    mean_interactions,
)
from ficlens.relations.pairing import (
    SIDE_PAIRING_SHARE,
    ao3_label,
    ao3_name,
    category,
    choose_main,
    romance_cues,
    romance_score,
)
from ficlens.relations.readings import CACHE_KEY as READINGS_KEY
from ficlens.relations.readings import both_readings
from ficlens.relations.references import CACHE_KEY as REFERENCES_KEY
from ficlens.relations.references import GENDERS_KEY, GRAMMAR_KEY, characters, genders
from ficlens.relations.warmth import mean_warmth, pair_sentences, warmth_curve

EVIDENCE_SHOWN = 5


def run(work: Work) -> None:
    for key in (REFERENCES_KEY, GRAMMAR_KEY, GENDERS_KEY, READINGS_KEY, EVENTS_KEY):
        work.cache.pop(key, None)  # the layers may have changed since a previous run
    scored = sentence_valence(work)
    sentences = [(s.start, s.end) for s in scored]
    both = both_readings(work)
    found = mean_interactions([count_interactions(work, sentences, r) for r in both])
    cues_by_pair: dict[Pair, list[Cue]] = defaultdict(list)
    for cue in _mean_cues([find_cues(work, sentences, r) for r in both]):
        cues_by_pair[cue.pair].append(cue)
    # sorted, so that ties between pairs break the same way on every run
    pairs = sorted({p for p in found.pairs() if _talk_or_mention(found, p)} | set(cues_by_pair))
    length = len(work.text)
    romance = {p: romance_score(cues_by_pair[p], found.strength(p), length) for p in pairs}
    shared = pair_sentences(work, scored)
    rows = [_row(p, found, cues_by_pair[p], romance[p], shared.get(p, []), length) for p in pairs]
    rows.sort(key=lambda r: (-r["romance_score"], -r["strength"], r["source"], r["target"]))
    work.set_table("relationships", rows)
    evidence = collect(work, found, {p: romance_cues(cues_by_pair[p], length) for p in pairs})
    main, kind = choose_main(romance, found, evidence)
    names = {cid: ao3_name(c) for cid, c in characters(work).items()}
    ordered = sorted(main, key=lambda c: names.get(c, c).casefold()) if main else None
    work.set_table("pairing", ordered)
    detail = _detail(main, kind, romance, found, cues_by_pair, names, work, evidence)
    work.set_table("pairing_detail", detail)


def _mean_cues(per_reading: list[list[Cue]]) -> list[Cue]:
    """One cue per (pair, kind, offsets), its confidence averaged over the readings (a cue
    only one reading finds counts for half)."""
    merged: dict[tuple, Cue] = {}
    for cues in per_reading:
        for cue in cues:
            key = (cue.pair, cue.type, cue.kind, cue.start, cue.end)
            share = cue.confidence / len(per_reading)
            seen = merged.get(key)
            merged[key] = replace(cue, confidence=share + (seen.confidence if seen else 0.0))
    return sorted(merged.values(), key=lambda c: (c.start, c.pair))


def _talk_or_mention(found: Interactions, pair: Pair) -> bool:
    return found.lines[pair] + found.exchanges[pair] + found.mentions[pair] > 0


def _row(
    pair: Pair, found: Interactions, cues: list[Cue], romance: float, shared: list, length: int
) -> dict[str, Any]:
    return {
        "source": pair[0],
        "target": pair[1],
        "lines": round(found.lines[pair]),
        "exchanges": round(found.exchanges[pair]),
        "co_scenes": round(found.co_scenes[pair]),
        "mentions": round(found.mentions[pair]),
        "strength": round(found.strength(pair), 2),
        "types": _types(cues),
        "romance_score": romance,
        "warmth": warmth_curve(shared, length),
        "warmth_mean": mean_warmth(shared),
    }


def _types(cues: list[Cue]) -> list[dict[str, Any]]:
    """One entry per relation type: its first cue as evidence, and how many cues said so."""
    first: dict[str, Cue] = {}
    count: dict[str, int] = defaultdict(int)
    for cue in sorted(cues, key=lambda c: c.start):
        first.setdefault(cue.type, cue)
        count[cue.type] += 1
    return [
        {"type": t, "evidence": [c.start, c.end], "cue": c.cue, "count": count[t]}
        for t, c in first.items()
    ]


def _detail(
    main: Pair | None,
    kind: str,
    romance: dict[Pair, float],
    found: Interactions,
    cues_by_pair: dict[Pair, list[Cue]],
    names: dict[str, str],
    work: Work,
    weighed: PairEvidence,
) -> dict[str, Any]:
    if main is None:
        return {
            "ao3": None, "kind": "none", "score": 0.0, "category": "Gen", "evidence": [],
            "channels": {},
        }  # fmt: skip
    top = romance[main] if kind == "romantic" else 0.0
    floor = SIDE_PAIRING_SHARE * weighed.score(main)
    romantic_pairs = [p for p, s in romance.items() if s > 0 and weighed.score(p) >= floor]
    evidence = sorted(cues_by_pair.get(main, []), key=lambda c: c.start)[:EVIDENCE_SHOWN]
    return {
        "ao3": ao3_label(main, names, kind == "romantic"),
        "kind": kind,
        "score": top if kind == "romantic" else round(found.strength(main), 2),
        "category": category(romantic_pairs, genders(work)),
        "evidence": [
            {"type": c.type, "evidence": [c.start, c.end], "cue": c.cue} for c in evidence
        ],
        "channels": _channels(weighed, main),
    }


def _channels(weighed: PairEvidence, pair: Pair) -> dict[str, float]:
    shares = {name: round(share, 3) for name, share in weighed.shares(pair).items()}
    return {**shares, "weighed": round(weighed.score(pair), 3)}
