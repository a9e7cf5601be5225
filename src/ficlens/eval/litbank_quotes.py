"""The LitBank quotation harness: speaker accuracy on LitBank's annotated excerpts.

LitBank texts are tokenised, one sentence per line; quotations are given as token ranges
with a speaker entity from the coreference layer. ficlens detects the quotations itself
(a gold quotation no detected quotation overlaps counts as wrong). In the
``gold_characters`` setting the characters are LitBank's PER entities, named by their
proper-name mentions, with a gender voted by the pronouns in their chains.

The headline figures are over the excerpts of novels the speaker model never saw. Excerpts
of the novels it was trained on, and of the novels its rules and settings were tuned on
(``split`` in ``models/speaker.meta.json``), are scored apart, under ``apart``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ficlens.document import Span, Work
from ficlens.errors import InputError
from ficlens.eval.parse_cache import base_work
from ficlens.eval.pdnc import NovelResult, score_both_settings, summarise
from ficlens.eval.scoring import GoldQuotation, normal_name
from ficlens.models import shipped
from ficlens.quotes.config import tunables

_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_FIRST_PERSON = {"i", "me", "my", "mine", "myself"}


@dataclass
class Entity:
    id: str
    names: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, kind
    pronouns: Counter[str] = field(default_factory=Counter)
    narrated_i: int = 0  # first-person pronouns outside the quotations


@dataclass
class Excerpt:
    name: str
    text: str
    quotes: list[tuple[tuple[int, int], str]]  # (start, end), speaker entity id
    entities: dict[str, Entity]


def _token_offsets(text: str) -> list[list[tuple[int, int]]]:
    """Character offsets of each token, by sentence (line) and token position."""
    offsets = []
    pos = 0
    for line in text.split("\n"):
        tokens, col = [], 0
        for token in line.split(" "):
            tokens.append((pos + col, pos + col + len(token)))
            col += len(token) + 1
        offsets.append(tokens)
        pos += len(line) + 1
    return offsets


def _span(offsets, s_sent: str, s_tok: str, e_sent: str, e_tok: str) -> tuple[int, int]:
    return offsets[int(s_sent)][int(s_tok)][0], offsets[int(e_sent)][int(e_tok)][1]


def read_excerpt(quote_file: Path, coref_file: Path) -> Excerpt:
    text = quote_file.with_suffix(".txt").read_text(encoding="utf-8")
    offsets = _token_offsets(text)
    spans: dict[str, tuple[int, int]] = {}
    speakers: dict[str, str] = {}
    for line in quote_file.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if cols[0] == "QUOTE":
            spans[cols[1]] = _span(offsets, *cols[2:6])
        elif cols[0] == "ATTRIB":
            speakers[cols[1]] = cols[2]
    quotes = sorted((spans[q], speakers[q]) for q in spans if q in speakers)
    mentions: dict[str, tuple[int, int, str, str, str]] = {}
    entities: dict[str, Entity] = {}
    for line in coref_file.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if cols[0] == "MENTION" and len(cols) >= 9:
            start, end = _span(offsets, *cols[2:6])
            mentions[cols[1]] = (start, end, cols[6], cols[7], cols[8])
        elif cols[0] == "COREF" and cols[1] in mentions:
            start, end, words, category, kind = mentions[cols[1]]
            if category != "PER":
                continue
            entity = entities.setdefault(cols[2], Entity(cols[2]))
            if kind == "PROP":
                entity.names.add(words)
                entity.mentions.append((start, end, "proper"))
            elif kind == "NOM":
                entity.mentions.append((start, end, "nominal"))
            else:
                entity.pronouns[words.lower()] += 1
                if words.lower() in _FIRST_PERSON and not _quoted(start, quotes):
                    entity.narrated_i += 1
    return Excerpt(quote_file.stem, text, quotes, entities)


def _quoted(offset: int, quotes: list[tuple[tuple[int, int], str]]) -> bool:
    return any(s <= offset < e for (s, e), _speaker in quotes)


def add_gold_entities(work: Work, excerpt: Excerpt) -> None:
    """The ``characters`` table and ``mentions`` layer from LitBank's PER entities."""
    table, spans = [], []
    narrator = _narrator(excerpt)
    speakers = {speaker for _span, speaker in excerpt.quotes}
    for entity in excerpt.entities.values():
        if not (entity.names or entity is narrator or entity.id in speakers):
            continue
        male = sum(n for p, n in entity.pronouns.items() if p in _MALE)
        female = sum(n for p, n in entity.pronouns.items() if p in _FEMALE)
        gender = "M" if male > female else "F" if female > male else "U"
        names = sorted(entity.names, key=lambda n: (-len(n), n)) or [_description(excerpt,
                                                                                 entity)]
        table.append({"id": entity.id, "name": names[0], "aliases": names[1:], "gender": gender,
                      "mentions": len(entity.mentions), "on_stage": True,
                      "narrator": entity is narrator})
        spans.extend(Span(s, e, {"character": entity.id, "kind": k}) for s, e, k in entity.mentions)
    work.set_table("characters", table)
    work.add_layer("mentions", spans)


