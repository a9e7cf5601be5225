"""Adding works to a corpus (resumable) and keeping its cross-work links up to date.

Linking is incremental: each added work is linked with the stored works through the sketch
indexes in the same transaction that stores it, and its fandoms' characters are
canonicalised again; ``relink`` (``corpus link``) recomputes every link from the stored
sketches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ficlens.corpus.canonical import canonicalise
from ficlens.corpus.failures import failure_message
from ficlens.corpus.links import merge_links, save_links, stored_links_of
from ficlens.corpus.store import Corpus, file_hash


@dataclass
class AddResult:
    added: list[int] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def add_paths(
    corpus: Corpus,
    paths: Iterable[Path],
    on_progress: Callable[[Path], None] = lambda _path: None,
    link: bool = True,
) -> AddResult:
    """Analyse and store each file not stored yet; one bad file does not stop the rest."""
    from ficlens.ingest import read_path
    from ficlens.pipeline import analyze

    result = AddResult()
    for path in paths:
        try:
            digest = file_hash(path)
            if corpus.has(digest):
                result.skipped.append(path)
            else:
                work_id = corpus.add(analyze(read_path(path)), digest, link=link)
                (result.added.append(work_id) if work_id else result.skipped.append(path))
        except Exception as exc:  # noqa: BLE001  (one bad work does not stop the rest)
            result.failed.append((str(path), failure_message(exc)))
        on_progress(path)
    return result


def link_added(corpus: Corpus, work_ids: list[int]) -> int:
    """Link works already stored without links (and canonicalise their fandoms); returns the
    number of links the corpus now holds."""
    with corpus.transaction() as conn:
        for work_id in sorted(work_ids):
            save_links(conn, stored_links_of(conn, work_id))
    canonicalise(corpus, fandoms_of(corpus, work_ids))
    return link_count(corpus)


def refresh_links(corpus: Corpus, added: list[int]) -> int:
    """After works were added with their links: canonicalise their fandoms again."""
    canonicalise(corpus, fandoms_of(corpus, added))
    return link_count(corpus)


def relink(corpus: Corpus) -> int:
    """Recompute every link and canonical name from the stored sketches; returns the count."""
    canonicalise(corpus)
    with corpus.transaction() as conn:
        conn.execute("DELETE FROM links")
        found = []
        for (work_id,) in conn.execute("SELECT id FROM works ORDER BY id").fetchall():
            found += stored_links_of(conn, work_id)
        save_links(conn, merge_links(found))
    return link_count(corpus)


def fandoms_of(corpus: Corpus, work_ids: list[int]) -> set[str]:
    if not work_ids:
        return set()
    marks = ",".join("?" * len(work_ids))
    rows = corpus.query(f"SELECT fandoms FROM works WHERE id IN ({marks})", list(work_ids))
    return {(row["fandoms"] or [NO_FANDOM])[0] for row in rows}


NO_FANDOM = "(no fandom)"


def link_count(corpus: Corpus) -> int:
    """The links stored (a maintained total, not a count over the table)."""
    row = corpus.conn.execute("SELECT coalesce(sum(n), 0) FROM totals WHERE kind = 'link'")
    return row.fetchone()[0]
