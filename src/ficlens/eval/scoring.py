"""Speaker accuracy of the ``quotes`` layer against gold quotations, overall and by type.

Scoring is **one-to-one**: each predicted character stands for at most one gold character,
the one an optimal assignment (Hungarian, :func:`scipy.optimize.linear_sum_assignment`)
gives it, maximising the quotations it shares with that gold character (as speaker or as
addressee) among the pairs the lenient test accepts. A predicted character that swallowed
two people is right for one of them only. The lenient figure (a predicted speaker is right
whenever the gold quotation's test accepts it, e.g. its names meet the gold speaker's) is
reported beside it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from ficlens.document import Span, Work
from ficlens.eval.matching import match_quotes

TYPES = ("Explicit", "Anaphoric", "Implicit")


@dataclass
class Tally:
    """Right / total counts (one-to-one, and lenient beside), overall and per gold type."""

    right: int = 0
    total: int = 0
    by_type: dict[str, list[int]] = field(default_factory=lambda: {t: [0, 0] for t in TYPES})
    matched: int = 0
    addressee_right: int = 0
    addressee_total: int = 0
    lenient_right: int = 0
    lenient_addressee_right: int = 0

    def add(self, qtype: str, ok: bool, matched: bool, lenient: bool | None = None) -> None:
        self.right += ok
        self.lenient_right += ok if lenient is None else lenient
        self.total += 1
        self.matched += matched
        if qtype in self.by_type:
            self.by_type[qtype][0] += ok
            self.by_type[qtype][1] += 1

    def merge(self, other: Tally) -> None:
        self.right += other.right
        self.total += other.total
        self.matched += other.matched
        self.addressee_right += other.addressee_right
        self.addressee_total += other.addressee_total
        self.lenient_right += other.lenient_right
        self.lenient_addressee_right += other.lenient_addressee_right
        for t in TYPES:
            self.by_type[t][0] += other.by_type[t][0]
            self.by_type[t][1] += other.by_type[t][1]

    def to_dict(self) -> dict:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "accuracy": ratio(self.right, self.total),
            "by_type": {t: {"accuracy": ratio(r, n), "n": n} for t, (r, n) in self.by_type.items()},
            "n": self.total,
            "quote_detection_recall": ratio(self.matched, self.total),
            "addressee_accuracy": ratio(self.addressee_right, self.addressee_total),
            "lenient": {
                "accuracy": ratio(self.lenient_right, self.total),
                "addressee_accuracy": ratio(self.lenient_addressee_right, self.addressee_total),
            },
        }


def normal_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace(".", "")).strip().lower()
    return re.sub(r"^(the|a|an) ", "", name)


def character_names(work: Work) -> dict[str, set[str]]:
    """Normalised names (canonical + aliases) of each predicted character id."""
    return {
        c["id"]: {normal_name(n) for n in [c.get("name") or "", *(c.get("aliases") or [])] if n}
        for c in work.tables.get("characters", [])
    }


@dataclass(slots=True)
class GoldQuotation:
    spans: Sequence[tuple[int, int]]
    type: str
    is_speaker: Callable[[str | None], bool]
    addressees: Callable[[str | None], bool] | None = None
    speaker: str = ""  # the gold speaker's name, for the per-quotation outcomes
    # the gold speaker's identity and each gold addressee's with its test, for the one-to-one
    # assignment
    speaker_id: Hashable = None
    addressee_tests: tuple[tuple[Hashable, Callable[[str | None], bool]], ...] = ()


SNIPPET = 80  # characters of a quotation's text in its outcome row


def score_work(
    work: Work, gold: Sequence[GoldQuotation], outcomes: list[dict] | None = None
) -> Tally:
    """Match gold quotations to predicted speech quotations (unmatched = wrong) and count,
    one-to-one (see the module docstring) and leniently; with ``outcomes``, also append one
    row per gold quotation saying how it went."""
    predicted = [q for q in work.layer("quotes") if q.get("speech")]
    parts = [[tuple(p) for p in q.get("parts") or [[q.start, q.end]]] for q in predicted]
    names = {c["id"]: c.get("name") or c["id"] for c in work.tables.get("characters", [])}
    matched = [
        predicted[k] if k >= 0 else None
        for k in match_quotes([g.spans for g in gold], parts)
    ]
    stands_for = one_to_one(gold, matched)
    tally = Tally()
    for g, quote in zip(gold, matched, strict=True):
        speaker = quote.get("speaker") if quote is not None else None
        lenient = quote is not None and g.is_speaker(speaker)
        ok = lenient and stands_for.get(speaker) == g.speaker_id
        tally.add(g.type, ok, quote is not None, lenient)
        if g.addressees is not None:
            addressee = quote.get("addressee") if quote is not None else None
            lenient_to = quote is not None and g.addressees(addressee)
            tally.addressee_total += 1
            tally.lenient_addressee_right += lenient_to
            targets = {t for t, _test in g.addressee_tests}
            tally.addressee_right += lenient_to and stands_for.get(addressee) in targets
        if outcomes is not None:
            outcomes.append(_outcome(work.text, g, quote, ok, lenient, names))
    return tally


def one_to_one(gold: Sequence[GoldQuotation], matched: Sequence[Span | None]) -> dict:
    """Predicted character id -> the one gold character it stands for: the assignment that
    maximises the quotations where the lenient test pairs the two (as speakers or as
    addressees)."""
    shared: Counter[tuple[Hashable, Hashable]] = Counter()
    for g, quote in zip(gold, matched, strict=True):
        if quote is None:
            continue
        speaker, addressee = quote.get("speaker"), quote.get("addressee")
        if speaker is not None and g.speaker_id is not None and g.is_speaker(speaker):
            shared[(speaker, g.speaker_id)] += 1
        for target, test in g.addressee_tests if addressee is not None else ():
            if test(addressee):
                shared[(addressee, target)] += 1
    if not shared:
        return {}
    rows = sorted({p for p, _ in shared}, key=str)
    cols = sorted({t for _, t in shared}, key=str)
    weights = np.zeros((len(rows), len(cols)))
    for (p, t), n in shared.items():
        weights[rows.index(p), cols.index(t)] = n
    chosen_rows, chosen_cols = linear_sum_assignment(weights, maximize=True)
    return {
        rows[r]: cols[c] for r, c in zip(chosen_rows, chosen_cols, strict=True) if weights[r, c]
    }


def _outcome(
    text: str, g: GoldQuotation, quote, ok: bool, lenient: bool, names: dict[str, str]
) -> dict:
    start, end = g.spans[0][0], g.spans[-1][1]
    speaker = quote.get("speaker") if quote is not None else None
    return {
        "start": start, "end": end, "type": g.type, "gold_speaker": g.speaker,
        "predicted_speaker": names.get(speaker, speaker or ""),
        "found": quote is not None, "right": ok, "right_lenient": lenient,
        "confidence": quote.get("confidence") if quote is not None else None,
        "text": " ".join(text[start:end].split())[:SNIPPET],
    }
