"""Cross-work links: series and sequels, near-duplicates and re-posts.

A sequel is claimed only with evidence from at least two kinds:
* the archive says so (same series, later part) — enough on its own;
* the later work's author's note announces a continuation ("second part", "sequel") in a
  plain statement: "could be a twoshot" or "let me know if you want a sequel" is a first
  part wondering about a next one, not a sequel;
* the titles share a stem ("Either Way" / "Either Way, Part 2");
* the two works continue each other's situation: their distinctive vocabulary (TF-IDF over
  the corpus, names included) is closer than for any other earlier work, and the main pairing
  is the same.
Near-duplicates (re-posts, mirrored copies) are found with MinHash over word shingles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH
from sklearn.feature_extraction.text import TfidfVectorizer

from ficlens.document import Work

SEQUEL_CUES = re.compile(
    r"\b(sequel|second part|part (two|2|ii)\b|continuation|follow[- ]up|"
    r"continues|picks up where|companion (piece|fic))",
    re.IGNORECASE,
)
# A note sentence that wonders about a next part ("could be", "if you want", "?") announces
# nothing yet.
HYPOTHETICAL = re.compile(
    r"\b(if|could|might|maybe|perhaps|should i|would (you|anyone)|let me know|"
    r"decided?|deciding|thinking (of|about)|planning|want one)\b|\?",
    re.IGNORECASE,
)
NOTE_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
PART_SUFFIX = re.compile(r"[\s,:(\-–—]*(part|chapter|book|vol\.?)?\s*(\d+|[ivx]+|two|three)\)?$",
                         re.IGNORECASE)
DUPLICATE_THRESHOLD = 0.8
SHINGLE = 5
MIN_SIMILARITY = 0.2  # TF-IDF cosine below this is no continuation, whatever else agrees


@dataclass
class WorkSketch:
    """What link detection needs of a stored work."""

    id: int
    title: str
    text: str
    notes: str
    pairing: str | None
    series: list[dict] = field(default_factory=list)


def sketch(work_id: int, work: Work) -> WorkSketch:
    notes = " ".join(work.span_text(n) for n in work.layer("notes"))
    detail = work.tables.get("pairing_detail") or {}
    return WorkSketch(
        id=work_id,
        title=work.metadata.title or "",
        text=work.text,
        notes=notes,
        pairing=detail.get("ao3"),
        series=[{"name": s.name, "part": s.part} for s in work.metadata.series],
    )


def _title_stem(title: str) -> str:
    return PART_SUFFIX.sub("", title.strip()).lower()


def _series_link(earlier: WorkSketch, later: WorkSketch) -> str | None:
    for a in earlier.series:
        for b in later.series:
            if a["name"] == b["name"] and (a["part"] or 0) < (b["part"] or 0):
                return f"series {a['name']!r}: part {a['part']} -> part {b['part']}"
    return None


def announced_sequel(notes: str) -> str | None:
    """The sequel cue of the first note sentence that states one plainly, if any."""
    for sentence in NOTE_SENTENCE.findall(notes):
        cue = SEQUEL_CUES.search(sentence)
        if cue and not HYPOTHETICAL.search(sentence):
            return cue.group(0)
    return None


def sequel_links(works: list[WorkSketch]) -> list[dict]:
    """Links ``{source: earlier, target: later, kind: "sequel", score, evidence}``.

    Without dates, "earlier" means added earlier (lower id), except that series parts are
    ordered by part number, and a work whose note announces it as a sequel links to its
    closest work wherever that was added. Only a work's nearest neighbour and its series
    partners can gather enough evidence, so only those pairs are examined.
    """
    if len(works) < 2:
        return []
    works = sorted(works, key=lambda w: w.id)
    tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
    matrix = tfidf.fit_transform([w.text for w in works])  # rows have unit length
    cues = [announced_sequel(w.notes) for w in works]
    nearest = _nearest(matrix, anywhere=[bool(cue) for cue in cues])
    partners = _series_partners(works)
    found: dict[tuple[int, int], dict] = {}
    for j, later in enumerate(works):
        closest = nearest[j]
        for i in sorted(partners[j] | ({closest} if closest is not None else set())):
            sim = float(matrix[i].multiply(matrix[j]).sum())
            link = _sequel_link(works[i], later, sim, i == closest, cues[j])
            if link and not _weaker_than_reverse(found, link):
                found.pop((link["target"], link["source"]), None)
                found[(link["source"], link["target"])] = link
    return sorted(found.values(), key=lambda link: (link["target"], link["source"]))


def _nearest(matrix, anywhere: list[bool]) -> list[int | None]:
    """Each work's most similar earlier work (any other work where ``anywhere``), or None
    below ``MIN_SIMILARITY``; computed a block of rows at a time to bound memory."""
    count = matrix.shape[0]
    block = max(1, 4_000_000 // count)
    nearest: list[int | None] = []
    for first in range(0, count, block):
        sims = (matrix[first:first + block] @ matrix.T).toarray()
        for row, j in enumerate(range(first, min(first + block, count))):
            scores = sims[row] if anywhere[j] else sims[row, :j]
            if anywhere[j]:
                scores[j] = -1.0
            if scores.size == 0:
                nearest.append(None)
                continue
            i = int(np.argmax(scores))
            nearest.append(i if scores[i] >= MIN_SIMILARITY else None)
    return nearest


def _series_partners(works: list[WorkSketch]) -> list[set[int]]:
    """For each work, the earlier parts of any series it belongs to."""
    members: dict[str, list[int]] = {}
    for i, work in enumerate(works):
        for entry in work.series:
            members.setdefault(entry["name"], []).append(i)
    partners: list[set[int]] = [set() for _ in works]
    for indices in members.values():
        for j in indices:
            partners[j].update(i for i in indices if _series_link(works[i], works[j]))
    return partners


def _sequel_link(
    earlier: WorkSketch, later: WorkSketch, sim: float, closest: bool, cue: str | None
) -> dict | None:
    evidence = _evidence(earlier, later, sim, closest, cue)
    series = _series_link(earlier, later)
    if series:
        evidence.insert(0, series)
    if not series and len(evidence) < 2:
        return None
    score = 1.0 if series else min(1.0, 0.3 * len(evidence) + 0.4 * sim)
    return {"source": earlier.id, "target": later.id, "kind": "sequel",
            "score": round(float(score), 3), "evidence": evidence}


def _weaker_than_reverse(found: dict[tuple[int, int], dict], link: dict) -> bool:
    reverse = found.get((link["target"], link["source"]))
    return reverse is not None and reverse["score"] >= link["score"]


def _evidence(
    earlier: WorkSketch, later: WorkSketch, sim: float, closest: bool, cue: str | None
) -> list[str]:
    evidence = []
    same_pairing = bool(earlier.pairing) and earlier.pairing == later.pairing
    if cue and closest:
        evidence.append(f"author's note: {cue!r}")
    stem_a, stem_b = _title_stem(earlier.title), _title_stem(later.title)
    if stem_a and stem_a == stem_b and earlier.title != later.title:
        evidence.append(f"shared title stem {stem_a!r}")
    if closest and sim >= MIN_SIMILARITY and (same_pairing or cue):
        evidence.append(f"continues the situation (text similarity {sim:.2f})")
    return evidence


def _minhash(text: str) -> MinHash:
    words = re.findall(r"\w+", text.lower())
    sketch_ = MinHash(num_perm=128)
    for i in range(max(1, len(words) - SHINGLE + 1)):
        sketch_.update(" ".join(words[i : i + SHINGLE]).encode("utf-8"))
    return sketch_


def duplicate_links(works: list[WorkSketch]) -> list[dict]:
    """Pairs of works whose word 5-shingles overlap (Jaccard) at 0.8 or more."""
    lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=128)
    hashes = {w.id: _minhash(w.text) for w in works}
    for work_id, mh in hashes.items():
        lsh.insert(str(work_id), mh)
    pairs = set()
    for work_id, mh in hashes.items():
        for other in lsh.query(mh):
            if int(other) != work_id:
                pairs.add(tuple(sorted((work_id, int(other)))))
    return [
        {"source": a, "target": b, "kind": "duplicate",
         "score": round(hashes[a].jaccard(hashes[b]), 3), "evidence": ["shared 5-word shingles"]}
        for a, b in sorted(pairs)
    ]


def all_links(works: list[WorkSketch]) -> list[dict]:
    return sequel_links(works) + duplicate_links(works)

