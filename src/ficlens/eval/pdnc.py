"""The PDNC harness: run the real pipeline on each novel and score every gold quotation.

Two settings: ``end_to_end`` (ficlens's own characters stage finds the characters; a
predicted speaker is right when its names meet the gold character's main name or aliases)
and ``gold_characters`` (the PDNC character list stands in for the characters stage, see
:mod:`ficlens.eval.gold_characters`). Quotations are found by ficlens in both settings;
a gold quotation with no overlapping predicted quotation counts as wrong.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ficlens.document import Work
from ficlens.eval.gold_characters import add_gold_characters, character_id
from ficlens.eval.pdnc_data import Novel, read_novel
from ficlens.eval.runner import base_work, registered
from ficlens.eval.scoring import GoldQuotation, Tally, character_names, normal_name, score_work

SETTINGS = ("end_to_end", "gold_characters")


@dataclass
class NovelResult:
    name: str
    words: int
    tallies: dict[str, Tally] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float | None] = field(default_factory=dict)
    # per setting, one row per gold quotation (ficlens.eval.scoring.score_work)
    outcomes: dict[str, list[dict]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        out: dict = {"novel": self.name, "words": self.words, "seconds": self.seconds}
        for setting in SETTINGS:
            if setting in self.tallies:
                out[setting] = self.tallies[setting].to_dict()
            else:
                out[setting] = {"unavailable": self.unavailable.get(setting, "not run")}
        return out


def copy_work(work: Work) -> Work:
    """A Work sharing the upstream layers, so each setting adds its own on top."""
    return Work(text=work.text, metadata=work.metadata, layers=dict(work.layers),
                tables=dict(work.tables), cache=dict(work.cache))


def gold_quotations(novel: Novel, names_of: dict[str, set[str]] | None) -> list[GoldQuotation]:
    """Gold quotations with a test for the speaker: by id (gold characters) or by name."""
    names = {c.id: {normal_name(n) for n in c.names if not n.startswith("_")}
             for c in novel.characters}

    def by_id(target: int | None):
        return lambda cid: target is not None and cid == character_id(target)

    def by_name(target: int | None):
        wanted = names.get(target, set())
        return lambda cid: bool(cid) and bool(wanted & names_of.get(cid, set()))

    def one_of(targets: list[int], test):
        tests = [test(t) for t in targets]
        return lambda cid: any(t(cid) for t in tests)

    test = by_id if names_of is None else by_name
    main_name = {c.id: c.name for c in novel.characters}
    return [
        GoldQuotation(q.spans, q.type, test(q.speaker),
                      one_of(q.addressees, test) if q.addressees else None,
                      main_name.get(q.speaker, ""))
        for q in novel.quotes
    ]


def timed(seconds: dict, key: str, func, *args) -> None:
    t0 = time.perf_counter()
    func(*args)
    seconds[key] = round(time.perf_counter() - t0, 3)


def evaluate_novel(folder: Path, cache_dir: Path | None = None) -> NovelResult:
    novel = read_novel(folder)
    result = NovelResult(novel.name, novel.words)
    t0 = time.perf_counter()
    base, stages = base_work(novel.text, cache_dir)
    upstream = round(time.perf_counter() - t0, 3)
    result.seconds["+".join(stages)] = upstream

    return score_both_settings(
        result, base,
        lambda work: add_gold_characters(work, novel.characters),
        lambda names_of: gold_quotations(novel, names_of),
    )


def score_both_settings(
    result: NovelResult,
    base: Work,
    add_gold: Callable[[Work], None],
    gold_for: Callable[[dict[str, set[str]] | None], list[GoldQuotation]],
) -> NovelResult:
    """Run the quote stage on copies of ``base`` with the gold characters and with ficlens's
    own characters, and score each against the gold quotations."""
    from ficlens.quotes import run as quotes_run

    gold_work = copy_work(base)
    add_gold(gold_work)
    timed(result.seconds, "quotes", quotes_run, gold_work)
    result.tallies["gold_characters"] = score_work(
        gold_work, gold_for(None), result.outcomes.setdefault("gold_characters", []))
    characters = registered("characters")
    if characters is None:
        result.unavailable["end_to_end"] = "the characters stage is not available in this build"
        return result
    e2e = copy_work(base)
    timed(result.seconds, "characters", characters.load(), e2e)
    timed(result.seconds, "quotes_end_to_end", quotes_run, e2e)
    result.tallies["end_to_end"] = score_work(
        e2e, gold_for(character_names(e2e)), result.outcomes.setdefault("end_to_end", []))
    return result


def _pipeline_seconds(result: NovelResult) -> float:
    """One run of the pipeline: upstream stages, characters and the quote stage once."""
    skip = "quotes" if "quotes_end_to_end" in result.seconds else ""
    return sum(v for k, v in result.seconds.items() if v is not None and k != skip)


OUTCOME_COLUMNS = ("novel", "setting", "start", "end", "type", "gold_speaker",
                   "predicted_speaker", "found", "right", "confidence", "text")


def write_outcomes(results: list[NovelResult], path: Path) -> None:
    """Every gold quotation of every novel, both settings, as one CSV table: what each
    setting got right and wrong, to read or filter without rerunning the harness."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=OUTCOME_COLUMNS)
        writer.writeheader()
        for result in results:
            for setting in SETTINGS:
                for row in result.outcomes.get(setting, []):
                    writer.writerow({"novel": result.name, "setting": setting, **row})


def summarise(results: list[NovelResult], cached: bool) -> dict:
    """The harness's one JSON object."""
    out: dict = {}
    for setting in SETTINGS:
        total = Tally()
        reasons = {r.unavailable[setting] for r in results if setting in r.unavailable}
        if reasons:
            out[setting] = {"unavailable": "; ".join(sorted(reasons))}
            continue
        for r in results:
            total.merge(r.tallies[setting])
        out[setting] = total.to_dict()
    words = sum(r.words for r in results)
    seconds = sum(_pipeline_seconds(r) for r in results)
    out["words_per_second"] = round(words / seconds, 1) if seconds else None
    out["words"] = words
    out["timing_note"] = (
        "upstream stages (segment, nlp) were read from the cache, so words_per_second "
        "covers only what ran" if cached else "all stages timed in this run"
    )
    out["per_novel"] = [r.to_dict() for r in results]
    return out
