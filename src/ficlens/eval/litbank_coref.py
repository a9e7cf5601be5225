"""LitBank coreference evaluation for person entities, in two mention settings.

* ``gold_mentions``: LitBank's own PER mention spans are given; ficlens's ranker links
  every mention (names, nominals and pronouns) to an antecedent or starts a new entity.
* ``end_to_end``: the real pipeline runs on the document text; predicted mentions are the
  characters stage's ``mentions`` (clustered by character id) plus the coref stage's
  pronouns and nominal mentions (clustered by the character they resolve to, else by
  their ``chain``).

Scores are MUC, B-cubed and CEAF-e (singletons included, as LitBank annotates them),
pooled over documents, plus pronoun-resolution accuracy. ``end_to_end_without_nominals``
scores the same output without its nominal mentions against the gold key without its
own ("the old woman"), to show how names and pronouns alone fare.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ficlens.coref.features import candidate_pairs, pair_features
from ficlens.coref.link import cluster, ranked_candidates
from ficlens.coref.mentions import MentionTable, build_table
from ficlens.coref.model import Ranker, load_ranker
from ficlens.coref.pronouns import PRONOUNS
from ficlens.coref.regions import quote_regions
from ficlens.document import Work
from ficlens.eval.coref_metrics import Accumulator
from ficlens.eval.litbank_data import GoldMention, LitBankDoc
from ficlens.eval.parse_cache import base_work, run_stages

KIND_OF = {"PROP": "proper", "NOM": "nominal", "PRON": "pron"}


@dataclass
class GoldDoc:
    """A LitBank document with its gold person mentions as a mention table."""

    doc: LitBankDoc
    work: Work
    mentions: list[GoldMention]
    table: MentionTable
    labels: list[str]

    @property
    def is_pronoun(self) -> np.ndarray:
        return np.array([m.kind == "PRON" for m in self.mentions], dtype=bool)


def prepare(doc: LitBankDoc, cache_dir: Path | None = None) -> GoldDoc:
    work, _ = base_work(doc.text, cache_dir)
    mentions = doc.person_mentions()
    spans = [(m.start, m.end, KIND_OF[m.kind], None, None) for m in mentions]
    table = build_table(spans, work.text, work.layer("tokens"), quote_regions(work))
    return GoldDoc(doc, work, mentions, table, [m.entity for m in mentions])


def gold_pairs(gold: GoldDoc) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    anaphors = np.arange(len(gold.table), dtype=np.int64)
    a, c = candidate_pairs(gold.table, anaphors)
    return a, c, pair_features(gold.table, a, c)


def link_gold(gold: GoldDoc, ranker: Ranker) -> tuple[list[str], dict[int, tuple[int, float]]]:
    """Predicted entity per gold mention, and each mention's best antecedent."""
    anaphors = np.arange(len(gold.table), dtype=np.int64)
    a, c = candidate_pairs(gold.table, anaphors)
    scores, forbidden = ranker.score_pairs(gold.table, a, c)
    ranked = ranked_candidates(a, c, scores)
    pron = gold.is_pronoun
    kept = {
        i: [(j, s) for j, s in cands
            if s >= (ranker.pronoun_threshold if pron[i] else ranker.noun_threshold)]
        for i, cands in ranked.items()
    }
    labels = cluster(len(gold.table), kept, float("-inf"), forbidden=forbidden)
    best = {i: cands[0] for i, cands in ranked.items() if cands}
    return labels, best


def clusters_of(keys: Sequence, labels: Sequence[str]) -> list[set]:
    groups: dict[str, set] = {}
    for key, label in zip(keys, labels, strict=True):
        groups.setdefault(label, set()).add(key)
    return list(groups.values())


@dataclass
class PronounTally:
    correct: int = 0
    total: int = 0
    by_pronoun: Counter = field(default_factory=Counter)
    totals: Counter = field(default_factory=Counter)

    def add(self, pronoun: str, ok: bool) -> None:
        self.total += 1
        self.correct += ok
        self.totals[pronoun] += 1
        self.by_pronoun[pronoun] += ok

    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def pronoun_accuracy_by_cluster(
    gold: Sequence[GoldMention],
    text: str,
    predicted: dict[tuple[int, int], str],
    tally: PronounTally,
) -> None:
    """A gold pronoun is right when its predicted entity maps to its gold entity.

    Each predicted entity maps to the gold entity sharing most of its (exactly matching)
    mentions; a pronoun left alone (null character, or a predicted singleton) is right
    only when its gold entity has no other mention before it.
    """
    gold_of = {(m.start, m.end): m.entity for m in gold}
    votes: dict[str, Counter] = {}
    for span, label in predicted.items():
        if span in gold_of:
            votes.setdefault(label, Counter())[gold_of[span]] += 1
    mapped = {label: v.most_common(1)[0][0] for label, v in votes.items()}
    sizes = Counter(predicted.values())
    seen: set[str] = set()
    for m in gold:
        pronoun = text[m.start : m.end].lower()
        if m.kind == "PRON" and pronoun in PRONOUNS:
            label = predicted.get((m.start, m.end))
            if label is None or sizes[label] == 1:
                ok = m.entity not in seen
            else:
                ok = mapped.get(label) == m.entity
            tally.add(pronoun, ok)
        seen.add(m.entity)


