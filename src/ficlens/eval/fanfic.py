"""The fan-fiction harness: ficlens on real fan fiction (``../shared/data/fanfic``), scored
against the hand annotation, per work and in total.

Each work is read with the current readers and analysed by the whole pipeline (what
``ficlens.analyze_path`` does); the gold quotations are first re-anchored on the text the
readers now build (:func:`ficlens.eval.fanfic_gold.reanchor`), and those that cannot be are
counted and left out. Two settings, as in the PDNC harness:

* ``end_to_end``: ficlens finds the characters; its characters are aligned **one to one**
  with the gold characters (:mod:`ficlens.eval.one_to_one`), and every figure reads the
  predictions through that alignment;
* ``gold_characters``: the gold character list (id and aliases; groups included) stands in
  for the characters stage (:mod:`ficlens.eval.gold_characters`), speakers and addressees
  only.

What is counted:

* speaker accuracy over the speech quotations (not ``NOT_SPEECH``), overall and by
  explicit / anaphoric / implicit; a quotation no detected speech quotation overlaps is
  wrong. A **joint line** (a list of speakers) is right when the predicted speaker is any one
  of them, since a quotation has one predicted speaker.
* addressee accuracy over the speech quotations whose gold addressee is not null: right when
  the predicted addressee is the gold one, or any one of a gold list. A **group entity**
  (``"group": true``, e.g. a guild addressed as a whole) is one gold character: right only
  when the predicted addressee is aligned with that group, not with one of its members.
* quote detection recall: share of gold speech quotations a detected speech quotation
  overlaps; non-speech called speech: ``NOT_SPEECH`` spans that a detected speech quotation
  matches (it covers at least half of the span and half of it lies inside the span).
* character recall: gold characters (groups excluded) who speak or are on stage and have an
  aligned predicted character; alias purity: of the names of aligned predicted characters,
  the share that are names of their gold character (equal to one of its aliases,
  descriptions or id; or holding a word only its names have and none only another
  character's has, so "Cullen Rutherford" is Cullen's and "Mr Scott" is not the Guardian's).
* gender: aligned characters whose gold gender is known (groups excluded), right when the
  predicted gender is the same.
* main pairing: the predicted ``pairing`` read through the alignment is right when it is the
  gold pair (unordered); with a gold triad, when it is two of its three. Works without a gold
  pairing are not scored.
* main pairing with tags: the same, where the pairing is read off the file's first romantic
  AO3 relationship tag whose names match two predicted characters (the text's pairing where
  none does). What a fan reads off the tags, not what the text says: reported beside the
  text-only figure, never instead of it. Each tag's audit row (main / background / absent,
  :mod:`ficlens.relations.tags`) is in the work's details.
* POV person: the person of the work's scenes, weighted by words, against the gold ``person``.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ficlens.document import Metadata, Span, Work
from ficlens.eval.fanfic_gold import (
    NOT_SPEECH,
    FanficCharacter,
    FanficGold,
    FanficQuote,
    read_gold,
    reanchor,
)
from ficlens.eval.gold_characters import add_gold_characters, character_id
from ficlens.eval.matching import match_quotes
from ficlens.eval.one_to_one import ADDRESSEE_WEIGHT, align, name_forms
from ficlens.eval.pdnc import copy_work
from ficlens.eval.pdnc_data import GoldCharacter
from ficlens.eval.rename import plan_renaming, rename_strings
from ficlens.eval.scoring import Tally
from ficlens.relations.tags import tagged_pairing

SETTINGS = ("end_to_end", "gold_characters")
SNIPPET = 80
MATCH_SHARE = 0.5


def _ratio(right: int, total: int) -> float | None:
    return round(right / total, 4) if total else None


@dataclass
class Count:
    """How many of ``total`` cases are hits (right, recalled, pure; or, for non-speech,
    called speech)."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def merge(self, other: Count) -> None:
        self.right += other.right
        self.total += other.total

    def to_dict(self) -> dict:
        return {"rate": _ratio(self.right, self.total), "count": self.right, "n": self.total}


