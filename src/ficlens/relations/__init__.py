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
  ``score``, ``category`` (F/M, M/M, F/F, Multi, Other, Gen), ``evidence`` (cues).

How each part is decided is in the submodules: :mod:`references` (who is referred to
where), :mod:`interactions`, :mod:`cues`, :mod:`pairing`, :mod:`warmth`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ficlens.arc.valence import sentence_valence
from ficlens.document import Work
from ficlens.relations.cues import Cue, find_cues
from ficlens.relations.interactions import Interactions, Pair, count_interactions
from ficlens.relations.pairing import (
    SIDE_PAIRING_SHARE,
    ao3_label,
    ao3_name,
    category,
    choose_main,
    romance_score,
)
from ficlens.relations.references import characters, genders
from ficlens.relations.warmth import mean_warmth, pair_sentences, warmth_curve

EVIDENCE_SHOWN = 5


def run(work: Work) -> None:
    scored = sentence_valence(work)
    sentences = [(s.start, s.end) for s in scored]
    found = count_interactions(work, sentences)
    cues_by_pair: dict[Pair, list[Cue]] = defaultdict(list)
    for cue in find_cues(work, sentences):
        cues_by_pair[cue.pair].append(cue)
    # sorted, so that ties between pairs break the same way on every run
    pairs = sorted({p for p in found.pairs() if _talk_or_mention(found, p)} | set(cues_by_pair))
    length = len(work.text)
    romance = {p: romance_score(cues_by_pair[p], found.strength(p), length) for p in pairs}
    shared = pair_sentences(work, scored)
    rows = [_row(p, found, cues_by_pair[p], romance[p], shared.get(p, []), length) for p in pairs]
    rows.sort(key=lambda r: (-r["romance_score"], -r["strength"], r["source"], r["target"]))
    work.set_table("relationships", rows)
    main, kind = choose_main(romance, found)
    names = {cid: ao3_name(c) for cid, c in characters(work).items()}
    ordered = sorted(main, key=lambda c: names.get(c, c).casefold()) if main else None
    work.set_table("pairing", ordered)
    work.set_table("pairing_detail", _detail(main, kind, romance, found, cues_by_pair, names, work))


def _talk_or_mention(found: Interactions, pair: Pair) -> bool:
    return found.lines[pair] + found.exchanges[pair] + found.mentions[pair] > 0


def _row(
    pair: Pair, found: Interactions, cues: list[Cue], romance: float, shared: list, length: int
) -> dict[str, Any]:
    return {
        "source": pair[0],
        "target": pair[1],
        "lines": found.lines[pair],
        "exchanges": found.exchanges[pair],
        "co_scenes": found.co_scenes[pair],
        "mentions": found.mentions[pair],
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
) -> dict[str, Any]:
    if main is None:
        return {"ao3": None, "kind": "none", "score": 0.0, "category": "Gen", "evidence": []}
    top = romance[main] if kind == "romantic" else 0.0
    romantic_pairs = [p for p, s in romance.items() if s > 0 and s >= SIDE_PAIRING_SHARE * top]
    evidence = sorted(cues_by_pair.get(main, []), key=lambda c: c.start)[:EVIDENCE_SHOWN]
    return {
        "ao3": ao3_label(main, names, kind == "romantic"),
        "kind": kind,
        "score": top if kind == "romantic" else round(found.strength(main), 2),
        "category": category(romantic_pairs, genders(work)),
        "evidence": [
            {"type": c.type, "evidence": [c.start, c.end], "cue": c.cue} for c in evidence
        ],
    }
