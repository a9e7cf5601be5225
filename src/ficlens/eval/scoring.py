"""Speaker accuracy of the ``quotes`` layer against gold quotations, overall and by type."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ficlens.document import Work
from ficlens.eval.matching import match_quotes

TYPES = ("Explicit", "Anaphoric", "Implicit")


@dataclass
class Tally:
    """Right / total counts, overall and per gold quote type."""

    right: int = 0
    total: int = 0
    by_type: dict[str, list[int]] = field(default_factory=lambda: {t: [0, 0] for t in TYPES})
    matched: int = 0
    addressee_right: int = 0
    addressee_total: int = 0

    def add(self, qtype: str, ok: bool, matched: bool) -> None:
        self.right += ok
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


SNIPPET = 80  # characters of a quotation's text in its outcome row


def score_work(
    work: Work, gold: Sequence[GoldQuotation], outcomes: list[dict] | None = None
) -> Tally:
    """Match gold quotations to predicted speech quotations (unmatched = wrong) and count;
    with ``outcomes``, also append one row per gold quotation saying how it went."""
    predicted = [q for q in work.layer("quotes") if q.get("speech")]
    parts = [[tuple(p) for p in q.get("parts") or [[q.start, q.end]]] for q in predicted]
    names = {c["id"]: c.get("name") or c["id"] for c in work.tables.get("characters", [])}
    tally = Tally()
    for g, k in zip(gold, match_quotes([g.spans for g in gold], parts), strict=True):
        quote = predicted[k] if k >= 0 else None
        ok = quote is not None and g.is_speaker(quote.get("speaker"))
        tally.add(g.type, ok, quote is not None)
        if g.addressees is not None:
            tally.addressee_total += 1
            tally.addressee_right += quote is not None and g.addressees(quote.get("addressee"))
        if outcomes is not None:
            outcomes.append(_outcome(work.text, g, quote, ok, names))
    return tally


def _outcome(text: str, g: GoldQuotation, quote, ok: bool, names: dict[str, str]) -> dict:
    start, end = g.spans[0][0], g.spans[-1][1]
    speaker = quote.get("speaker") if quote is not None else None
    return {
        "start": start, "end": end, "type": g.type, "gold_speaker": g.speaker,
        "predicted_speaker": names.get(speaker, speaker or ""),
        "found": quote is not None, "right": ok,
        "confidence": quote.get("confidence") if quote is not None else None,
        "text": " ".join(text[start:end].split())[:SNIPPET],
    }
