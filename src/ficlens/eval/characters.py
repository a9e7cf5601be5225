"""Measuring the character finder on PDNC's character lists (``character_info.csv``).

For the major and intermediate characters of each novel:

* **recall**: some predicted character's aliases include the gold main name or an alias;
* **purity**: a predicted character whose aliases belong to two or more gold characters is
  impure (share of matched predicted characters that are pure, and mention-weighted);
* **gender accuracy**: for found characters with gold gender M/F, the predicted gender of the
  best-matching predicted character (most mentions);
* **speaker recall** (weighted by each gold speaker's quotes in ``quotation_info.csv``, any kind
  of predicted character, names compared as ``ficlens eval pdnc`` compares them): the share of
  quotes whose speaker some predicted character names; **speaker whole**: the share whose
  speaker is named by exactly one predicted character, and that one names no other gold
  character -- what end-to-end attribution needs.

Run: ``ficlens eval characters --data ../shared/data/pdnc/data [--novels A,B] [--cache DIR]``
(parsed novels cached as every harness caches them, :mod:`ficlens.eval.parse_cache`).
"""

from __future__ import annotations

import ast
import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ficlens.errors import InputError
from ficlens.eval.parse_cache import base_work, run_stages
from ficlens.eval.scoring import normal_name

EVALUATED_CATEGORIES = ("major", "intermediate")


@dataclass(frozen=True)
class GoldCharacter:
    name: str
    names: frozenset[str]
    gender: str
    category: str


def read_gold(novel_dir: Path) -> list[GoldCharacter]:
    path = novel_dir / "character_info.csv"
    if not path.exists():
        raise InputError(f"{path}: no character_info.csv (not a PDNC novel folder)")
    gold = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            aliases = ast.literal_eval(row["Aliases"]) if row["Aliases"].strip() else []
            names = frozenset(a.strip() for a in [row["Main Name"], *aliases] if a.strip())
            gold.append(
                GoldCharacter(
                    row["Main Name"].strip(), names, row["Gender"].strip(), row["Category"].strip()
                )
            )
    return gold


def read_speaker_counts(novel_dir: Path) -> Counter[str]:
    """Quotes spoken by each gold speaker (main name); unknowable speakers left out."""
    path = novel_dir / "quotation_info.csv"
    if not path.exists():
        return Counter()
    with path.open(encoding="utf-8", newline="") as handle:
        speakers = (row["speaker"].strip() for row in csv.DictReader(handle))
        return Counter(s for s in speakers if s and not s.startswith("_"))


def score_speakers(predicted: list[dict], gold: list[GoldCharacter], quotes: Counter[str]) -> dict:
    by_name: dict[str, str] = {}
    for g in gold:
        for name in g.names:
            by_name.setdefault(name, g.name)  # as ficlens.eval.pdnc_data reads speakers
    spoken: Counter[str] = Counter()
    for name, n in quotes.items():
        if name in by_name:
            spoken[by_name[name]] += n
    quotes = spoken
    owner: dict[str, set[str]] = {}
    for g in gold:
        for name in g.names:
            owner.setdefault(normal_name(name), set()).add(g.name)
    matches: dict[str, list[set[str]]] = {}
    for character in predicted:
        names = {normal_name(n) for n in [character["name"], *character["aliases"]]}
        owners = set().union(*(owner.get(n, set()) for n in names))
        for gold_name in owners:
            matches.setdefault(gold_name, []).append(owners)
    found = sum(n for name, n in quotes.items() if name in matches)
    whole = sum(
        n
        for name, n in quotes.items()
        if len(matches.get(name, [])) == 1 and matches[name][0] == {name}
    )
    lost = Counter({name: n for name, n in quotes.items() if name not in matches})
    split = Counter({name: n for name, n in quotes.items() if len(matches.get(name, [])) > 1})
    return {
        "quotes": sum(quotes.values()),
        "speaker_found_quotes": found,
        "speaker_whole_quotes": whole,
        "speakers_missed": [f"{name} ({n})" for name, n in lost.most_common(4)],
        "speakers_split": [
            f"{name} ({n}x{len(matches[name])})" for name, n in split.most_common(4)
        ],
    }