def _narrator(excerpt: Excerpt) -> Entity | None:
    """The entity called "I" in the narration, outside the quotations, in an excerpt told in
    the first person: LitBank gives such a narrator no name, but the quote stage needs them
    listed (as PDNC's character lists do)."""
    best = max(excerpt.entities.values(), key=lambda e: e.narrated_i, default=None)
    words = len(excerpt.text.split())
    if best is None or best.narrated_i * 1000 < tunables().first_person_rate * words:
        return None
    return best


def _description(excerpt: Excerpt, entity: Entity) -> str:
    """A name for an entity LitBank names only by descriptions: its first nominal mention
    ("the old sea-dog"), or "the narrator"."""
    nominal = sorted((s, e) for s, e, kind in entity.mentions if kind == "nominal")
    return excerpt.text[nominal[0][0] : nominal[0][1]] if nominal else "the narrator"


def _gold(excerpt: Excerpt, names_of: dict[str, set[str]] | None) -> list[GoldQuotation]:
    def test(entity_id: str):
        if names_of is None:
            return lambda cid: cid == entity_id
        entity = excerpt.entities.get(entity_id)
        wanted = {normal_name(n) for n in entity.names} if entity else set()
        return lambda cid: bool(cid) and bool(wanted & names_of.get(cid, set()))

    return [
        GoldQuotation([span], "", test(speaker), speaker_id=speaker)
        for span, speaker in excerpt.quotes
    ]


def evaluate_excerpt(excerpt: Excerpt, cache_dir: Path | None) -> NovelResult:
    result = NovelResult(excerpt.name, len(excerpt.text.split()))
    base, _stages = base_work(excerpt.text, cache_dir, seconds=result.seconds)
    return score_both_settings(
        result, base,
        lambda work: add_gold_entities(work, excerpt),
        lambda names_of: _gold(excerpt, names_of),
    )


def excerpts(data: Path) -> list[Excerpt]:
    quote_dir = data / "quotations" / "tsv"
    coref_dir = data / "coref" / "tsv"
    if not quote_dir.is_dir() or not coref_dir.is_dir():
        raise InputError(f"{data}: not a LitBank folder (needs quotations/tsv and coref/tsv)")
    found = []
    for quote_file in sorted(quote_dir.glob("*.ann")):
        coref_file = coref_dir / quote_file.name
        if coref_file.exists():
            excerpt = read_excerpt(quote_file, coref_file)
            if excerpt.quotes:
                found.append(excerpt)
    if not found:
        raise InputError(f"{data}: no LitBank excerpts with quotations found")
    return found


def speaker_split(meta: Path = shipped("speaker.meta.json")) -> dict[str, str]:
    """Novel key (letters only, lower case) -> ``train`` or ``dev``: the PDNC novels the
    shipped speaker model was trained and tuned on."""
    split = json.loads(meta.read_text(encoding="utf-8")).get("split", {})
    return {_key(name): part for part in ("train", "dev") for name in split.get(part, [])}


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def excerpt_group(name: str, split: dict[str, str]) -> str:
    """``training_novels``, ``dev_novels`` or ``held_out`` for a LitBank excerpt named
    ``<gutenberg id>_<title>`` (a title may run on: "the_awakening_and_selected_...")."""
    title = _key(name.split("_", 1)[-1])
    for novel, part in split.items():
        if title.startswith(novel):
            return "training_novels" if part == "train" else "dev_novels"
    return "held_out"


def evaluate(data: Path, cache_dir: Path | None = None) -> dict:
    split = speaker_split()
    groups: dict[str, list[NovelResult]] = {"held_out": [], "dev_novels": [],
                                            "training_novels": []}
    for excerpt in excerpts(data):
        groups[excerpt_group(excerpt.name, split)].append(evaluate_excerpt(excerpt, cache_dir))
    summary = summarise(groups["held_out"])
    summary["quotations"] = "detected by ficlens, matched to gold spans by overlap"
    summary["set"] = "excerpts of novels the speaker model was neither trained nor tuned on"
    summary["apart"] = {
        name: {**_settings(summarise(results)), "excerpts": [r.name for r in results]}
        for name, results in groups.items()
        if name != "held_out" and results
    }
    return summary


def _settings(summary: dict) -> dict:
    return {k: summary[k] for k in ("end_to_end", "gold_characters")}
