"""Cross-work links: series and sequels, near-duplicates and re-posts.

A sequel is claimed only with evidence from at least two kinds:
* the archive says so (same series, later part) — enough on its own;
* the later work's author's note announces a continuation ("second part", "sequel");
* the titles share a stem ("Either Way" / "Either Way, Part 2");
* the two works continue each other's situation: their distinctive vocabulary (TF-IDF over
  the corpus, names included) is closer than for any other earlier work, and the main pairing
  is the same.
Near-duplicates (re-posts, mirrored copies) are found with MinHash over word shingles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from ficlens.document import Work

SEQUEL_CUES = re.compile(
    r"\b(sequel|second part|part (two|2|ii)\b|two-?shot|continuation|follow[- ]up|"
    r"continues|picks up where|companion (piece|fic)|here it is)",
    re.IGNORECASE,
)
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


def sequel_links(works: list[WorkSketch]) -> list[dict]:
    """Links ``{source: earlier, target: later, kind: "sequel", score, evidence}``."""
    if len(works) < 2:
        return []
    works = sorted(works, key=lambda w: w.id)
    tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1)
    matrix = tfidf.fit_transform([w.text for w in works])
    sims = cosine_similarity(matrix)
    links = []
    for j, later in enumerate(works):
        best = _best_earlier(works, sims, j)
        for i in range(j):
            earlier = works[i]
            evidence = _evidence(earlier, later, sims[i, j], i == best)
            series = _series_link(earlier, later)
            if series:
                evidence.insert(0, series)
            if series or len(evidence) >= 2:
                score = 1.0 if series else min(1.0, 0.3 * len(evidence) + 0.4 * sims[i, j])
                links.append({"source": earlier.id, "target": later.id, "kind": "sequel",
                              "score": round(float(score), 3), "evidence": evidence})
    return links


def _best_earlier(works: list[WorkSketch], sims, j: int) -> int | None:
    if j == 0:
        return None
    i = max(range(j), key=lambda k: sims[k, j])
    return i if sims[i, j] >= MIN_SIMILARITY else None


def _evidence(earlier: WorkSketch, later: WorkSketch, sim: float, closest: bool) -> list[str]:
    evidence = []
    cue = SEQUEL_CUES.search(later.notes)
    same_pairing = bool(earlier.pairing) and earlier.pairing == later.pairing
    if cue and closest:
        evidence.append(f"author's note: {cue.group(0)!r}")
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

