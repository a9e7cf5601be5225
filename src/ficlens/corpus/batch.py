"""Distributed batch analysis on Dask: many works, one row per work / quote / character.

The same code runs on a laptop (a LocalCluster of single-threaded worker processes), on an
HPC cluster (dask-jobqueue) or on Kubernetes: pass the scheduler's address. Workers keep the
spaCy model and the trained models loaded between works (they are cached per process, and
warmed once when the cluster starts). A work that fails is recorded with its error; the batch
goes on. Results stream to the sinks (Parquet files, the SQLite store) as works finish, so
the client's memory does not grow with the size of the batch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

TABLES = ("works", "chapters", "characters", "quotes", "scenes", "relationships", "tags")


def warm_up() -> bool:
    """Analyse the bundled sample story once in this worker process, so that spaCy and every
    model a stage loads lazily on its first work are in memory before the batch is timed."""
    from importlib import resources

    from ficlens.ingest import read_bytes
    from ficlens.pipeline import analyze

    sample = resources.files("ficlens.sample").joinpath("lighthouse.txt").read_bytes()
    try:
        analyze(read_bytes(sample, "lighthouse.txt"))
    except Exception:  # noqa: BLE001  (a broken stage fails each work, recorded one by one)
        return False
    return True


def analyze_file(path: str, keep_document: bool = False) -> dict[str, Any]:
    """Runs on a worker: one file in, its rows (or its error) out."""
    from ficlens.corpus.failures import failure_message
    from ficlens.corpus.rows import rows_from_work
    from ficlens.corpus.store import file_hash
    from ficlens.ingest import read_path
    from ficlens.pipeline import analyze

    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        work = analyze(read_path(path))
    except Exception as exc:  # noqa: BLE001  (any failure is this work's, not the batch's)
        return {"path": path, "error": failure_message(exc),
                "seconds": time.perf_counter() - started,
                "cpu_seconds": time.process_time() - cpu_started}
    result = {
        "path": path,
        "error": None,
        "digest": file_hash(Path(path)),
        "rows": asdict(rows_from_work(work)),
        # wall and CPU time apart: on a shared machine a worker may get far less than a core
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu_started,
    }
    if keep_document:
        result["document"] = work.to_json()
    return result


@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True,
            dashboard_address=None, host="127.0.0.1", silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@dataclass
class BatchResult:
    """What the batch did; the rows themselves go to the sinks as each work arrives."""

    done: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # summed over works: CPU time the workers actually got


def run_batch(
    client: Any,
    paths: list[Path],
    keep_documents: bool = False,
    on_result: Callable[[dict[str, Any]], None] = lambda _r: None,
) -> BatchResult:
    """Analyse ``paths`` on the client's workers, handing each work's result to ``on_result``
    as soon as it arrives (nothing is kept); timing excludes cluster start-up."""
    from dask.distributed import as_completed

    client.run(warm_up)
    result = BatchResult()
    started = time.perf_counter()
    # Largest first (higher priority runs earlier): a long novel started last would leave the
    # other workers idle at the end of the batch.
    ordered = sorted(paths, key=_size, reverse=True)
    futures = [
        client.submit(analyze_file, str(path), keep_document=keep_documents, pure=False,
                      priority=len(ordered) - rank)
        for rank, path in enumerate(ordered)
    ]
    for future in as_completed(futures):
        item = future.result()
        future.release()
        result.cpu_seconds += item["cpu_seconds"]
        if item["error"]:
            result.failed.append({"path": item["path"], "error": item["error"]})
        else:
            result.done += 1
        on_result(item)
    result.seconds = time.perf_counter() - started
    return result


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _schemas() -> dict[str, pa.Schema]:
    """Column types of each Parquet table, fixed so that every batch (even one whose works
    have no quotes) writes the same columns; nested values are JSON text."""
    text, integer, real = pa.string(), pa.int64(), pa.float64()
    key = [("work", text)]
    span = [("start", integer), ("end", integer)]
    return {
        "works": pa.schema(key + [
            ("path", text), ("title", text), ("authors", text), ("fandoms", text),
            ("rating", text), ("language", text), ("words", integer), ("series", text),
            ("pairing", text), ("pairing_kind", text), ("category", text),
            ("arc_shape", text), ("summary", text), ("seconds", real), ("cpu_seconds", real),
        ]),
        "chapters": pa.schema(key + [("number", integer), ("title", text)] + span),
        "characters": pa.schema(key + [
            ("char_id", text), ("name", text), ("aliases", text), ("gender", text),
            ("mentions", integer), ("lines", integer),
        ]),
        "quotes": pa.schema(key + span + [
            ("text", text), ("speaker", text), ("speaker_name", text), ("addressee", text),
            ("addressee_name", text), ("type", text), ("confidence", real),
        ]),
        "scenes": pa.schema(key + [("number", integer)] + span + [
            ("person", text), ("mode", text), ("focal", text), ("focal_name", text),
        ]),
        "relationships": pa.schema(key + [
            ("source", text), ("target", text), ("source_name", text), ("target_name", text),
            ("lines", integer), ("types", text), ("romance_score", real),
        ]),
        "tags": pa.schema(key + [("kind", text), ("value", text)]),
        "failures": pa.schema([("path", text), ("error", text)]),
    }


def _arrow_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows as a table of exactly ``schema``'s columns (a test keeps rows.py and the schema
    in step); nested values as JSON text."""
    import json

    flat = [
        {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in row.items()}
        for row in rows
    ]
    return pa.Table.from_pylist(flat, schema=schema)


