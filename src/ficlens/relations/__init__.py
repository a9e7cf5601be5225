"""Pipeline stage ``relations``: the interaction network, relation types and the main pairing.

Reads who is referred to where as coreference publishes it (layer ``referents``,
:mod:`ficlens.coref.readings`, with the ``mentions`` names), ``characters``, ``quotes``
(speakers and addressees), ``scenes``, ``speech_tags`` and the ``valence`` layer
(:mod:`ficlens.valence`). Adds:

* table ``relationships``: one entry per pair that talks, is mentioned together or has a
  relation cue, strongest first: ``source``, ``target`` (character ids, sorted), ``lines``,
  ``exchanges``, ``co_scenes``, ``mentions``, ``strength``, ``types`` (``[{type, evidence:
  [start, end], cue, count}]``), ``romance_score``, ``warmth`` (``warmth_bins`` means or
  null, over the story), ``warmth_mean``;
* table ``pairing``: the two character ids of the main pairing (AO3 order) or null;
* table ``tag_audit``: the file's AO3 relationship tags beside the text's pairing
  (:mod:`tags`: main / background / absent; the tags never decide the pairing);
* table ``pairing_detail``: ``ao3`` label, ``kind`` (romantic / platonic / none),
  ``score``, ``category`` (F/M, M/M, F/F, Multi, Other, Gen), ``evidence`` (cues),
  ``channels`` (the main pair's share of each evidence channel, 0..1, and ``weighed``,
  their weighted sum).

How each part is decided is in the submodules: :mod:`readings` (the references and quotes
counted), :mod:`interactions`, :mod:`cues`, :mod:`evidence` (the channels weighed for the main
pairing), :mod:`pairing`, :mod:`warmth`; the tunables are in :mod:`config`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

from ficlens.coref.readings import characters, genders
from ficlens.document import Work
from ficlens.relations.config import DEFAULT, RelationsConfig
from ficlens.relations.cues import Cue, cue_matches, find_cues
from ficlens.relations.evidence import PairEvidence, collect
from ficlens.relations.interactions import (
    Interactions,
    Pair,
    count_interactions,
)
from ficlens.relations.pairing import (
    ao3_label,
    ao3_name,
    category,
    choose_main,
    romance_cues,
    romance_score,
)
from ficlens.relations.readings import reading_of
from ficlens.relations.tags import audit
from ficlens.relations.warmth import mean_warmth, pair_sentences, warmth_curve
from ficlens.stage import Stage
from ficlens.valence import read_valence

__all__ = ["STAGE", "RelationsConfig", "run"]


def run(work: Work, config: RelationsConfig = DEFAULT) -> None:
    scored = read_valence(work)
    sentences = [(s.start, s.end) for s in scored]
    reading = reading_of(work)
    gender = genders(work)
    found = count_interactions(work, sentences, reading, config.reply_gap)
    cues_by_pair: dict[Pair, list[Cue]] = defaultdict(list)
    found_cues = find_cues(work, sentences, reading, cue_matches(work), gender, config.reply_gap)
    for cue in _one_per_place(found_cues):
        cues_by_pair[cue.pair].append(cue)
    # sorted, so that ties between pairs break the same way on every run
    pairs = sorted({p for p in found.pairs() if _talk_or_mention(found, p)} | set(cues_by_pair))
    length = len(work.text)
    romance = {
        p: romance_score(cues_by_pair[p], found.strength(p), length, config) for p in pairs
    }
    shared = pair_sentences(work, scored)
    rows = [
        _row(p, found, cues_by_pair[p], romance[p], shared.get(p, []), length, config)
        for p in pairs
    ]
    rows.sort(key=lambda r: (-r["romance_score"], -r["strength"], r["source"], r["target"]))
    work.set_table("relationships", rows)
    evidence = collect(
        work, found, {p: romance_cues(cues_by_pair[p], length, config) for p in pairs}
    )
    main, kind = choose_main(romance, found, evidence, config, cues_by_pair)
    names = {cid: ao3_name(c) for cid, c in characters(work).items()}
    ordered = sorted(main, key=lambda c: names.get(c, c).casefold()) if main else None
    work.set_table("pairing", ordered)
    detail = _detail(main, kind, romance, found, cues_by_pair, names, gender, evidence, config)
    work.set_table("pairing_detail", detail)
    meeting = set(pairs) | {p for p in found.pairs() if found.co_scenes[p] > 0}
    tags = work.metadata.relationships if work.metadata is not None else []
    work.set_table("tag_audit", audit(tags, characters(work), main, meeting))


def _one_per_place(cues: list[Cue]) -> list[Cue]:
    """One cue per (pair, kind, offsets), in text order; a cue found twice there counts
    with both confidences."""
    merged: dict[tuple, Cue] = {}
    for cue in cues:
        key = (cue.pair, cue.type, cue.kind, cue.start, cue.end)
        seen = merged.get(key)
        merged[key] = replace(cue, confidence=cue.confidence + (seen.confidence if seen else 0.0))
    return sorted(merged.values(), key=lambda c: (c.start, c.pair))


def _talk_or_mention(found: Interactions, pair: Pair) -> bool:
    return found.lines[pair] + found.exchanges[pair] + found.mentions[pair] > 0


def _row(
    pair: Pair,
    found: Interactions,
    cues: list[Cue],
    romance: float,
    shared: list,
    length: int,
    config: RelationsConfig,
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
        "warmth": warmth_curve(shared, length, config.warmth_bins),
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
    gender: dict[str, str | None],
    weighed: PairEvidence,
    config: RelationsConfig,
) -> dict[str, Any]:
    if main is None:
        return {
            "ao3": None, "kind": "none", "score": 0.0, "category": "Gen", "evidence": [],
            "channels": {},
        }  # fmt: skip
    top = romance[main] if kind == "romantic" else 0.0
    floor = config.side_pairing_share * weighed.score(main)
    romantic_pairs = [p for p, s in romance.items() if s > 0 and weighed.score(p) >= floor]
    evidence = sorted(cues_by_pair.get(main, []), key=lambda c: c.start)[: config.evidence_shown]
    return {
        "ao3": ao3_label(main, names, kind == "romantic"),
        "kind": kind,
        "score": top if kind == "romantic" else round(found.strength(main), 2),
        "category": category(romantic_pairs, gender),
        "evidence": [
            {"type": c.type, "evidence": [c.start, c.end], "cue": c.cue} for c in evidence
        ],
        "channels": _channels(weighed, main),
    }


def _channels(weighed: PairEvidence, pair: Pair) -> dict[str, float]:
    shares = {name: round(share, 3) for name, share in weighed.shares(pair).items()}
    return {**shares, "weighed": round(weighed.score(pair), 3)}


STAGE = Stage(
    name="relations",
    summary="interaction network, relation types, main pairing",
    run=run,
    assigns=("relationships", "pairing", "pairing_detail", "tag_audit"),
    requires=("referents", "valence"),
    reads=("characters", "mentions", "quotes", "scenes", "speech_tags", "tokens", "sentences"),
    default=DEFAULT,
)