def pronoun_accuracy_by_antecedent(
    gold: GoldDoc, best: dict[int, tuple[int, float]], threshold: float, tally: PronounTally
) -> None:
    """Gold-mention setting: the chosen antecedent is in the pronoun's gold entity (or,
    when none is chosen, the pronoun really starts its entity)."""
    seen: set[str] = set()
    for i, m in enumerate(gold.mentions):
        pronoun = gold.table.words[i]
        if m.kind == "PRON" and pronoun in PRONOUNS:
            pick = best.get(i)
            if pick is not None and pick[1] >= threshold:
                ok = gold.labels[pick[0]] == m.entity
            else:
                ok = m.entity not in seen
            tally.add(pronoun, ok)
        seen.add(m.entity)


@dataclass
class SettingResult:
    scores: Accumulator = field(default_factory=Accumulator)
    pronouns: PronounTally = field(default_factory=PronounTally)
    antecedents: PronounTally = field(default_factory=PronounTally)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = dict(self.scores.result().as_dict())
        out["pronoun_accuracy"] = self.pronouns.accuracy()
        out["pronouns"] = self.pronouns.total
        if self.antecedents.total:
            out["pronoun_antecedent_accuracy"] = self.antecedents.accuracy()
        return out


def evaluate_gold_mentions(gold: GoldDoc, ranker: Ranker, result: SettingResult) -> None:
    labels, best = link_gold(gold, ranker)
    keys = [(m.start, m.end, i) for i, m in enumerate(gold.mentions)]
    result.scores.add(clusters_of(keys, gold.labels), clusters_of(keys, labels))
    predicted = {(m.start, m.end): lab for m, lab in zip(gold.mentions, labels, strict=True)}
    pronoun_accuracy_by_cluster(gold.mentions, gold.doc.text, predicted, result.pronouns)
    pronoun_accuracy_by_antecedent(gold, best, ranker.pronoun_threshold, result.antecedents)


def end_to_end_stages() -> list[str]:
    """Stages after segment/nlp for the end-to-end setting."""
    return ["characters", "quotes", "coref"]


def predicted_mentions(work: Work) -> dict[tuple[int, int], str]:
    """Person mentions the pipeline found, labelled with their entity."""
    out: dict[tuple[int, int], str] = {}
    for span in work.layer("mentions"):
        label = span.get("character")
        out[(span.start, span.end)] = label if label is not None else f"new-m{span.start}"
    for span in work.layer("coref"):
        if span.get("person") is False:  # a "they" the stage reads as things
            continue
        label = span.get("character") or span.get("chain")
        out[(span.start, span.end)] = label if label is not None else f"new-p{span.start}"
    for span in work.layer("nominal_mentions"):
        label = span.get("character") or span.get("chain")
        out.setdefault((span.start, span.end), label or f"new-n{span.start}")
    return out


def evaluate_end_to_end(
    gold: GoldDoc,
    stages: list[str],
    result: SettingResult,
    names_and_pronouns: SettingResult | None = None,
    base: Work | None = None,
) -> float:
    """Run the remaining pipeline stages on the document; returns the seconds they took.

    ``names_and_pronouns`` also scores names and pronouns alone: the output without its
    nominal mentions against the gold key without its own ("the woman", "his wife").
    ``base`` is a work to start from instead of the document's (e.g. with the stages
    before coref already run, for training); it is copied, not changed.
    """
    base = base or gold.work
    work = Work(text=base.text)
    work.layers.update(base.layers)
    work.tables.update(base.tables)
    work.cache.update(base.cache)
    elapsed = sum(run_stages(work, stages).values())
    predicted = predicted_mentions(work)
    gold_keys = [(m.start, m.end) for m in gold.mentions]
    gold_clusters = clusters_of(gold_keys, gold.labels)
    response = clusters_of(list(predicted), list(predicted.values()))
    result.scores.add(gold_clusters, response)
    pronoun_accuracy_by_cluster(gold.mentions, gold.doc.text, predicted, result.pronouns)
    if names_and_pronouns is not None:
        kept = [m for m in gold.mentions if m.kind != "NOM"]
        nominals = {(s.start, s.end) for s in work.layer("nominal_mentions")}
        named = {k: v for k, v in predicted.items() if k not in nominals}
        names_and_pronouns.scores.add(
            clusters_of([(m.start, m.end) for m in kept], [m.entity for m in kept]),
            clusters_of(list(named), list(named.values())),
        )
        pronoun_accuracy_by_cluster(kept, gold.doc.text, named, names_and_pronouns.pronouns)
    return elapsed


def evaluate(
    docs: Iterable[LitBankDoc],
    cache_dir: Path | None = None,
    ranker: Ranker | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, object]:
    ranker = ranker or load_ranker()
    stages = end_to_end_stages()
    gold_setting, e2e_setting, e2e_named = SettingResult(), SettingResult(), SettingResult()
    per_doc = []
    words = 0
    seconds = 0.0
    for doc in docs:
        if progress:
            progress(doc.name)
        gold = prepare(doc, cache_dir)
        single = SettingResult()
        evaluate_gold_mentions(gold, ranker, gold_setting)
        evaluate_gold_mentions(gold, ranker, single)
        seconds += evaluate_end_to_end(gold, stages, e2e_setting, e2e_named)
        words += len(doc.text.split())
        per_doc.append({"document": doc.name, "gold_mentions": single.as_dict()})
    report: dict[str, object] = {
        "documents": len(per_doc),
        "gold_mentions": gold_setting.as_dict(),
        "per_document": per_doc,
    }
    report["end_to_end"] = e2e_setting.as_dict()
    report["end_to_end_without_nominals"] = e2e_named.as_dict()
    report["end_to_end_stages"] = stages
    # speed of the stages after segment + nlp (those are cached or shared)
    report["end_to_end_stages_words_per_second"] = words / seconds if seconds else None
    return report
