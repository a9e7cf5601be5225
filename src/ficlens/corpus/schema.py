"""The SQLite corpus schema and its versioned migrations.

Each migration is a script applied once, in order, inside a transaction; ``PRAGMA
user_version`` records how far a database has come, so an old file is brought up to date when
it is opened.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    # 1: works and everything the analysis says about them
    """
    CREATE TABLE works (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        path TEXT,
        title TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        fandoms TEXT NOT NULL DEFAULT '[]',
        rating TEXT,
        language TEXT,
        words INTEGER NOT NULL,
        series TEXT NOT NULL DEFAULT '[]',
        pairing TEXT,
        pairing_kind TEXT,
        category TEXT,
        arc_shape TEXT,
        summary TEXT,
        document BLOB NOT NULL,
        added_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    CREATE TABLE chapters (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        number INTEGER, title TEXT, start INTEGER NOT NULL, end INTEGER NOT NULL
    );
    CREATE TABLE characters (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        char_id TEXT NOT NULL,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        gender TEXT,
        mentions INTEGER NOT NULL DEFAULT 0,
        lines INTEGER NOT NULL DEFAULT 0,
        canonical TEXT,
        PRIMARY KEY (work_id, char_id)
    );
    CREATE TABLE quotes (
        id INTEGER PRIMARY KEY,
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        start INTEGER NOT NULL, end INTEGER NOT NULL,
        text TEXT NOT NULL,
        speaker TEXT, speaker_name TEXT,
        addressee TEXT, addressee_name TEXT,
        type TEXT, confidence REAL
    );
    CREATE TABLE scenes (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        number INTEGER, start INTEGER NOT NULL, end INTEGER NOT NULL,
        person TEXT, mode TEXT, focal TEXT, focal_name TEXT
    );
    CREATE TABLE relationships (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        source TEXT NOT NULL, target TEXT NOT NULL,
        source_name TEXT, target_name TEXT,
        lines INTEGER, types TEXT NOT NULL DEFAULT '[]', romance_score REAL
    );
    CREATE TABLE tags (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, value TEXT NOT NULL
    );
    CREATE INDEX quotes_work ON quotes(work_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_name);
    CREATE INDEX quotes_addressee ON quotes(addressee_name);
    CREATE INDEX characters_name ON characters(name);
    CREATE INDEX tags_value ON tags(kind, value);
    CREATE VIRTUAL TABLE work_text USING fts5(title, body, tokenize = 'porter unicode61');
    CREATE VIRTUAL TABLE quote_text USING fts5(
        text, content = 'quotes', content_rowid = 'id', tokenize = 'porter unicode61'
    );
    """,
    # 2: cross-work links (sequels, near-duplicates) found by `corpus link`
    """
    CREATE TABLE links (
        source INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        target INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        score REAL NOT NULL,
        evidence TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (source, target, kind)
    );
    """,
    # 3: sentence embeddings for semantic search (`corpus embed`, optional extra `semantic`)
    """
    CREATE TABLE embeddings (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        chunk INTEGER NOT NULL,
        start INTEGER, end INTEGER,
        model TEXT NOT NULL,
        vector BLOB NOT NULL,
        PRIMARY KEY (work_id, chunk)
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this database lacks; returns the version it is now at."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema v{version} is newer than this ficlens (v{SCHEMA_VERSION})"
        )
    for number in range(version, SCHEMA_VERSION):
        script = MIGRATIONS[number] + f"PRAGMA user_version = {number + 1};"
        try:
            conn.executescript("BEGIN;" + script + "COMMIT;")
        except sqlite3.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION
