"""The embedded SQLite store: one file, WAL mode, one transaction per work.

A work is written whole or not at all: killing the process mid-batch loses no finished work
and leaves no half-written one. Works are keyed by the SHA-256 of their file's bytes, so adding
the same folder again skips what is already stored without analysing it.

Storage is slim: the text is stored once (compressed), the analysis as a compact columnar blob
(``codec``) from which the analysis JSON is rebuilt exactly, and the full-text indexes hold no
copy of the text. Search filters read normalised, indexed tables (``names``, ``pairing_names``,
``tags``); ``totals`` is kept by triggers for ``corpus stats``. A work's link sketch is computed
when it is prepared and stored with it, so linking reads candidates only.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ficlens.corpus import codec
from ficlens.corpus.links import LinkSketch, index_sketch, save_links, stored_links_of, work_sketch
from ficlens.corpus.packing import pack_counts
from ficlens.corpus.rows import (
    WorkRows,
    name_keys,
    pairing_sides,
    portrait_rows,
    rows_from_work,
    tag_variants,
)
from ficlens.corpus.schema import migrate, needs_rebuild, pending_upgrades
from ficlens.document import Work
from ficlens.errors import InputError

JSON_COLUMNS = ("authors", "fandoms", "series", "aliases", "types")
QUOTE_BITS = 20  # a quote's id is its work's id shifted by this, plus its place in the work
BUSY_SECONDS = 60.0
PAGE_SIZE = 2048  # for new databases  # another writer holds the lock: wait for it rather than fail


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class PreparedWork:
    """Everything the store writes for one work, computed where the work was analysed (a
    batch worker), so that storing it is only inserts."""

    digest: str
    rows: WorkRows
    text: str
    analysis: bytes
    sketch: LinkSketch


def prepare(work: Work, digest: str) -> PreparedWork:
    return PreparedWork(digest, rows_from_work(work), work.text, codec.encode(work),
                        work_sketch(work))


def compress_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 9)  # zlib: snippets decompress it fast


def decompress_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


class Corpus:
    """A corpus database file. Use as a context manager or call :meth:`close`.

    A database made by an older ficlens is refused with a pointer to ``corpus init``, which
    rebuilds it in the current layout (``create=True``)."""

    def __init__(self, path: str | Path, create: bool = False) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise InputError(f"{self.path}: no corpus here (create one with `ficlens corpus init`)")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                        timeout=BUSY_SECONDS)
            self.conn.row_factory = sqlite3.Row
            # small pages: a work's compressed blob wastes less of its last page
            self.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.migrated_from = migrate(self.conn)
            if needs_rebuild(self.conn):
                if not create:
                    raise InputError(f"{self.path}: made by an older ficlens; bring it up to date "
                                     "with `ficlens corpus init`")
                self._rebuild()
            elif pending_upgrades(self.conn):
                if not create:
                    raise InputError(f"{self.path}: made by an older ficlens; bring it up to date "
                                     "with `ficlens corpus init`")
                self._upgrade()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{self.path}: not a ficlens corpus ({exc})") from exc

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: it takes the write lock at once, so everything read inside
        it is what the write will be based on, whatever other processes are doing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- writing ----------------------------------------------------------------------
    def has(self, digest: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM works WHERE content_hash = ?", (digest,))
        return row.fetchone() is not None

    def add(self, work: Work, digest: str, link: bool = False) -> int | None:
        """Store an analysed work; returns its id, or None when it was already stored."""
        return self.add_prepared(prepare(work, digest), link=link)

    def add_prepared(self, prepared: PreparedWork, link: bool = False) -> int | None:
        """Store a prepared work and, with ``link``, the links it makes with the works
        already stored, all in one write transaction."""
        with self.transaction() as conn:
            if self.has(prepared.digest):
                return None
            work_id = _insert_work(conn, prepared)
            if link:
                save_links(conn, stored_links_of(conn, work_id))
        return work_id

    def add_many(self, works: list[PreparedWork]) -> list[int]:
        """Store prepared works in one transaction, without links (``corpus link`` or
        ``link_added`` make them); returns the ids of those not stored before."""
        added = []
        with self.transaction() as conn:
            for prepared in works:
                if not self.has(prepared.digest):
                    added.append(_insert_work(conn, prepared))
        return added

    def set_canonical(self, names: dict[tuple[int, str], str]) -> None:
        with self.transaction() as conn:
            write_canonical(conn, names)

    def _rebuild(self) -> None:
        """Rebuild a database of an older layout from its stored documents, in place."""
        from ficlens.corpus.build import relink
        from ficlens.corpus.schema import CURRENT, SCHEMA_VERSION

        conn = self.conn
        old = {row[0] for row in
               conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        with self.transaction():
            conn.execute("ALTER TABLE works RENAME TO old_works")
            for table in ("work_text", "quote_text", "links", "embeddings", "tags", "chapters",
                          "characters", "quotes", "scenes", "relationships"):
                if table in old:
                    conn.execute(f"DROP TABLE {table}")
            for statement in _statements(CURRENT):
                conn.execute(statement)
            stored = conn.execute(
                "SELECT content_hash, document, added_at FROM old_works ORDER BY id"
            )
            for digest, document, added_at in stored:
                work = Work.from_json(zlib.decompress(document).decode("utf-8"))
                work_id = _insert_work(conn, prepare(work, digest))
                conn.execute("UPDATE works SET added_at = ? WHERE id = ?", (added_at, work_id))
            conn.execute("DROP TABLE old_works")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        relink(self)
        conn.execute("VACUUM")

    def _upgrade(self) -> None:
        """Bring a slim database up to date in place: each upgrade's tables and their rows
        for the works already stored, in one transaction."""
        from ficlens.corpus.schema import SLIM_VERSION, UPGRADES

        with self.transaction() as conn:
            for number in pending_upgrades(conn):
                for statement in _statements(UPGRADES[number - SLIM_VERSION]):
                    conn.execute(statement)
                BACKFILLS[number](self)
                conn.execute(f"PRAGMA user_version = {number + 1}")

    def _backfill_portraits(self) -> None:
        """Portrait counts and tag variants of the stored works, from their documents (a work
        analysed before the portraits stage existed has no portraits to count)."""
        for work_id in self.work_ids():
            _insert_portraits(self.conn, work_id, portrait_rows(self.load(work_id)))
        tags = self.conn.execute("SELECT work_id, kind, value FROM tags WHERE value LIKE '%|%'")
        _insert_tag_variants(self.conn, [(w, {"kind": k, "value": v}) for w, k, v in tags])

    # -- reading ----------------------------------------------------------------------
    def query(self, sql: str, params: tuple | list | dict = ()) -> list[dict[str, Any]]:
        return [decode_row(dict(r)) for r in self.conn.execute(sql, params)]

    def work_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM works ORDER BY id")]

    def text(self, work_id: int) -> str:
        """The work's text alone (only the pages holding it are read)."""
        row = self.conn.execute(
            "SELECT substr(data, 1, text_size) FROM documents WHERE work_id = ?", (work_id,)
        ).fetchone()
        if row is None:
            raise InputError(f"no work with id {work_id} in {self.path}")
        return decompress_text(row[0])

    def load(self, work_id: int) -> Work:
        row = self.conn.execute("SELECT text_size, data FROM documents WHERE work_id = ?",
                                (work_id,)).fetchone()
        if row is None:
            raise InputError(f"no work with id {work_id} in {self.path}")
        size, data = row
        return codec.decode(decompress_text(data[:size]), data[size:])

    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608

    def total(self, kind: str, value: str) -> tuple[int, int]:
        """A maintained total: (count, summed lines or words)."""
        row = self.conn.execute("SELECT n, lines FROM totals WHERE kind = ? AND value = ?",
                                (kind, value)).fetchone()
        return (row[0], row[1]) if row else (0, 0)


