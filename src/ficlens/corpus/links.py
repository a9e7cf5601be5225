"""Cross-work links: series and sequels, near-duplicates and re-posts, found incrementally.

A sequel is claimed only with evidence from at least two kinds:
* the archive says so (same series, later part) — enough on its own;
* the later work's author's note announces a continuation ("second part", "sequel") in a
  plain statement: "could be a twoshot" or "let me know if you want a sequel" is a first
  part wondering about a next one, not a sequel;
* the titles share a stem ("Either Way" / "Either Way, Part 2");
* the two works continue each other's situation: their distinctive vocabulary (TF-IDF, names
  included) is closer than for any other earlier work, and the main pairing is the same.
Near-duplicates (re-posts, mirrored copies) are found with MinHash over word 5-shingles.

Each work is sketched once, when it is analysed: a MinHash signature and its ``TERMS_KEPT``
most frequent content words with their sublinear term frequencies. The sketches are stored
with the work, the signature's LSH bands and the work's most distinctive words are indexed,
so linking a new work reads only its candidates (works sharing a band, a distinctive word or
a series), never the whole corpus. IDF weights are read from the corpus's running document
frequencies when the link is made.
"""

from __future__ import annotations

import hashlib
import math
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

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
NUM_PERM = 128
MIN_SIMILARITY = 0.2  # TF-IDF cosine below this is no continuation, whatever else agrees
TERMS_KEPT = 64  # words of a work's term sketch
TERMS_INDEXED = 16  # its most distinctive words, through which other works find it
POSTINGS_READ = 200  # works read per distinctive word: the cost of a link does not grow
MAX_CANDIDATES = 50  # works sharing most distinctive words, compared in full
WORD = re.compile(r"\w+")


@dataclass
class LinkSketch:
    """What link detection needs of a work, computed once when it is analysed."""

    minhash: np.ndarray  # uint32[NUM_PERM]
    terms: dict[int, float]  # hashed word -> 1 + log(count)
    notes: str = ""


@dataclass
class WorkInfo:
    """A stored work as link detection sees it."""

    id: int
    title: str
    pairing: str | None
    series: list[dict] = field(default_factory=list)
    sketch: LinkSketch | None = None


# -- sketches ---------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _hasher():
    from datasketch import MinHash

    # shingles arrive already hashed to 32 bits (below), so the hash function is the identity
    return MinHash(num_perm=NUM_PERM, hashfunc=int)


@lru_cache(maxsize=1 << 16)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def shingle_hashes(words: list[str]) -> np.ndarray:
    """A 32-bit hash of every run of ``SHINGLE`` words, computed over whole arrays: an
    order-sensitive FNV-style fold of the words' own 64-bit hashes."""
    hashes = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    count = max(1, len(words) - SHINGLE + 1)
    if len(words) < SHINGLE:
        hashes = np.concatenate([hashes, np.zeros(SHINGLE - len(words), dtype=np.uint64)])
    folded = np.full(count, 0xCBF29CE484222325, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            folded = (folded ^ hashes[k:k + count]) * np.uint64(0x100000001B3)
    return ((folded >> np.uint64(32)) ^ (folded & np.uint64(0xFFFFFFFF))).astype(np.uint64)


def term_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(),
                          "little", signed=True)


def make_sketch(text: str, notes: str = "") -> LinkSketch:
    words = WORD.findall(text.lower())
    minhash = _hasher().copy()
    minhash.update_batch(shingle_hashes(words))
    stop = _stop_words()
    counts = Counter(w for w in words if len(w) > 1 and w not in stop and not w.isdigit())
    kept = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_KEPT]
    terms = {term_hash(w): 1.0 + math.log(c) for w, c in kept}
    # datasketch's hash values are 32-bit numbers held in 64-bit integers
    return LinkSketch(np.asarray(minhash.hashvalues, dtype=np.uint32), terms,
                      cue_sentences(notes))


def work_sketch(work: Work) -> LinkSketch:
    notes = " ".join(work.span_text(n) for n in work.layer("notes"))
    return make_sketch(work.text, notes)


def cue_sentences(notes: str) -> str:
    """The note sentences that may announce a sequel: all that ``announced_sequel`` reads."""
    return " ".join(s.strip() for s in NOTE_SENTENCE.findall(notes) if SEQUEL_CUES.search(s))


def pack_terms(terms: dict[int, float]) -> bytes:
    keys = np.fromiter(terms, dtype=np.int32, count=len(terms))
    weights = np.fromiter(terms.values(), dtype=np.float16, count=len(terms))
    return keys.tobytes() + weights.tobytes()


def unpack_terms(blob: bytes) -> dict[int, float]:
    count = len(blob) // 6
    keys = np.frombuffer(blob[: 4 * count], dtype=np.int32)
    weights = np.frombuffer(blob[4 * count :], dtype=np.float16).astype(np.float64)
    return dict(zip(keys.tolist(), weights.tolist(), strict=True))


