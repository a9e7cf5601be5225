"""The embedded SQLite store: one file, WAL mode, one transaction per work.

A work is written whole or not at all: killing the process mid-batch loses no finished work
and leaves no half-written one. Works are keyed by the SHA-256 of their file's bytes, so adding
the same folder again skips what is already stored without analysing it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ficlens.corpus.rows import WorkRows, rows_from_work
from ficlens.corpus.schema import migrate
from ficlens.document import Work
from ficlens.errors import InputError

JSON_COLUMNS = ("authors", "fandoms", "series", "aliases", "types")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Corpus:
    """A corpus database file. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path, create: bool = False) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise InputError(f"{self.path}: no corpus here (create one with `ficlens corpus init`)")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self.conn)
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

    def add(self, work: Work, digest: str) -> int | None:
        """Store an analysed work; returns its id, or None when it was already stored."""
        rows = rows_from_work(work)
        document = zlib.compress(work.to_json().encode("utf-8"), 6)
        with self.transaction() as conn:
            if self.has(digest):
                return None
            work_id = _insert(conn, "works", {**rows.work, "content_hash": digest,
                                              "document": document})
            _insert_children(conn, work_id, rows)
            conn.execute(
                "INSERT INTO work_text(rowid, title, body) VALUES (?, ?, ?)",
                (work_id, rows.work["title"] or "", work.text),
            )
        return work_id

    def set_links(self, links: list[dict[str, Any]]) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM links")
            for link in links:
                _insert(conn, "links", link)

    def set_canonical(self, names: dict[tuple[int, str], str]) -> None:
        with self.transaction() as conn:
            conn.executemany(
                "UPDATE characters SET canonical = ? WHERE work_id = ? AND char_id = ?",
                [(canon, wid, cid) for (wid, cid), canon in names.items()],
            )

    # -- reading ----------------------------------------------------------------------
    def query(self, sql: str, params: tuple | list = ()) -> list[dict[str, Any]]:
        return [_decode(dict(r)) for r in self.conn.execute(sql, params)]

    def work_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM works ORDER BY id")]

    def load(self, work_id: int) -> Work:
        row = self.conn.execute("SELECT document FROM works WHERE id = ?", (work_id,)).fetchone()
        if row is None:
            raise InputError(f"no work with id {work_id} in {self.path}")
        return Work.from_json(zlib.decompress(row[0]).decode("utf-8"))

    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    values = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in row.items()}
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cursor = conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(values.values()))
    return cursor.lastrowid


def _insert_children(conn: sqlite3.Connection, work_id: int, rows: WorkRows) -> None:
    for table in ("chapters", "characters", "scenes", "relationships", "tags"):
        for row in getattr(rows, table):
            _insert(conn, table, {"work_id": work_id, **row})
    for quote in rows.quotes:
        quote_id = _insert(conn, "quotes", {"work_id": work_id, **quote})
        conn.execute("INSERT INTO quote_text(rowid, text) VALUES (?, ?)", (quote_id, quote["text"]))


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in JSON_COLUMNS:
        if isinstance(row.get(key), str):
            row[key] = json.loads(row[key])
    row.pop("document", None)
    return row