COUNTS = ("not_speech_as_speech", "character_recall", "alias_purity", "gender", "pairing",
          "pairing_with_tags", "pov_person")


@dataclass
class WorkResult:
    name: str
    words: int
    quotes: int  # gold quotations in the file
    lost: int  # gold speech quotations that could not be re-anchored
    not_speech_gone: int = 0  # NOT_SPEECH spans no longer in the text (chrome now metadata)
    tallies: dict[str, Tally] = field(default_factory=dict)
    counts: dict[str, Count] = field(default_factory=lambda: {k: Count() for k in COUNTS})
    details: dict = field(default_factory=dict)
    outcomes: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "work": self.name, "words": self.words, "quotes": self.quotes,
            "reanchor_lost": self.lost,
            "not_speech_gone": self.not_speech_gone,
            **{s: self.tallies[s].to_dict() for s in SETTINGS if s in self.tallies},
            **{k: c.to_dict() for k, c in self.counts.items()},
            "details": self.details,
        }


# -- running ---------------------------------------------------------------------------


def _stage_split() -> tuple[list[str], list[str]]:
    from ficlens.pipeline import STAGE_NAMES

    k = STAGE_NAMES.index("characters")
    return list(STAGE_NAMES[:k]), list(STAGE_NAMES[k:])


def renamed(source: Work, gold: FanficGold) -> tuple[Work, FanficGold]:
    """The work and its gold with every character renamed (:mod:`ficlens.eval.rename`)."""
    renaming = plan_renaming(source.text, [c.names for c in gold.characters], gold.name)
    layers = {
        name: [Span(*renaming.span(s.start, s.end), dict(s.attrs)) for s in spans]
        for name, spans in source.layers.items()
    }
    work = Work(text=renaming.text, layers=layers,
                metadata=Metadata.from_dict(rename_strings(source.metadata.to_dict(), renaming)))
    characters = [
        replace(c, name=renaming.string(c.name or c.id),
                aliases=[renaming.string(a) for a in c.aliases],
                descriptions=[renaming.string(d) for d in c.descriptions])
        for c in gold.characters
    ]
    quotes = []
    for q in gold.quotes:
        start, end = renaming.span(q.start, q.end)
        quotes.append(replace(q, start=start, end=end, text=renaming.text[start:end]))
    pov = [{**p, **dict(zip(("start", "end"), renaming.span(p["start"], p["end"]),
                            strict=True))} for p in gold.pov]
    return work, replace(gold, characters=characters, quotes=quotes, pov=pov)


def evaluate_work(gold_path: Path, rename: bool = False) -> WorkResult:
    from ficlens.ingest import read_path
    from ficlens.pipeline import analyze

    gold = read_gold(gold_path)
    source = read_path(gold.story)
    anchored, lost = reanchor(gold.quotes, gold.text_length, source.text)
    gold = replace(gold, quotes=anchored)
    if rename:
        source, gold = renamed(source, gold)
    upstream, rest = _stage_split()
    analyze(source, upstream)
    speech_lost = [q for q in lost if q.speech]
    result = WorkResult(gold.name, source.word_count, len(anchored) + len(lost),
                        len(speech_lost), len(lost) - len(speech_lost))
    result.details["reanchor_lost"] = [[q.start, q.end] for q in speech_lost]
    result.details["not_speech_gone"] = [[q.start, q.end] for q in lost if not q.speech]

    given = copy_work(source)
    add_gold_characters(given, _gold_list(gold))
    analyze(given, ["quotes"])
    by_number = {character_id(n): c.id for n, c in enumerate(gold.characters)}
    result.tallies["gold_characters"] = _score_quotes(
        given, gold, by_number, result.outcomes, "gold_characters")

    work = copy_work(source)
    analyze(work, rest)
    _score_end_to_end(work, gold, result)
    return result


