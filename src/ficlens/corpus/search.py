"""Full-text search (SQLite FTS5) over story text and quotes, with analysis-aware filters.

Examples: every line Peyton says to Lucas (``quotes``, speaker + addressee filters); works
whose main pairing is Lucas/Peyton (``works``, pairing filter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ficlens.corpus.store import Corpus

_NAME_MATCH = "(c.name LIKE :{0} OR c.aliases LIKE :{0} OR c.canonical LIKE :{0})"


@dataclass(frozen=True, slots=True)
class Filters:
    character: str | None = None
    speaker: str | None = None
    addressee: str | None = None
    pairing: str | None = None
    tag: str | None = None
    rating: str | None = None
    min_words: int | None = None
    max_words: int | None = None


def fts_query(text: str) -> str:
    """User words as an FTS5 query: bare words ANDed, "quoted phrases" kept as phrases."""
    phrases = re.findall(r'"([^"]+)"', text)
    words = re.findall(r"[\w']+", re.sub(r'"[^"]*"', " ", text))
    terms = [f'"{p.replace(chr(34), "")}"' for p in phrases]
    terms += [f'"{w}"' for w in words]
    return " ".join(terms)


def _work_filters(f: Filters, params: dict[str, Any]) -> list[str]:
    clauses = []
    if f.character:
        params["character"] = f"%{f.character}%"
        clauses.append(
            "EXISTS (SELECT 1 FROM characters c WHERE c.work_id = w.id AND "
            + _NAME_MATCH.format("character") + ")"
        )
    if f.pairing:
        for i, side in enumerate(s for s in re.split(r"\s*[/&]\s*", f.pairing) if s):
            params[f"pair{i}"] = f"%{side}%"
            clauses.append(f"w.pairing LIKE :pair{i}")
    if f.tag:
        params["tag"] = f.tag.lower()
        clauses.append(
            "EXISTS (SELECT 1 FROM tags t WHERE t.work_id = w.id AND lower(t.value) = :tag)"
        )
    if f.rating:
        params["rating"] = f.rating.lower()
        clauses.append("lower(w.rating) = :rating")
    if f.min_words is not None:
        params["min_words"] = f.min_words
        clauses.append("w.words >= :min_words")
    if f.max_words is not None:
        params["max_words"] = f.max_words
        clauses.append("w.words <= :max_words")
    return clauses


def search_works(corpus: Corpus, query: str, f: Filters, limit: int = 20) -> list[dict[str, Any]]:
    params: dict[str, Any] = {"limit": limit}
    clauses = _work_filters(f, params)
    if query.strip():
        params["q"] = fts_query(query)
        sql = (
            "SELECT w.id, w.title, w.path, w.authors, w.words, w.rating, w.pairing "
            "FROM work_text JOIN works w ON w.id = work_text.rowid "
            "WHERE work_text MATCH :q"
        )
        order = " ORDER BY bm25(work_text)"
    else:
        sql = (
            "SELECT w.id, w.title, w.path, w.authors, w.words, w.rating, w.pairing, '' AS snippet "
            "FROM works w WHERE 1"
        )
        order = " ORDER BY w.id"
    sql += "".join(f" AND {c}" for c in clauses) + order + " LIMIT :limit"
    rows = corpus.query(sql, params)
    if query.strip():
        for row in rows:
            row["snippet"] = work_snippet(corpus, row["id"], query, params["q"])
    return rows


def work_snippet(corpus: Corpus, work_id: int, query: str, fts: str, words: int = 12) -> str:
    """A few words around the first match, the match in [brackets].

    FTS5's snippet() tokenizes the whole work (some 60 ms for a novel), so the first match is
    found with a regex over the stored text, and snippet() is the fallback only when stemming
    matched a form the regex does not see."""
    body = corpus.conn.execute(
        "SELECT body FROM work_text WHERE rowid = ?", (work_id,)
    ).fetchone()[0]
    found = _first_match(body, query)
    if found is None:
        return corpus.conn.execute(
            "SELECT snippet(work_text, 1, '[', ']', '…', ?) FROM work_text "
            "WHERE work_text MATCH ? AND rowid = ?", (words, fts, work_id)
        ).fetchone()[0]
    start, end = found
    before = body[max(0, start - 12 * words):start].split()[-(words // 2):]
    after = body[end:end + 12 * words].split()[: words // 2]
    return " ".join(["…", *before, f"[{body[start:end]}]", *after, "…"])


def _first_match(body: str, query: str) -> tuple[int, int] | None:
    phrases = re.findall(r'"([^"]+)"', query)
    words = re.findall(r"[\w']+", re.sub(r'"[^"]*"', " ", query))
    patterns = [r"\s+".join(map(re.escape, p.split())) for p in phrases]
    patterns += [re.escape(w[: max(4, len(w) - 2)]) + r"\w*" for w in words]
    if not patterns:
        return None
    match = re.search(r"\b(?:" + "|".join(patterns) + r")", body, re.IGNORECASE)
    return match.span() if match else None


def search_quotes(corpus: Corpus, query: str, f: Filters, limit: int = 20) -> list[dict[str, Any]]:
    params: dict[str, Any] = {"limit": limit}
    clauses = _work_filters(f, params)
    for role in ("speaker", "addressee"):
        name = getattr(f, role)
        if name:
            params[role] = f"%{name}%"
            # a row-value IN: the matching characters are found once, not once per quote
            clauses.append(
                f"(q.work_id, q.{role}) IN (SELECT c.work_id, c.char_id FROM characters c "
                "WHERE " + _NAME_MATCH.format(role) + ")"
            )
    base = (
        "SELECT q.id, q.work_id, w.title, w.path, q.speaker_name, q.addressee_name, q.type, "
        "q.confidence, q.text, q.start, q.end FROM quotes q JOIN works w ON w.id = q.work_id"
    )
    if query.strip():
        params["q"] = fts_query(query)
        base += " JOIN quote_text ON quote_text.rowid = q.id WHERE quote_text MATCH :q"
        order = " ORDER BY bm25(quote_text)"
    else:
        base += " WHERE 1"
        order = " ORDER BY q.work_id, q.start"
    sql = base + "".join(f" AND {c}" for c in clauses) + order + " LIMIT :limit"
    return corpus.query(sql, params)