class ParquetSink:
    """One Parquet file per table plus ``failures.parquet``, written while the batch runs:
    rows are buffered for ``flush_every`` works, then appended as a row group, so memory
    stays flat however many works the batch holds."""

    def __init__(self, out: Path, flush_every: int = 64) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.schemas = _schemas()
        self.writers = {
            name: pq.ParquetWriter(out / f"{name}.parquet", schema)
            for name, schema in self.schemas.items()
        }
        self.buffer: dict[str, list[dict[str, Any]]] = {name: [] for name in self.schemas}
        self.flush_every = flush_every
        self.pending = 0

    def add(self, item: dict[str, Any]) -> None:
        if item["error"]:
            self.buffer["failures"].append({"path": item["path"], "error": item["error"]})
        else:
            rows, key = item["rows"], {"work": item["digest"]}
            self.buffer["works"].append({**key, **rows["work"], "seconds": item["seconds"],
                                         "cpu_seconds": item["cpu_seconds"]})
            for name in TABLES[1:]:
                self.buffer[name].extend({**key, **row} for row in rows[name])
        self.pending += 1
        if self.pending >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        for name, rows in self.buffer.items():
            if rows:
                self.writers[name].write_table(_arrow_table(rows, self.schemas[name]))
                rows.clear()
        self.pending = 0

    def close(self) -> None:
        self.flush()
        for writer in self.writers.values():
            writer.close()

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class StoreSink:
    """Stores each analysed work in a corpus as it arrives (one transaction per work), then
    refreshes the cross-work links once at the end."""

    def __init__(self, db: Path) -> None:
        from ficlens.corpus.store import Corpus

        self.corpus = Corpus(db, create=True)
        self.added: list[int] = []

    def add(self, item: dict[str, Any]) -> None:
        from ficlens.document import Work

        if not item["error"] and not self.corpus.has(item["digest"]):
            work_id = self.corpus.add(Work.from_json(item["document"]), item["digest"], link=True)
            if work_id:
                self.added.append(work_id)

    def close(self, link: bool = True) -> None:
        from ficlens.corpus.build import refresh_links

        try:
            if link:
                refresh_links(self.corpus, self.added)
        finally:
            self.corpus.close()

    def __enter__(self) -> StoreSink:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(link=exc_type is None)  # an interrupted batch keeps its stored works