def _gold_list(gold: FanficGold) -> list[GoldCharacter]:
    return [GoldCharacter(n, c.name or c.id, list(c.aliases), c.gender or "U", "gold")
            for n, c in enumerate(gold.characters)]


# -- scoring ---------------------------------------------------------------------------


def _parts(quote: Span) -> list[tuple[int, int]]:
    return [tuple(p) for p in quote.get("parts") or [[quote.start, quote.end]]]


def _matches(work: Work, quotes: list[FanficQuote]) -> list[Span | None]:
    predicted = [q for q in work.layer("quotes") if q.get("speech")]
    found = match_quotes([[(q.start, q.end)] for q in quotes], [_parts(p) for p in predicted])
    return [predicted[k] if k >= 0 else None for k in found]


def _ids(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _score_quotes(
    work: Work, gold: FanficGold, to_gold: dict[str, str], outcomes: list[dict], setting: str
) -> Tally:
    names = {c["id"]: c.get("name") or c["id"] for c in work.tables.get("characters", [])}
    speech = [q for q in gold.quotes if q.speech]
    tally = Tally()
    for quote, match in zip(speech, _matches(work, speech), strict=True):
        speaker = match.get("speaker") if match is not None else None
        ok = to_gold.get(str(speaker)) in quote.speakers
        tally.add(quote.type, ok, match is not None)
        addressees = _ids(match.get("addressee")) if match is not None else []
        addressee_ok = None
        if quote.addressees:
            addressee_ok = any(to_gold.get(a) in quote.addressees for a in addressees)
            tally.addressee_total += 1
            tally.addressee_right += addressee_ok
        outcomes.append({
            "work": gold.name, "setting": setting, "start": quote.start, "end": quote.end,
            "type": quote.type, "gold_speaker": "|".join(quote.speakers),
            "predicted_speaker": names.get(speaker, speaker or ""),
            "predicted_as": to_gold.get(str(speaker), ""), "right": ok,
            "gold_addressee": "|".join(quote.addressees),
            "predicted_addressee": "|".join(names.get(a, a) for a in addressees),
            "addressee_right": "" if addressee_ok is None else addressee_ok,
            "found": match is not None,
            "text": " ".join(quote.text.split())[:SNIPPET],
        })
    return tally


def alignment(work: Work, gold: FanficGold) -> dict[str, str]:
    """Predicted character id -> gold id, one to one (:func:`ficlens.eval.one_to_one.align`)."""
    speech = [q for q in gold.quotes if q.speech]
    shared: Counter[tuple[str, str]] = Counter()
    for quote, match in zip(speech, _matches(work, speech), strict=True):
        if match is None:
            continue
        if match.get("speaker") is not None:
            for gid in quote.speakers:
                shared[(str(match["speaker"]), gid)] += 1 / len(quote.speakers)
        for pid in _ids(match.get("addressee")):
            for gid in quote.addressees:
                shared[(pid, gid)] += ADDRESSEE_WEIGHT
    predicted = {c["id"]: name_forms([c.get("name") or "", *(c.get("aliases") or [])])
                 for c in work.tables.get("characters", [])}
    gold_names = {c.id: name_forms([*c.names, *c.descriptions]) for c in gold.characters}
    return align(predicted, gold_names, shared)


def _score_end_to_end(work: Work, gold: FanficGold, result: WorkResult) -> None:
    to_gold = alignment(work, gold)
    result.tallies["end_to_end"] = _score_quotes(work, gold, to_gold, result.outcomes,
                                                 "end_to_end")
    by_id = {c.id: c for c in gold.characters}
    predicted = {c["id"]: c for c in work.tables.get("characters", [])}
    result.details["alignment"] = {
        predicted[p].get("name") or p: g for p, g in to_gold.items() if p in predicted}
    _not_speech(work, gold, result)
    _characters(gold, to_gold, result)
    _purity(predicted, to_gold, by_id, result)
    _gender(predicted, to_gold, by_id, result)
    _pairing(work, gold, to_gold, predicted, result)
    _person(work, gold, result)


def _not_speech(work: Work, gold: FanficGold, result: WorkResult) -> None:
    """Count the NOT_SPEECH spans a detected speech quotation matches, with an outcome row
    for each (right when it is not called speech)."""
    predicted = [q for q in work.layer("quotes") if q.get("speech")]
    names = {c["id"]: c.get("name") or c["id"] for c in work.tables.get("characters", [])}
    called = []
    for quote in (q for q in gold.quotes if not q.speech):
        size = quote.end - quote.start
        hit = next((p for p in predicted
                    if _overlap(quote, _parts(p)) >= MATCH_SHARE * size
                    and _overlap(quote, _parts(p)) >= MATCH_SHARE * sum(
                        e - s for s, e in _parts(p))), None)
        result.counts["not_speech_as_speech"].add(hit is not None)
        if hit is not None:
            called.append([quote.start, quote.end])
        speaker = hit.get("speaker") if hit is not None else None
        result.outcomes.append({
            "work": gold.name, "setting": "end_to_end", "start": quote.start, "end": quote.end,
            "type": NOT_SPEECH, "gold_speaker": NOT_SPEECH,
            "predicted_speaker": names.get(speaker, speaker or "") if hit is not None else "",
            "predicted_as": "", "right": hit is None, "gold_addressee": "",
            "predicted_addressee": "", "addressee_right": "", "found": hit is not None,
            "text": " ".join(quote.text.split())[:SNIPPET],
        })
    result.details["not_speech_as_speech"] = called


def _overlap(quote: FanficQuote, parts: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e, quote.end) - max(s, quote.start)) for s, e in parts)


