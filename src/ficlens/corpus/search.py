"""Full-text search (SQLite FTS5) over story text and quotes, with analysis-aware filters.

Examples: every line Mirela says to Tobin (``quotes``, speaker + addressee filters); works
whose main pairing is Tobin/Mirela (``works``, pairing filter); works of a fandom with a
relationship tag (archive metadata filters).

Every filter reads an indexed table: a character, speaker or addressee is found by the whole
name or any word of it in ``names`` (case-insensitive), a pairing side in ``pairing_names``,
an archive tag in ``tags`` (whole) or ``tag_variants`` (each `|`-separated variant of a tag
such as "僕のヒーローアカデミア | Boku no Hero Academia | My Hero Academia"). User words
reach FTS5 only as quoted terms, so no query syntax of FTS5 can be triggered by what a user
types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ficlens.corpus.rows import pairing_sides
from ficlens.corpus.store import QUOTE_BITS, Corpus, decode_row

TERM = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
RANKED_HITS = 2000  # more matches than this are listed newest first, not ranked
SCAN_PER_HIT = 1000  # a works listing scans at most about this many works per work listed
# Archive tag filters: option name -> the tag kind it reads (None: any kind).
TAG_FILTERS = {
    "tag": None, "fandom": "fandoms", "relationship": "relationships",
    "character_tag": "characters", "rating": "rating",
}


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
    fandom: str | None = None
    relationship: str | None = None
    character_tag: str | None = None


def _phrases_and_words(text: str) -> tuple[list[list[str]], list[str]]:
    phrases = [TERM.findall(p) for p in re.findall(r'"([^"]*)"', text)]
    words = TERM.findall(re.sub(r'"[^"]*"?', " ", text))
    return [p for p in phrases if p], words


def fts_query(text: str) -> str:
    """User words as an FTS5 query: bare words ANDed, "quoted phrases" kept as phrases; each
    term is a quoted string of letters and digits only. Empty when nothing searchable is
    left (a query of punctuation)."""
    phrases, words = _phrases_and_words(text)
    terms = ['"' + " ".join(p) + '"' for p in phrases] + [f'"{w}"' for w in words]
    return " ".join(terms)


def _name_key(name: str) -> str:
    return " ".join(name.split()).lower()


def _work_filters(f: Filters, params: dict[str, Any], work: str = "w.id",
                  common: frozenset[str] = frozenset()) -> list[str]:
    """SQL conditions for the filters. A tag filter named in ``common`` is tested work by
    work (an indexed look-up each) instead of listing all its works first: for a works
    listing in id order that stops after ``limit`` works, a tag most works carry is then
    found after a few rows, while a rare tag is still listed (see :func:`_common_tags`)."""
    clauses = []
    if f.character:
        params["character"] = _name_key(f.character)
        clauses.append(f"{work} IN (SELECT work_id FROM names WHERE key = :character)")
    if f.pairing:
        for i, side in enumerate(pairing_sides(f.pairing)):
            params[f"pair{i}"] = _name_key(side)
            clauses.append(f"{work} IN (SELECT work_id FROM pairing_names WHERE key = :pair{i})")
    for option, kind in TAG_FILTERS.items():
        value = getattr(f, option)
        if not value:
            continue
        params[option] = value.strip().lower()
        kind_clause = f" AND kind = '{kind}'" if kind else ""
        if option in common:
            clauses.append(
                f"(EXISTS (SELECT 1 FROM tags WHERE key = :{option}{kind_clause}"
                f" AND work_id = {work}) OR EXISTS (SELECT 1 FROM tag_variants"
                f" WHERE key = :{option}{kind_clause} AND work_id = {work}))"
            )
            continue
        clauses.append(
            f"({work} IN (SELECT work_id FROM tags WHERE key = :{option}{kind_clause})"
            f" OR {work} IN (SELECT work_id FROM tag_variants WHERE key = :{option}"
            f"{kind_clause}))"
        )
    if f.min_words is not None:
        params["min_words"] = f.min_words
        clauses.append("w.words >= :min_words")
    if f.max_words is not None:
        params["max_words"] = f.max_words
        clauses.append("w.words <= :max_words")
    return clauses


def has_no_terms(query: str) -> bool:
    """A query with text but nothing to search for (only punctuation): no results."""
    return bool(query.strip()) and not fts_query(query)


def search_works(corpus: Corpus, query: str, f: Filters, limit: int = 20) -> list[dict[str, Any]]:
    """Works matching the words and filters, best first. The works' full-text index keeps no
    word positions (a third of the size), so a phrase is looked up as its words and then
    checked in the text of each hit, until ``limit`` works have it."""
    if has_no_terms(query):
        return []
    params: dict[str, Any] = {}
    common = _common_tags(corpus, f, limit) if not query.strip() else frozenset()
    clauses = _work_filters(f, params, common=common)
    columns = "w.id, w.title, w.path, w.authors, w.words, w.rating, w.pairing"
    phrases, words = _phrases_and_words(query)
    if not query.strip():
        sql = f"SELECT {columns}, '' AS snippet FROM works w WHERE 1"
        sql += "".join(f" AND {c}" for c in clauses) + " ORDER BY w.id LIMIT :limit"
        return corpus.query(sql, {**params, "limit": limit})
    params["q"] = " ".join(f'"{w}"' for w in dict.fromkeys(words + [w for p in phrases for w in p]))
    hits, order = _hits("work_text", _too_many(corpus, "work_text", params["q"]))
    sql = (f"SELECT {columns} FROM {hits} JOIN works w ON w.id = hit.rowid WHERE 1"
           + "".join(f" AND {c}" for c in clauses) + order)
    if not phrases:
        rows = corpus.query(sql + " LIMIT :limit", {**params, "limit": limit})
    else:
        rows = _with_phrases(corpus, sql, params, phrases, limit)
    for row in rows:
        row["snippet"] = work_snippet(corpus, row["id"], query)
    return rows


def _common_tags(corpus: Corpus, f: Filters, limit: int) -> frozenset[str]:
    """The tag filters whose tag at least one work in ``SCAN_PER_HIT / limit`` carries
    (counted up to that many works, so the count costs no more than the listing it
    chooses): a scan of the works in id order meets ``limit`` of them within about
    ``SCAN_PER_HIT`` rows. At 25,000 works, a fandom of 8,000 works: 37 ms -> 0.13 ms."""
    newest = corpus.conn.execute("SELECT max(id) FROM works").fetchone()[0] or 0
    enough = max(1, newest * limit // SCAN_PER_HIT)
    common = set()
    for option, kind in TAG_FILTERS.items():
        value = getattr(f, option)
        if not value:
            continue
        kind_clause = " AND kind = :kind" if kind else ""
        found = corpus.conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM tags WHERE key = :key{kind_clause}"  # noqa: S608
            " LIMIT :enough)", {"key": value.strip().lower(), "kind": kind, "enough": enough},
        ).fetchone()[0]
        if found >= enough:
            common.add(option)
    return frozenset(common)


def _with_phrases(corpus: Corpus, sql: str, params: dict[str, Any],
                  phrases: list[list[str]], limit: int) -> list[dict[str, Any]]:
    patterns = [re.compile(r"\b" + r"\W+".join(map(re.escape, p)) + r"\b", re.IGNORECASE)
                for p in phrases]
    found = []
    for row in corpus.conn.execute(sql, params):
        text = corpus.text(row["id"])
        if all(p.search(text) for p in patterns):
            found.append(decode_row(dict(row)))
            if len(found) == limit:
                break
    return found


def work_snippet(corpus: Corpus, work_id: int, query: str, words: int = 12) -> str:
    """A few words around the first match, the match in [brackets] (plain text: whoever
    prints it escapes it). The match is found with a regex over the stored text; when only
    stemming matched, the opening words stand in."""
    body = corpus.text(work_id)
    found = _first_match(body, query)
    if found is None:
        return " ".join([*body.split()[:words], "…"])
    start, end = found
    side = words // 2
    before = re.findall(r"\S+\s*", body[max(0, start - 12 * words):start])[-side:]
    after = re.findall(r"\s*\S+", body[end:end + 12 * words])[:side]
    piece = "".join([*before, f"[{body[start:end]}]", *after])
    return "… " + " ".join(piece.split()) + " …"  # the story's own spacing, lines joined


def _first_match(body: str, query: str) -> tuple[int, int] | None:
    phrases, words = _phrases_and_words(query)
    patterns = [r"\W+".join(map(re.escape, p)) for p in phrases]
    patterns += [re.escape(w[: max(4, len(w) - 2)]) + r"\w*" for w in words]
    if not patterns:
        return None
    match = re.search(r"\b(?:" + "|".join(patterns) + r")", body, re.IGNORECASE)
    return match.span() if match else None


def search_quotes(corpus: Corpus, query: str, f: Filters, limit: int = 20) -> list[dict[str, Any]]:
    """Quotes matching the words and filters. A work's quotes have consecutive ids (the work's
    id shifted by ``QUOTE_BITS``), so a speaker's or addressee's lines are read as a range of
    their works' quotes, found through the name index; with words too, each of those lines
    is looked up in the full-text index unless the words are rare enough to drive."""
    if has_no_terms(query):
        return []
    params: dict[str, Any] = {"limit": limit}
    clauses = _work_filters(f, params, work="q.work_id")
    roles = [role for role in ("speaker", "addressee") if getattr(f, role)]
    for role in roles:
        params[role] = _name_key(getattr(f, role))
    columns = ("q.id, q.work_id, w.title, w.path, sc.name AS speaker_name, "
               "ac.name AS addressee_name, q.type, q.confidence, q.text, q.start, q.end")
    names = (" LEFT JOIN characters sc ON sc.work_id = q.work_id AND sc.char_id = q.speaker"
             " LEFT JOIN characters ac ON ac.work_id = q.work_id AND ac.char_id = q.addressee")
    common = False
    if query.strip():
        params["q"] = fts_query(query)
        common = _too_many(corpus, "quote_text", params["q"])
    if query.strip() and not (roles and common):
        hits, order = _hits("quote_text", common)
        source = f"{hits} JOIN quotes q ON q.id = hit.rowid"
        clauses += [_role_clause(role) for role in roles]
    elif roles:
        first = roles[0]
        source = (f"names m JOIN quotes q ON q.id BETWEEN (m.work_id << {QUOTE_BITS}) "
                  f"AND (m.work_id << {QUOTE_BITS}) + {(1 << QUOTE_BITS) - 1} "
                  f"AND q.{first} = m.char_id")
        clauses.append(f"m.key = :{first}")
        clauses += [_role_clause(role) for role in roles[1:]]
        if query.strip():
            clauses.append("EXISTS (SELECT 1 FROM quote_text WHERE quote_text MATCH :q "
                           "AND quote_text.rowid = q.id)")
        order = " ORDER BY m.work_id, q.id"
    else:
        source = "quotes q"
        order = " ORDER BY q.id"
    sql = (f"SELECT {columns} FROM {source} JOIN works w ON w.id = q.work_id{names} WHERE 1"
           + "".join(f" AND {c}" for c in clauses) + order + " LIMIT :limit")
    rows = corpus.query(sql, params)
    texts: dict[int, str] = {}
    for row in rows:
        if row["text"] is None:  # stored once, in the document
            if row["work_id"] not in texts:
                texts[row["work_id"]] = corpus.text(row["work_id"])
            row["text"] = texts[row["work_id"]][row["start"]:row["end"]]
    return rows


def _too_many(corpus: Corpus, table: str, fts: str) -> bool:
    """Whether more than ``RANKED_HITS`` rows match: counted in the index's rowid order,
    which stops at the cap, so the question costs little however common the words are."""
    row = corpus.conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? "  # noqa: S608
        f"LIMIT {RANKED_HITS + 1})", (fts,),
    ).fetchone()
    return row[0] > RANKED_HITS


def _hits(table: str, common: bool) -> tuple[str, str]:
    """The matching rows and their order: best first (BM25) when few enough match; newest
    first when the words are so common that ranking them all would be slow and say little."""
    if common:
        return (f"(SELECT rowid FROM {table} WHERE {table} MATCH :q ORDER BY rowid DESC) AS hit",
                " ORDER BY hit.rowid DESC")
    return (f"(SELECT rowid, rank FROM {table} WHERE {table} MATCH :q ORDER BY rank) AS hit",
            " ORDER BY hit.rank")


def _role_clause(role: str) -> str:
    return (f"(q.work_id, q.{role}) IN (SELECT work_id, char_id FROM names WHERE key = :{role})")
