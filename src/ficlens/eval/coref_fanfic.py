"""``ficlens eval coref-fanfic``: third-person pronoun resolution on hand-labelled fan fiction.

``coref_fanfic_gold.json`` holds, for a stretch of about 2,000-2,500 words of one chapter of
each of several public fan-fiction works (different fandoms), every he/she pronoun and every
singular they labelled with the character it refers to (``training/label_coref_fanfic.py``
says how it was made). The texts are read from local snapshots of their repositories
(``mirrors``: bare git directories ``owner+name/repo``, the reading
:mod:`ficlens.eval.check_real` does for its ``held_apart_new`` works) and a work whose snapshot
is absent is skipped with a note.

Each work is analysed by the whole pipeline. Its predicted characters are aligned **one to
one** with the gold cast (:func:`ficlens.eval.one_to_one.align`: a shared name first, then
the labelled pronouns the two have in common), so a predicted character counts for one gold
character only. A labelled pronoun is right when the ``coref`` span at its offsets is linked
to the predicted character aligned with its gold character; ``unresolved`` counts those the
coref layer links to no character (or that no coref span covers), ``wrong`` those linked to
another character. Pronouns labelled ``other`` (no character of the cast) are right when they
are unresolved or linked to a character aligned with no gold one; ``skip`` ones are not
scored.

Each work belongs to a split (:data:`SPLITS`): ``tune`` (works whose misses were read while
rules were changed), ``held_out`` (read by no rule; training scripts use them out of fold)
and ``held_out_2`` (a second held-out set, added later: read by no rule and trained on by no
script, so :func:`labelled_works` leaves it out unless asked). The report gives the totals
of each split beside the overall ones, and ``split`` scores one split only.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ficlens.document import Work
from ficlens.eval.check_real import text_hash
from ficlens.eval.gold_characters import add_gold_characters, character_id
from ficlens.eval.one_to_one import align, name_forms
from ficlens.eval.pdnc import copy_work
from ficlens.eval.pdnc_data import GoldCharacter
from ficlens.eval.snapshots import default_mirrors, snapshot_file

DEFAULT_GOLD = Path(str(resources.files("ficlens.eval") / "coref_fanfic_gold.json"))
OTHER, SKIP = "other", "skip"
SETTINGS = ("end_to_end", "gold_characters")
SPLITS = ("tune", "held_out", "held_out_2")
# the second held-out set: no training script reads it (only the evaluation does)
UNTRAINED_SPLITS = frozenset({"held_out_2"})
UNSPLIT = "unsplit"  # the split of a work whose entry names none
THIRD_PERSON = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
# labelled only where one person is meant (a character of unknown or non-binary gender)
THEY = frozenset({"they", "them", "their", "theirs", "themselves", "themself"})


def load_gold(path: Path | None = None) -> dict:
    return json.loads((path or DEFAULT_GOLD).read_text(encoding="utf-8"))


def read_snapshot_work(source: dict, mirrors: Path, scratch: Path) -> Work | None:
    """The work ficlens reads from ``source`` (repository, commit, path) in a snapshot under
    ``mirrors``; None when the snapshot or the file is absent."""
    from ficlens.ingest import read_path

    path = snapshot_file(source, mirrors, scratch / Path(source["path"]).name)
    return None if path is None else read_path(path)


@dataclass
class WorkScore:
    """Counts of one work (or of all): right / wrong / unresolved per labelled pronoun."""

    pronouns: int = 0
    right: int = 0
    wrong: int = 0
    unresolved: int = 0
    other_pronouns: int = 0
    other_right: int = 0
    alignment: dict[str, str] = field(default_factory=dict)
    by_form: dict[str, WorkScore] = field(default_factory=dict)

    def add(self, other: WorkScore) -> None:
        for name in ("pronouns", "right", "wrong", "unresolved", "other_pronouns",
                     "other_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for form, score in other.by_form.items():
            self.by_form.setdefault(form, WorkScore()).add(score)

    def tally(self, gold: str, link: str | None, to_gold: dict[str, str]) -> None:
        """Count one labelled pronoun (not a skipped one) linked to ``link``."""
        if gold == OTHER:
            self.other_pronouns += 1
            self.other_right += link is None or link not in to_gold
        elif link is None:
            self.pronouns += 1
            self.unresolved += 1
        else:
            self.pronouns += 1
            self.right += to_gold.get(link) == gold
            self.wrong += to_gold.get(link) != gold

    def row(self) -> dict:
        scored = self.pronouns + self.other_pronouns
        return {
            "pronouns": self.pronouns, "right": self.right, "wrong": self.wrong,
            "unresolved": self.unresolved,
            "accuracy": round(self.right / self.pronouns, 4) if self.pronouns else None,
            "other_pronouns": self.other_pronouns, "other_right": self.other_right,
            "accuracy_with_other": round((self.right + self.other_right) / scored, 4)
            if scored else None,
            **({"by_form": {form: score.row() for form, score in sorted(self.by_form.items())}}
               if self.by_form else {}),
        }


def predicted_links(work: Work, pronouns: list[dict]) -> list[str | None]:
    """The character id the ``coref`` layer links each labelled pronoun to (None: none)."""
    view = work.view("coref")
    links: list[str | None] = []
    for pronoun in pronouns:
        span = view.at(pronoun["start"])
        character = span.attrs.get("character") if span is not None else None
        links.append(None if character is None else str(character))
    return links


def character_alignment(work: Work, entry: dict, links: list[str | None]) -> dict[str, str]:
    """Predicted character id -> gold name, one to one: names first, then shared pronouns."""
    shared: Counter[tuple[str, str]] = Counter(
        (link, p["gold"]) for p, link in zip(entry["pronouns"], links, strict=True)
        if link is not None and p["gold"] not in {OTHER, SKIP})
    predicted = {str(c["id"]): name_forms([c.get("name") or "", *(c.get("aliases") or [])])
                 for c in work.tables.get("characters", [])}
    gold = {c["name"]: name_forms([c["name"], *c.get("aliases", [])])
            for c in entry["characters"]}
    return align(predicted, gold, shared)


def score_work(work: Work, entry: dict, to_gold: dict[str, str] | None = None) -> WorkScore:
    """Score one analysed work against its labelled pronouns; ``to_gold`` (predicted id ->
    gold name) is the one-to-one alignment unless given."""
    links = predicted_links(work, entry["pronouns"])
    if to_gold is None:
        to_gold = character_alignment(work, entry, links)
    score = WorkScore(alignment={
        _name(work, pid): gold for pid, gold in sorted(to_gold.items())})
    for pronoun, link in zip(entry["pronouns"], links, strict=True):
        if pronoun["gold"] == SKIP:
            continue
        score.tally(pronoun["gold"], link, to_gold)
        score.by_form.setdefault(pronoun_form(pronoun["pronoun"]), WorkScore()).tally(
            pronoun["gold"], link, to_gold)
    return score


def pronoun_form(word: str) -> str:
    """The series of a labelled pronoun: "he", "she" or "they"."""
    if word in THEY:
        return "they"
    return "she" if word in {"she", "her", "hers", "herself"} else "he"


def _name(work: Work, pid: str) -> str:
    for character in work.tables.get("characters", []):
        if str(character["id"]) == pid:
            return character.get("name") or pid
    return pid


def work_split(entry: dict) -> str:
    return entry.get("split") or UNSPLIT


def labelled_works(gold: dict | None = None, mirrors: Path | None = None,
                   splits: Collection[str] | None = None,
                   ) -> Iterator[tuple[str, dict, Work | None]]:
    """Each labelled work as ``(name, entry, work)``, the work read but not analysed (None
    where its snapshot is absent): what a training script reads its fan-fiction pronouns
    from. Only the works of ``splits``; by default every work but those of
    :data:`UNTRAINED_SPLITS` (the second held-out set is for the evaluation only).
    ValueError when a text has changed since it was labelled."""
    gold = gold or load_gold()
    mirrors = mirrors or default_mirrors()
    with tempfile.TemporaryDirectory() as scratch:
        for name, entry in gold["works"].items():
            split = work_split(entry)
            wanted = split not in UNTRAINED_SPLITS if splits is None else split in splits
            if not wanted:
                continue
            work = read_snapshot_work(entry["source"], mirrors, Path(scratch))
            if work is not None and text_hash(work.text) != entry["sha256"]:
                raise ValueError(f"{entry['source']['path']}: the text ficlens reads has "
                                 "changed since the pronouns were labelled; re-label it")
            yield name, entry, work


def gold_cast(entry: dict) -> list[GoldCharacter]:
    """The work's labelled cast as the gold-characters setting's character list."""
    return [GoldCharacter(n, c["name"], list(c.get("aliases", [])), c.get("gender", "U"),
                          "gold") for n, c in enumerate(entry["characters"])]


def score_settings(source: Work, entry: dict,
                   configs: Mapping[str, Any] | None = None) -> dict[str, WorkScore]:
    """Both settings on one read work: ``end_to_end`` (the whole pipeline) and
    ``gold_characters`` (the labelled cast stands in for the characters stage)."""
    from ficlens.pipeline import STAGE_NAMES, analyze

    split = STAGE_NAMES.index("characters")
    analyze(source, STAGE_NAMES[:split])
    given = copy_work(source)
    cast = gold_cast(entry)
    add_gold_characters(given, cast)
    analyze(given, ["quotes", "coref"], configs)
    analyze(source, STAGE_NAMES[split:], configs)
    return {"end_to_end": score_work(source, entry),
            "gold_characters": score_work(
                given, entry, {character_id(c.id): c.name for c in cast})}


def evaluate(gold: dict | None = None, mirrors: Path | None = None,
             on_work: Callable[[str], None] | None = None,
             configs: Mapping[str, Any] | None = None, split: str | None = None) -> dict:
    """Per work and total scores, end to end (top level) and with the gold characters
    (``gold_characters``), and each split's totals in both settings (``splits``); works
    whose snapshot is absent are listed in ``skipped``. ``split`` scores that split's works
    only (ValueError when the gold set has none of it).

    ``configs`` goes to the pipeline (``{"coref": CorefConfig(ranker=...)}`` scores a
    candidate ranker without replacing the shipped one)."""
    gold = gold or load_gold()
    mirrors = mirrors or default_mirrors()
    present = sorted({work_split(entry) for entry in gold["works"].values()})
    if split is not None and split not in present:
        raise ValueError(f"no work of split {split!r} in the coref gold set "
                         f"(its splits: {', '.join(present)})")
    per_work: dict[str, dict[str, dict]] = {setting: {} for setting in SETTINGS}
    totals = {setting: WorkScore() for setting in SETTINGS}
    by_split: dict[str, dict[str, WorkScore]] = {}
    split_works: dict[str, list[str]] = {}
    skipped: list[str] = []
    chosen = present if split is None else [split]
    for name, entry, work in labelled_works(gold, mirrors, chosen):
        if work is None:
            skipped.append(name)
            continue
        if on_work is not None:
            on_work(name)
        part = work_split(entry)
        split_works.setdefault(part, []).append(name)
        for setting, score in score_settings(work, entry, configs).items():
            totals[setting].add(score)
            by_split.setdefault(part, {s: WorkScore() for s in SETTINGS})[setting].add(score)
            per_work[setting][name] = {**score.row(), "fandom": entry.get("fandom"),
                                       "split": part, "alignment": score.alignment}
    return {"works": per_work["end_to_end"], "total": totals["end_to_end"].row(),
            "gold_characters": {"works": per_work["gold_characters"],
                                "total": totals["gold_characters"].row()},
            "splits": {part: {"works": split_works[part],
                              **{setting: scores[setting].row() for setting in SETTINGS}}
                       for part, scores in sorted(by_split.items(), key=_split_order)},
            "split": split, "skipped": skipped, "mirrors": str(mirrors)}


def _split_order(item: tuple[str, object]) -> tuple[int, str]:
    name = item[0]
    return (SPLITS.index(name) if name in SPLITS else len(SPLITS), name)