@lru_cache(maxsize=1)
def band_shape() -> tuple[int, int]:
    """Bands and rows per band that datasketch chooses for our threshold and permutations."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def band_buckets(minhash: np.ndarray) -> list[tuple[int, int]]:
    bands, rows = band_shape()
    return [
        (band, int.from_bytes(hashlib.blake2b(minhash[band * rows:(band + 1) * rows].tobytes(),
                                              digest_size=8).digest(), "little", signed=True))
        for band in range(bands)
    ]


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


def idf(df: int, works: int) -> float:
    """Smoothed IDF, as scikit-learn's TfidfVectorizer computes it."""
    return math.log((1 + works) / (1 + df)) + 1.0


def cosine(a: dict[int, float], b: dict[int, float], weights: dict[int, float]) -> float:
    def norm(terms: dict[int, float]) -> float:
        return math.sqrt(sum((v * weights.get(t, 1.0)) ** 2 for t, v in terms.items())) or 1.0

    shared = a.keys() & b.keys()
    dot = sum(a[t] * b[t] * weights.get(t, 1.0) ** 2 for t in shared)
    return dot / (norm(a) * norm(b))


# -- the evidence for a sequel --------------------------------------------------------------
def _title_stem(title: str) -> str:
    return PART_SUFFIX.sub("", title.strip()).lower()


def _series_link(earlier: WorkInfo, later: WorkInfo) -> str | None:
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


