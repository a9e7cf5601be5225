"""Hand-labelled fan-fiction pronouns as coref ranker queries, and their out-of-fold score.

The fan-fiction coreference gold set (``src/ficlens/eval/coref_fanfic_gold.json``, made by
``training/label_coref_fanfic.py``; its harness is ``ficlens eval coref-fanfic``) labels
every third-person singular pronoun of a stretch of several public works with its character.
Only its data file is read here: each work's text comes from its repository snapshot
(``--mirrors``, the reading of :mod:`ficlens.eval.check_real`), is checked against the
stored hash and staged up to ``quotes``. In the coref stage's mention table, a pronoun the
gold labels is a query whose right candidates are the earlier mentions of its character: the
names the characters stage found whose forms match that character's (one to one,
:func:`ficlens.eval.one_to_one.align` on names) and the other labelled pronouns.

Used by ``training/train_coref_fanfic.py`` (``--pronoun-gold``), which trains on these
queries out of fold by work and scores each held-out work's pronouns here: the share whose
``coref`` character is the one aligned with the gold character.
"""

from __future__ import annotations

import json
import pickle
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from train_coref import copied

from ficlens.coref.config import CorefConfig, tunables
from ficlens.coref.mentions import PRON, build_table
from ficlens.coref.model import LINK_THRESHOLD, NOMINAL_MODEL_FILE, Models, Ranker, load_classifier
from ficlens.coref.regions import quote_regions
from ficlens.coref.stage import NAME, gather
from ficlens.coref.stage import run as coref_run
from ficlens.document import Work
from ficlens.eval.coref_fanfic import labelled_works
from ficlens.eval.one_to_one import align, name_forms

UNLABELLED = frozenset({"other", "skip"})  # the gold set's labels that name no character


@dataclass
class PronounWork:
    """A labelled work staged up to ``quotes``, its gold cast and labelled pronouns."""

    name: str
    work: Work
    characters: list[dict]
    pronouns: list[dict]


def read_works(gold_path: Path, mirrors: Path, cache: Path) -> list[PronounWork]:
    """The set's works whose snapshot is present, staged (cached); a text that no longer
    hashes as labelled stops the run (:func:`ficlens.eval.coref_fanfic.labelled_works`)."""
    from ficlens.pipeline import analyze

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    works = []
    try:
        for name, entry, read in labelled_works(gold, mirrors):
            if read is None:
                print(f"pronoun gold: {name}: no snapshot, skipped", file=sys.stderr)
                continue
            path = cache / f"pronouns-{name}.pkl"
            if path.exists():
                with path.open("rb") as fh:
                    work = pickle.load(fh)
            else:
                work = analyze(read, ["segment", "nlp", "characters", "quotes"])
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("wb") as fh:
                    pickle.dump(work, fh, protocol=pickle.HIGHEST_PROTOCOL)
            works.append(PronounWork(name, work, entry["characters"], entry["pronouns"]))
    except ValueError as error:
        raise SystemExit(str(error)) from None
    return works


def name_alignment(work: Work, characters: list[dict]) -> dict[str, str]:
    """Predicted character id -> gold character name, one to one by shared name forms."""
    predicted = {str(c["id"]): name_forms([c.get("name") or "", *(c.get("aliases") or [])])
                 for c in work.tables.get("characters", [])}
    gold = {c["name"]: name_forms([c["name"], *c.get("aliases", [])]) for c in characters}
    return align(predicted, gold, Counter())


def labelled_pronouns(pw: PronounWork, nouns: frozenset[str]):
    """The work's coref mention table (a ``train_coref_fanfic.Labelled``) with the gold
    labels: names by their aligned character, labelled pronouns by theirs; the labelled
    pronouns are the queries (``subjects``)."""
    from train_coref_fanfic import Labelled  # the two scripts share the query builder

    rows, roles = gather(pw.work, nouns)
    table = build_table(rows, pw.work.text, pw.work.layer("tokens"), quote_regions(pw.work))
    to_gold = name_alignment(pw.work, pw.characters)
    labels: list[str | None] = [None] * len(rows)
    for i, row in enumerate(rows):
        if roles[i] == NAME and row[4] is not None and str(row[4]) in to_gold:
            labels[i] = f"g:{to_gold[str(row[4])]}"
    by_start = {int(s): i for i, s in enumerate(table.starts.tolist()) if table.kind[i] == PRON}
    queries: dict[int, str] = {}
    for pronoun in pw.pronouns:
        row = by_start.get(int(pronoun["start"]))
        if row is not None and pronoun["gold"] not in UNLABELLED:
            queries[row] = labels[row] = f"g:{pronoun['gold']}"
    return Labelled(pw.name, table, rows, labels, queries)


def right_pronouns(pw: PronounWork, ranker: Ranker, config: CorefConfig) -> tuple[int, int]:
    """(right, scored): labelled pronouns whose ``coref`` character is aligned with their
    gold one, with the coref stage run with ``ranker``, the shipped linker and ``config``."""
    work = copied(pw.work)
    with tunables.using(config):
        coref_run(work, Models(ranker, load_classifier(NOMINAL_MODEL_FILE, LINK_THRESHOLD)))
    to_gold = name_alignment(work, pw.characters)
    chosen = {span.start: span.get("character") for span in work.layer("coref")}
    scored = [p for p in pw.pronouns if p["gold"] not in UNLABELLED]
    right = sum(to_gold.get(str(chosen.get(p["start"]))) == p["gold"] for p in scored)
    return int(right), len(scored)