def _characters(gold: FanficGold, to_gold: dict[str, str], result: WorkResult) -> None:
    speakers = {s for q in gold.quotes for s in q.speakers}
    aligned = set(to_gold.values())
    missed = []
    for char in gold.characters:
        if char.group or not (char.on_stage or char.id in speakers):
            continue
        result.counts["character_recall"].add(char.id in aligned)
        if char.id not in aligned:
            missed.append(char.id)
    result.details["characters_missed"] = missed


class _GoldNames:
    """Each gold character's name forms (names and descriptions), and the name words only
    one gold character has ("rutherford" of "Cullen Rutherford", not "spock" of two Spocks)."""

    def __init__(self, characters: list[FanficCharacter]) -> None:
        self.forms = {c.id: name_forms([*c.names, *c.descriptions]) for c in characters}
        owners: dict[str, set[str]] = {}
        for char in characters:
            for form in name_forms(char.names):
                for word in form.split():
                    owners.setdefault(word, set()).add(char.id)
        self.distinctive: dict[str, set[str]] = {c.id: set() for c in characters}
        for word, ids in owners.items():
            if len(ids) == 1:
                self.distinctive[next(iter(ids))].add(word)

    def belongs(self, name: str, gid: str) -> bool:
        """A name form of ``gid``, or one with a word only ``gid``'s names have and none
        only another's ("Dr McCoy", "Cullen Rutherford" for a Cullen)."""
        if name in self.forms[gid]:
            return True
        if any(name in forms for other, forms in self.forms.items() if other != gid):
            return False
        words = set(name.split())
        return bool(words & self.distinctive[gid]) and not any(
            words & found for other, found in self.distinctive.items() if other != gid)


def _purity(predicted: dict, to_gold: dict[str, str], by_id: dict[str, FanficCharacter],
            result: WorkResult) -> None:
    gold_names = _GoldNames(list(by_id.values()))
    impure = {}
    for pid, gid in to_gold.items():
        names = name_forms([predicted[pid].get("name") or "", *(predicted[pid].get("aliases")
                                                                 or [])])
        stray = sorted(n for n in names if not gold_names.belongs(n, gid))
        for name in names:
            result.counts["alias_purity"].add(name not in stray)
        if stray:
            impure[gid] = stray
    result.details["alias_strays"] = impure