def sequel_link(
    earlier: WorkInfo, later: WorkInfo, sim: float, closest: bool, cue: str | None
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


def _evidence(
    earlier: WorkInfo, later: WorkInfo, sim: float, closest: bool, cue: str | None
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


def duplicate_link(a: WorkInfo, b: WorkInfo) -> dict | None:
    score = jaccard(a.sketch.minhash, b.sketch.minhash)
    if score < DUPLICATE_THRESHOLD:
        return None
    low, high = sorted((a.id, b.id))
    return {"source": low, "target": high, "kind": "duplicate", "score": round(score, 3),
            "evidence": ["shared 5-word shingles"]}


def links_of(work: WorkInfo, candidates: list[WorkInfo], partners: list[WorkInfo],
             band_mates: list[WorkInfo], weights: dict[int, float]) -> list[dict]:
    """The links one work makes with the stored works: sequels from its nearest candidate
    (earlier ones only unless its note announces a sequel) and its series partners, and
    near-duplicates among the works sharing a MinHash band with it."""
    cue = announced_sequel(work.sketch.notes)
    pool = [c for c in candidates if cue or c.id < work.id]
    sims = {c.id: cosine(work.sketch.terms, c.sketch.terms, weights) for c in pool}
    closest = max(pool, key=lambda c: (sims[c.id], -c.id), default=None)
    if closest is not None and sims[closest.id] < MIN_SIMILARITY:
        closest = None
    found = []
    examined = {p.id: p for p in partners if _series_link(p, work)}
    if closest is not None:
        examined[closest.id] = closest
    for other in examined.values():
        sim = sims.get(other.id)
        if sim is None:
            sim = cosine(work.sketch.terms, other.sketch.terms, weights)
        link = sequel_link(other, work, sim, other is closest, cue)
        if link:
            found.append(link)
    for later in partners:  # a first part stored after its sequel
        if _series_link(work, later):
            found.append(sequel_link(work, later, 0.0, False, None))
    found += [link for mate in band_mates if (link := duplicate_link(work, mate))]
    return found


def merge_links(links: list[dict]) -> list[dict]:
    """One link per pair and kind; of a sequel both ways round, the stronger stays."""
    best: dict[tuple[int, int, str], dict] = {}
    for link in links:
        key = (link["source"], link["target"], link["kind"])
        reverse = best.get((link["target"], link["source"], link["kind"]))
        if reverse is not None:
            if reverse["score"] >= link["score"]:
                continue
            del best[(link["target"], link["source"], link["kind"])]
        if key not in best or best[key]["score"] < link["score"]:
            best[key] = link
    return sorted(best.values(), key=lambda link: (link["kind"] != "sequel", link["target"],
                                                    link["source"]))


def all_links(works: list[WorkInfo]) -> list[dict]:
    """Every link among ``works`` in memory, each work compared with all the others (the
    reference the indexed path is tested against)."""
    df: Counter[int] = Counter(t for w in works for t in w.sketch.terms)
    weights = {t: idf(n, len(works)) for t, n in df.items()}
    found = []
    for work in sorted(works, key=lambda w: w.id):
        others = [w for w in works if w.id != work.id]
        partners = [w for w in others if w.series]
        found += links_of(work, others, partners, others, weights)
    return merge_links(found)


# -- the stored index -----------------------------------------------------------------------
def index_sketch(conn: sqlite3.Connection, work_id: int, sketch: LinkSketch) -> None:
    """Store a work's sketch, its LSH bands and its most distinctive words (inside the
    caller's write transaction)."""
    conn.execute(
        "INSERT INTO sketches(work_id, minhash, terms, notes) VALUES (?, ?, ?, ?)",
        (work_id, sketch.minhash.tobytes(), pack_terms(sketch.terms), sketch.notes),
    )
    conn.executemany("INSERT OR IGNORE INTO lsh_bands(band, bucket, work_id) VALUES (?, ?, ?)",
                     [(band, bucket, work_id) for band, bucket in band_buckets(sketch.minhash)])
    conn.executemany(
        "INSERT INTO term_df(term, df) VALUES (?, 1) ON CONFLICT DO UPDATE SET df = df + 1",
        [(t,) for t in sketch.terms],
    )
    weights = _weights(conn, list(sketch.terms))
    distinctive = sorted(sketch.terms, key=lambda t: -sketch.terms[t] * weights[t])
    conn.executemany("INSERT OR IGNORE INTO work_terms(term, work_id) VALUES (?, ?)",
                     [(t, work_id) for t in distinctive[:TERMS_INDEXED]])


def _weights(conn: sqlite3.Connection, terms: list[int]) -> dict[int, float]:
    row = conn.execute("SELECT n FROM totals WHERE kind = 'corpus' AND value = 'works'")
    works = (row.fetchone() or (0,))[0]  # kept by a trigger: no count over the corpus
    found = dict(_in_batches(conn, "SELECT term, df FROM term_df WHERE term IN ({})", terms))
    return {t: idf(found.get(t, 0), works) for t in terms}


def _in_batches(conn: sqlite3.Connection, sql: str, values: list, size: int = 500):
    for first in range(0, len(values), size):
        chunk = values[first:first + size]
        yield from conn.execute(sql.format(",".join("?" * len(chunk))), chunk)


def load_infos(conn: sqlite3.Connection, ids: list[int]) -> dict[int, WorkInfo]:
    import json

    infos = {}
    sql = ("SELECT w.id, w.title, w.pairing, w.series, s.minhash, s.terms, s.notes FROM works w "
           "JOIN sketches s ON s.work_id = w.id WHERE w.id IN ({})")
    for row in _in_batches(conn, sql, sorted(set(ids))):
        sketch = LinkSketch(np.frombuffer(row[4], dtype=np.uint32), unpack_terms(row[5]), row[6])
        infos[row[0]] = WorkInfo(row[0], row[1] or "", row[2], json.loads(row[3]), sketch)
    return infos


def stored_links_of(conn: sqlite3.Connection, work_id: int) -> list[dict]:
    """The links of one stored work, its candidates found through the indexes."""
    info = load_infos(conn, [work_id]).get(work_id)
    if info is None:
        return []
    terms = list(info.sketch.terms)
    shared: Counter[int] = Counter()
    for term in terms:  # the latest works holding the word among their distinctive ones
        shared.update(row[0] for row in conn.execute(
            "SELECT work_id FROM work_terms WHERE term = ? AND work_id != ? "
            "ORDER BY work_id DESC LIMIT ?", (term, work_id, POSTINGS_READ)))
    ranked = [i for i, _ in shared.most_common(MAX_CANDIDATES)]
    band_ids = list(dict.fromkeys(
        row[0] for band, bucket in band_buckets(info.sketch.minhash)
        # one lookup per band: a row-value IN list would not use the index
        for row in conn.execute("SELECT work_id FROM lsh_bands WHERE band = ? AND bucket = ? "
                                "AND work_id != ?", (band, bucket, work_id))
    ))
    partner_ids = [row[0] for row in conn.execute(
        "SELECT DISTINCT t.work_id FROM tags t JOIN tags mine ON mine.key = t.key "
        "AND mine.kind = 'series' AND t.kind = 'series' WHERE mine.work_id = ? "
        "AND t.work_id != ?", (work_id, work_id),
    )]
    infos = load_infos(conn, ranked + band_ids + partner_ids)
    every_term = {t for other in infos.values() for t in other.sketch.terms} | set(terms)
    weights = _weights(conn, list(every_term))

    def known(ids: list[int]) -> list[WorkInfo]:
        return [infos[i] for i in ids if i in infos]

    return links_of(info, known(ranked), known(partner_ids), known(band_ids), weights)


def save_links(conn: sqlite3.Connection, links: list[dict]) -> None:
    """Write links, keeping the stronger of a sequel stored the other way round."""
    import json

    for link in links:
        reverse = conn.execute(
            "SELECT score FROM links WHERE source = ? AND target = ? AND kind = ?",
            (link["target"], link["source"], link["kind"]),
        ).fetchone()
        if link["kind"] == "sequel" and reverse is not None:
            if reverse[0] >= link["score"]:
                continue
            conn.execute("DELETE FROM links WHERE source = ? AND target = ? AND kind = ?",
                         (link["target"], link["source"], link["kind"]))
        conn.execute(
            "INSERT INTO links(source, target, kind, score, evidence) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET score = excluded.score, evidence = excluded.evidence",
            (link["source"], link["target"], link["kind"], link["score"],
             json.dumps(link["evidence"])),
        )