BACKFILLS = {4: Corpus._backfill_portraits}


def _statements(script: str) -> Iterator[str]:
    """The statements of a schema script (triggers hold semicolons: end at 'END;')."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                yield pending.strip()
            pending = ""


def write_canonical(conn: sqlite3.Connection, names: dict[tuple[int, str], str]) -> None:
    """Set canonical names that changed, with their lookup keys (triggers move the totals)."""
    changed = []
    for (work_id, char_id), canon in names.items():
        row = conn.execute("SELECT canonical FROM characters WHERE work_id = ? AND char_id = ?",
                           (work_id, char_id)).fetchone()
        if row is not None and row[0] != canon:
            changed.append((canon, work_id, char_id))
    conn.executemany("UPDATE characters SET canonical = ? WHERE work_id = ? AND char_id = ?",
                     changed)
    conn.executemany("INSERT OR IGNORE INTO names(key, work_id, char_id) VALUES (?, ?, ?)",
                     [(key, w, c) for canon, w, c in changed for key in name_keys(canon)])


def canonical_pairing(label: str | None, canon: dict[str, str]) -> str | None:
    """A pairing under its characters' canonical names, sides sorted: "Tobin/Mirela Vance" and
    "Mirela/Tobin Hale" may both be "Mirela Vance/Tobin Hale"."""
    if not label:
        return None
    separator = " & " if " & " in label else "/"
    return separator.join(sorted(canon.get(side, side) for side in label.split(separator)))


def _insert_work(conn: sqlite3.Connection, prepared: PreparedWork) -> int:
    rows = prepared.rows
    work_row = {**rows.work, "content_hash": prepared.digest,
                "canonical_pairing": canonical_pairing(rows.work.get("pairing"), {})}
    work_id = _insert(conn, "works", work_row)
    text = compress_text(prepared.text)
    conn.execute("INSERT INTO documents(work_id, text_size, data) VALUES (?, ?, ?)",
                 (work_id, len(text), text + prepared.analysis))
    _insert_children(conn, work_id, rows, prepared.text)
    conn.execute("INSERT INTO work_text(rowid, title, body) VALUES (?, ?, ?)",
                 (work_id, rows.work.get("title") or "", prepared.text))
    index_sketch(conn, work_id, prepared.sketch)
    return work_id


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    values = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in row.items()}
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(values.values()))
    return cursor.lastrowid


def _insert_children(conn: sqlite3.Connection, work_id: int, rows: WorkRows, text: str) -> None:
    _insert_many(conn, "characters", [{"work_id": work_id, **row} for row in rows.characters])
    _insert_many(conn, "tags", [{"work_id": work_id, **tag, "key": tag["value"].lower()}
                                for tag in rows.tags])
    conn.executemany(
        "INSERT INTO totals(kind, value, n) VALUES ('pov_mode', ?, 1) "
        "ON CONFLICT DO UPDATE SET n = n + 1",
        [(scene["mode"],) for scene in rows.scenes if scene.get("mode")],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO names(key, work_id, char_id) VALUES (?, ?, ?)",
        [(key, work_id, c["char_id"]) for c in rows.characters
         for key in name_keys(c["name"], *c["aliases"])],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO pairing_names(key, work_id, side) VALUES (?, ?, ?)",
        [(key, work_id, side) for side, name in enumerate(pairing_sides(rows.work.get("pairing")))
         for key in name_keys(name)],
    )
    _insert_tag_variants(conn, [(work_id, tag) for tag in rows.tags])
    _insert_portraits(conn, work_id, rows.portraits)
    quotes = []
    for place, quote in enumerate(rows.quotes):
        stored = {k: quote[k] for k in ("start", "end", "text", "speaker", "addressee", "type")}
        if stored["text"] == text[stored["start"]:stored["end"]]:
            stored["text"] = None  # the span's own text: read from the document when shown
        confidence = quote.get("confidence")
        stored["permille"] = None if confidence is None else round(confidence * 1000)
        quotes.append({"id": (work_id << QUOTE_BITS) + place, **stored})
    _insert_many(conn, "quotes", quotes)
    conn.executemany("INSERT INTO quote_text(rowid, text) VALUES (?, ?)",
                     [(q["id"], quote["text"]) for q, quote in zip(quotes, rows.quotes,
                                                                  strict=True)])


def _insert_tag_variants(conn: sqlite3.Connection,
                         tags: list[tuple[int, dict[str, Any]]]) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO tag_variants(key, kind, work_id) VALUES (?, ?, ?)",
        [(key, tag["kind"], work_id) for work_id, tag in tags
         for key in tag_variants(tag["value"])],
    )


def _insert_portraits(conn: sqlite3.Connection, work_id: int,
                      rows: list[dict[str, Any]]) -> None:
    """A work's portrait counts, packed per character over the shared word ids."""
    words = [(row["role"], row["lemma"]) for row in rows]
    # new words numbered in the rows' order; then every id in one query, not one a row
    conn.executemany("INSERT OR IGNORE INTO portrait_words(role, lemma) VALUES (?, ?)", words)
    ids = dict(((role, lemma), word_id) for word_id, role, lemma in conn.execute(
        "SELECT w.id, w.role, w.lemma FROM json_each(?) AS j JOIN portrait_words AS w "
        "ON w.role = j.value ->> 0 AND w.lemma = j.value ->> 1", (json.dumps(words),)))
    by_character: dict[str, list[tuple[int, int]]] = {}
    for row, word in zip(rows, words, strict=True):
        by_character.setdefault(row["char_id"], []).append((ids[word], row["n"]))
    conn.executemany("INSERT INTO portraits(work_id, char_id, counts) VALUES (?, ?, ?)",
                     [(work_id, char_id, pack_counts(pairs))
                      for char_id, pairs in by_character.items()])


def _insert_many(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Rows of one table that share their columns, in one statement."""
    if not rows:
        return
    columns = list(rows[0])
    marks = ", ".join("?" for _ in columns)
    conn.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
        [[json.dumps(v) if isinstance(v, list | dict) else v for v in (row[c] for c in columns)]
         for row in rows],
    )


def decode_row(row: dict[str, Any]) -> dict[str, Any]:
    for key in JSON_COLUMNS:
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    row.pop("document", None)
    return row