def _gender(predicted: dict, to_gold: dict[str, str], by_id: dict[str, FanficCharacter],
            result: WorkResult) -> None:
    wrong = {}
    for pid, gid in to_gold.items():
        char = by_id[gid]
        if char.group or not char.gender:
            continue
        guess = str(predicted[pid].get("gender") or "")[:1].upper()
        result.counts["gender"].add(guess == char.gender)
        if guess != char.gender:
            wrong[gid] = f"{char.gender}->{guess or '?'}"
    result.details["gender_wrong"] = wrong


def _pairing(work: Work, gold: FanficGold, to_gold: dict[str, str], predicted: dict,
             result: WorkResult) -> None:
    pair = [str(p) for p in work.tables.get("pairing") or []]
    mapped = [to_gold.get(p) for p in pair]
    detail = work.tables.get("pairing_detail") or {}
    result.details["pairing"] = {
        "gold": gold.main_pairing,
        "predicted": [predicted.get(p, {}).get("name") or p for p in pair],
        "predicted_as": mapped, "kind": detail.get("kind") if isinstance(detail, dict) else None,
    }
    audit = work.tables.get("tag_audit") or []
    tagged = tagged_pairing(audit)
    result.details["tag_audit"] = [
        {**row, "characters": [to_gold.get(str(c)) if c else None for c in row["characters"]]}
        for row in audit
    ]
    if not gold.main_pairing:
        return
    result.counts["pairing"].add(_is_gold_pairing(mapped, gold.main_pairing))
    with_tags = [to_gold.get(p) for p in tagged] if tagged else mapped
    result.counts["pairing_with_tags"].add(_is_gold_pairing(with_tags, gold.main_pairing))


def _is_gold_pairing(mapped: list[str | None], gold_pairing: list[str]) -> bool:
    wanted = set(gold_pairing)
    return (None not in mapped and len(set(mapped)) == len(mapped) == min(2, len(wanted))
            and set(mapped) <= wanted)


def work_person(work: Work) -> str | None:
    """The narrative person of most of the work's words (scenes weighted by words)."""
    words: Counter[str] = Counter()
    for scene in work.layer("scenes"):
        if scene.get("person"):
            words[scene["person"]] += scene.get("words") or len(scene)
    return words.most_common(1)[0][0] if words else None


def _person(work: Work, gold: FanficGold, result: WorkResult) -> None:
    person = work_person(work)
    result.details["pov_person"] = {"gold": gold.person, "predicted": person}
    if gold.person:
        result.counts["pov_person"].add(person == gold.person)


# -- the whole set ---------------------------------------------------------------------


def summarise(results: list[WorkResult]) -> dict:
    out: dict = {}
    for setting in SETTINGS:
        total = Tally()
        for r in results:
            if setting in r.tallies:
                total.merge(r.tallies[setting])
        out[setting] = total.to_dict()
    for key in COUNTS:
        total_count = Count()
        for r in results:
            total_count.merge(r.counts[key])
        out[key] = total_count.to_dict()
    out["quotes"] = sum(r.quotes for r in results)
    out["reanchor_lost"] = sum(r.lost for r in results)
    out["not_speech_gone"] = sum(r.not_speech_gone for r in results)
    out["words"] = sum(r.words for r in results)
    out["per_work"] = [r.to_dict() for r in results]
    return out


# ``found`` says, for a NOT_SPEECH row, that a detected speech quotation matches the span.
OUTCOME_COLUMNS = ("run", "work", "setting", "start", "end", "type", "gold_speaker",
                   "predicted_speaker", "predicted_as", "right", "gold_addressee",
                   "predicted_addressee", "addressee_right", "found", "text")


def write_outcomes(runs: dict[str, list[WorkResult]], path: Path) -> None:
    """One row per gold speech quotation, setting and run (original / renamed), and one per
    NOT_SPEECH span (end to end, type ``NOT_SPEECH``, right when not called speech)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=OUTCOME_COLUMNS)
        writer.writeheader()
        for run, results in runs.items():
            for result in results:
                for row in result.outcomes:
                    writer.writerow({"run": run, **row})
