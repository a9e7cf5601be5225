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
# 4: slim storage (text once, analysis columnar, contentless full-text indexes, the works' one
# without word positions: phrases are checked in the text; chapters, scenes and relationships
# live in the stored analysis and the Parquet tables), normalised
# name / pairing / tag tables for indexed filters, stored link sketches and an LSH band index,
# and totals kept up to date by triggers so that `corpus stats` reads no per-work rows.
# Databases older than this are rebuilt from their stored documents (see store.py).
SLIM = """
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
    canonical_pairing TEXT,
    added_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE documents (
    -- the compressed text then the compressed analysis, one blob so that no half-empty page
    -- is spent on a second one; the text is read alone with substr(data, 1, text_size)
    work_id INTEGER PRIMARY KEY REFERENCES works(id) ON DELETE CASCADE,
    text_size INTEGER NOT NULL,
    data BLOB NOT NULL
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
) WITHOUT ROWID;
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,  -- (work id << 20) + the quote's place: a work's quotes in order
    start INTEGER NOT NULL, end INTEGER NOT NULL,
    text TEXT,  -- NULL: the span's own text
    speaker TEXT, addressee TEXT,
    type TEXT,
    permille INTEGER,  -- the speaker's confidence, to three places (exact in the analysis)
    work_id INTEGER GENERATED ALWAYS AS (id >> 20) VIRTUAL,
    confidence REAL GENERATED ALWAYS AS (permille / 1000.0) VIRTUAL
);
CREATE TABLE tags (
    work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    kind TEXT NOT NULL, value TEXT NOT NULL, key TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, work_id INTEGER NOT NULL, char_id TEXT NOT NULL,
    PRIMARY KEY (key, work_id, char_id)
) WITHOUT ROWID;
CREATE TABLE pairing_names (
    key TEXT NOT NULL, work_id INTEGER NOT NULL, side INTEGER NOT NULL,
    PRIMARY KEY (key, work_id, side)
) WITHOUT ROWID;
CREATE TABLE sketches (
    work_id INTEGER PRIMARY KEY REFERENCES works(id) ON DELETE CASCADE,
    minhash BLOB NOT NULL,
    terms BLOB NOT NULL,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE lsh_bands (
    band INTEGER NOT NULL, bucket INTEGER NOT NULL, work_id INTEGER NOT NULL,
    PRIMARY KEY (band, bucket, work_id)
) WITHOUT ROWID;
CREATE TABLE work_terms (
    term INTEGER NOT NULL, work_id INTEGER NOT NULL,
    PRIMARY KEY (term, work_id)
) WITHOUT ROWID;
CREATE TABLE term_df (term INTEGER PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE links (
    source INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    target INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    score REAL NOT NULL,
    evidence TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (source, target, kind)
);
CREATE INDEX links_target ON links(target);
CREATE TABLE embeddings (
    work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
    chunk INTEGER NOT NULL,
    start INTEGER, end INTEGER,
    model TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (work_id, chunk)
);
CREATE TABLE totals (
    kind TEXT NOT NULL, value TEXT NOT NULL,
    n INTEGER NOT NULL DEFAULT 0, lines INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE INDEX totals_by_n ON totals(kind, n);
CREATE INDEX totals_by_lines ON totals(kind, lines);
CREATE INDEX tags_key ON tags(key, kind, work_id);
CREATE INDEX tags_work ON tags(work_id);
CREATE INDEX works_words ON works(words);
CREATE INDEX works_fandom_first ON works(json_extract(fandoms, '$[0]'));
CREATE VIRTUAL TABLE work_text USING fts5(
    title, body, content = '', detail = column, tokenize = 'porter unicode61'
);
CREATE VIRTUAL TABLE quote_text USING fts5(
    text, content = '', tokenize = 'porter unicode61'
);
""" + "".join(
    f"""
CREATE TRIGGER {name} AFTER {event} BEGIN
    {body}
END;"""
    for name, event, body in (
        ("works_totals", "INSERT ON works",
         "INSERT INTO totals(kind, value, n, lines) VALUES ('corpus', 'works', 1, NEW.words) "
         "ON CONFLICT DO UPDATE SET n = n + 1, lines = lines + NEW.words; "
         + "".join(
             f"INSERT INTO totals(kind, value, n) SELECT '{column}', NEW.{column}, 1 "
             f"WHERE NEW.{column} IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1; "
             for column in ("category", "arc_shape", "canonical_pairing")
         )),
        ("works_pairing_totals", "UPDATE OF canonical_pairing ON works",
         "UPDATE totals SET n = n - 1 WHERE kind = 'canonical_pairing' "
         "AND value = OLD.canonical_pairing; "
         "INSERT INTO totals(kind, value, n) SELECT 'canonical_pairing', "
         "NEW.canonical_pairing, 1 WHERE NEW.canonical_pairing IS NOT NULL "
         "ON CONFLICT DO UPDATE SET n = n + 1;"),
        ("quotes_totals", "INSERT ON quotes",
         "INSERT INTO totals(kind, value, n, lines) VALUES ('corpus', 'quotes', 1, "
         "NEW.speaker IS NOT NULL) ON CONFLICT DO UPDATE SET n = n + 1, "
         "lines = lines + (NEW.speaker IS NOT NULL);"),
        ("tags_totals", "INSERT ON tags",
         "INSERT INTO totals(kind, value, n) VALUES ('tag:' || NEW.kind, NEW.value, 1) "
         "ON CONFLICT DO UPDATE SET n = n + 1;"),
        ("characters_totals", "INSERT ON characters",
         "INSERT INTO totals(kind, value, n, lines) VALUES ('character', "
         "coalesce(NEW.canonical, NEW.name), 1, NEW.lines) "
         "ON CONFLICT DO UPDATE SET n = n + 1, lines = lines + NEW.lines;"),
        ("characters_canonical_totals", "UPDATE OF canonical ON characters",
         "UPDATE totals SET n = n - 1, lines = lines - OLD.lines WHERE kind = 'character' "
         "AND value = coalesce(OLD.canonical, OLD.name); "
         "INSERT INTO totals(kind, value, n, lines) VALUES ('character', "
         "coalesce(NEW.canonical, NEW.name), 1, NEW.lines) "
         "ON CONFLICT DO UPDATE SET n = n + 1, lines = lines + NEW.lines;"),
        ("links_insert_totals", "INSERT ON links",
         "INSERT INTO totals(kind, value, n) VALUES ('link', NEW.kind, 1) "
         "ON CONFLICT DO UPDATE SET n = n + 1;"),
        ("links_delete_totals", "DELETE ON links",
         "UPDATE totals SET n = n - 1 WHERE kind = 'link' AND value = OLD.kind;"),
    )
)
SLIM_VERSION = len(MIGRATIONS) + 1
# Changes to the slim layout, each brought to a slim database in place (one transaction with
# its backfill from the stored documents, see store.py), and made at once in a new one.
UPGRADES: tuple[str, ...] = (
    # 5: character portraits as counts: (work, character) -> how often each (role, lemma) of
    # ``portrait_words``, read through the primary key by work or by (work, character). The
    # counts are packed in one blob per character (pairs of varints: the word id's gap from
    # the previous one, the count; see corpus/portraits.py): a row per word would cost 2.5 KB
    # of a 3k-word work's 40, the packed rows 0.5 KB. The Parquet dataset has the same
    # counts a row per word. Also every `|`-separated variant of an archive tag as a lookup
    # key ("My Hero Academia" finds "僕のヒーローアカデミア | ... | My Hero Academia").
    """
    CREATE TABLE portrait_words (
        id INTEGER PRIMARY KEY,
        role TEXT NOT NULL,
        lemma TEXT NOT NULL,
        UNIQUE (role, lemma)
    );
    CREATE TABLE portraits (
        work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
        char_id TEXT NOT NULL,
        counts BLOB NOT NULL,
        PRIMARY KEY (work_id, char_id)
    ) WITHOUT ROWID;
    CREATE TABLE tag_variants (
        key TEXT NOT NULL, kind TEXT NOT NULL, work_id INTEGER NOT NULL,
        PRIMARY KEY (key, kind, work_id)
    ) WITHOUT ROWID;
    """,
)
SCHEMA_VERSION = SLIM_VERSION + len(UPGRADES)


