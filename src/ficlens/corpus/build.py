"""Adding works to a corpus (resumable) and refreshing its cross-work links."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ficlens.corpus.canonical import canonicalise
from ficlens.corpus.failures import failure_message
from ficlens.corpus.links import all_links, sketch
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
                work_id = corpus.add(analyze(read_path(path)), digest)
                (result.added.append(work_id) if work_id else result.skipped.append(path))
        except Exception as exc:  # noqa: BLE001  (one bad work does not stop the rest)
            result.failed.append((str(path), failure_message(exc)))
        on_progress(path)
    return result


def refresh_links(corpus: Corpus) -> int:
    """Recompute canonical characters, sequels and near-duplicates; returns the link count."""
    canonicalise(corpus)
    sketches = [sketch(work_id, corpus.load(work_id)) for work_id in corpus.work_ids()]
    links = all_links(sketches)
    corpus.set_links(links)
    return len(links)