def score_novel(predicted: list[dict], gold: list[GoldCharacter]) -> dict:
    owner = {name.lower(): g.name for g in gold for name in g.names}
    matches: dict[str, list[dict]] = {}
    impure, weighted_impure, matched, weighted = 0, 0, 0, 0
    for character in (c for c in predicted if c["kind"] == "named"):
        owners = {owner[a.lower()] for a in character["aliases"] if a.lower() in owner}
        if not owners:
            continue
        matched += 1
        weighted += character["mentions"]
        if len(owners) > 1:
            impure += 1
            weighted_impure += character["mentions"]
        for gold_name in owners:
            matches.setdefault(gold_name, []).append(character)
    evaluated = [g for g in gold if g.category in EVALUATED_CATEGORIES]
    found = [g for g in evaluated if g.name in matches]
    gendered = [g for g in found if g.gender in ("M", "F")]
    right = sum(
        max(matches[g.name], key=lambda c: c["mentions"])["gender"] == g.gender for g in gendered
    )
    missed = [g.name for g in evaluated if g.name not in matches]
    return {
        "gold": len(evaluated),
        "found": len(found),
        "matched_clusters": matched,
        "impure_clusters": impure,
        "matched_mentions": weighted,
        "impure_mentions": weighted_impure,
        "gendered": len(gendered),
        "gender_right": int(right),
        "split": sum(len(matches[g.name]) > 1 for g in found),
        "missed": missed,
        "unmatched_predicted": [
            c["name"]
            for c in predicted
            if c["kind"] == "named" and not any(a.lower() in owner for a in c["aliases"])
        ][:8],
    }


def evaluate(
    data_dir: Path, novels: list[str] | None = None, cache_dir: Path | None = None
) -> dict:
    folders = sorted(p for p in data_dir.iterdir() if (p / "novel_text.txt").exists())
    if novels:
        folders = [p for p in folders if p.name in novels]
    if not folders:
        raise InputError(f"{data_dir}: no PDNC novel folders found")
    per_novel = []
    for folder in folders:
        text = (folder / "novel_text.txt").read_text(encoding="utf-8")
        work, _stages = base_work(text, cache_dir)
        seconds = run_stages(work, ["characters"])["characters"]
        gold = read_gold(folder)
        scores = score_novel(work.tables["characters"], gold)
        speakers = score_speakers(work.tables["characters"], gold, read_speaker_counts(folder))
        per_novel.append(
            {
                "novel": folder.name,
                "words": work.word_count,
                "stage_seconds": round(seconds, 3),
                **scores,
                **speakers,
            }
        )
    return {"overall": _totals(per_novel), "per_novel": per_novel}


def _totals(per_novel: list[dict]) -> dict:
    def total(key: str) -> int:
        return sum(n[key] for n in per_novel)

    words, seconds = total("words"), sum(n["stage_seconds"] for n in per_novel)
    return {
        "recall": round(total("found") / max(total("gold"), 1), 3),
        "cluster_purity": round(
            1 - total("impure_clusters") / max(total("matched_clusters"), 1), 3
        ),
        "mention_purity": round(
            1 - total("impure_mentions") / max(total("matched_mentions"), 1), 3
        ),
        "gender_accuracy": round(total("gender_right") / max(total("gendered"), 1), 3),
        "split_share": round(total("split") / max(total("found"), 1), 3),
        "speaker_recall": round(total("speaker_found_quotes") / max(total("quotes"), 1), 3),
        "speaker_whole": round(total("speaker_whole_quotes") / max(total("quotes"), 1), 3),
        "gold": total("gold"),
        "stage_words_per_second": round(words / max(seconds, 1e-9)),
    }