CURRENT = SLIM + "".join(UPGRADES)


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring a database to the current schema; returns the version it was at before.

    A new database gets the current schema at once. An older one gets the old migrations it
    lacks (so its documents are readable), and is then rebuilt by the store (``needs_rebuild``).
    """
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"database schema v{version} is newer than this ficlens (v{SCHEMA_VERSION})"
        )
    if version == 0 and _is_empty(conn):
        _apply(conn, CURRENT + f"PRAGMA user_version = {SCHEMA_VERSION};")
        return 0
    for number in range(version, len(MIGRATIONS)):
        _apply(conn, MIGRATIONS[number] + f"PRAGMA user_version = {number + 1};")
    return version


def needs_rebuild(conn: sqlite3.Connection) -> bool:
    return schema_version(conn) < SLIM_VERSION


def pending_upgrades(conn: sqlite3.Connection) -> list[int]:
    """The numbers of the upgrades a slim database lacks (none for an older one: it is
    rebuilt in the current layout)."""
    version = schema_version(conn)
    if version < SLIM_VERSION:
        return []
    return list(range(version, SCHEMA_VERSION))


def _is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def _apply(conn: sqlite3.Connection, script: str) -> None:
    try:
        conn.executescript("BEGIN;" + script + "COMMIT;")
    except sqlite3.Error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
