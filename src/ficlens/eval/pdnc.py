"""The PDNC harness: run the real pipeline on each novel and score every gold quotation.

Two settings: ``end_to_end`` (ficlens's own characters stage finds the characters; a
predicted speaker is right when its names meet the gold character's main name or aliases
and it is the one predicted character that stands for that gold character, see
:mod:`ficlens.eval.scoring`; the lenient figure without that condition is reported beside)
and ``gold_characters`` (the PDNC character list stands in for the characters stage, see
:mod:`ficlens.eval.gold_characters`). Quotations are found by ficlens in both settings;
a gold quotation with no overlapping predicted quotation counts as wrong.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ficlens.document import Work
from ficlens.eval.gold_characters import add_gold_characters, character_id
from ficlens.eval.parse_cache import base_work, run_stages
from ficlens.eval.pdnc_data import Novel, read_novel
from ficlens.eval.scoring import GoldQuotation, Tally, character_names, normal_name, score_work

SETTINGS = ("end_to_end", "gold_characters")


@dataclass
class NovelResult:
    name: str
    words: int
    tallies: dict[str, Tally] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage that was timed
    # per setting, one row per gold quotation (ficlens.eval.scoring.score_work)
    outcomes: dict[str, list[dict]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        out: dict = {"novel": self.name, "words": self.words, "seconds": self.seconds}
        for setting in SETTINGS:
            out[setting] = self.tallies[setting].to_dict()
        return out


def _pipeline_order(name: str) -> int:
    from ficlens.pipeline import STAGE_NAMES

    return STAGE_NAMES.index(name) if name in STAGE_NAMES else len(STAGE_NAMES)


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
                      main_name.get(q.speaker, ""), q.speaker,
                      tuple((t, test(t)) for t in q.addressees))
        for q in novel.quotes
    ]


def evaluate_novel(folder: Path, cache_dir: Path | None = None) -> NovelResult:
    novel = read_novel(folder)
    result = NovelResult(novel.name, novel.words)
    base, _stages = base_work(novel.text, cache_dir, seconds=result.seconds)
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
    gold_work = copy_work(base)
    add_gold(gold_work)
    run_stages(gold_work, ["quotes"])  # timed in the end-to-end run below, not twice
    result.tallies["gold_characters"] = score_work(
        gold_work, gold_for(None), result.outcomes.setdefault("gold_characters", []))
    e2e = copy_work(base)
    result.seconds.update(run_stages(e2e, ["characters", "quotes"]))
    result.tallies["end_to_end"] = score_work(
        e2e, gold_for(character_names(e2e)), result.outcomes.setdefault("end_to_end", []))
    return result


OUTCOME_COLUMNS = ("novel", "setting", "start", "end", "type", "gold_speaker",
                   "predicted_speaker", "found", "right", "right_lenient", "confidence", "text")


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


def summarise(results: list[NovelResult]) -> dict:
    """The harness's one JSON object; the speed covers the stages that ran and were timed."""
    out: dict = {}
    for setting in SETTINGS:
        total = Tally()
        for r in results:
            total.merge(r.tallies[setting])
        out[setting] = total.to_dict()
    words = sum(r.words for r in results)
    seconds = sum(v for r in results for v in r.seconds.values())
    timed = sorted({k for r in results for k in r.seconds}, key=_pipeline_order)
    out["words_per_second"] = round(words / seconds, 1) if seconds else None
    out["words"] = words
    out["timed_stages"] = timed
    out["timing_note"] = (
        f"stages timed: {', '.join(timed) or 'none'}"
        + ("; segment and nlp came from the parse cache, untimed" if "nlp" not in timed
           else "; loading the spaCy model is part of the first nlp run")
    )
    out["per_novel"] = [r.to_dict() for r in results]
    return out
