"""Distributed batch analysis on Dask: many works, one row per work / quote / character.

The same code runs on a laptop (a LocalCluster of single-threaded worker processes), on an
HPC cluster (dask-jobqueue) or on Kubernetes: pass the scheduler's address. Workers keep the
spaCy model and the trained models loaded between works (they are cached per process, and
warmed once when the cluster starts). A work that fails is recorded with its error; the batch
goes on.
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
    done: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # summed over works: CPU time the workers actually got
    tables: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {name: [] for name in TABLES}
    )
    documents: list[tuple[str, str]] = field(default_factory=list)  # (digest, json)


def run_batch(
    client: Any,
    paths: list[Path],
    keep_documents: bool = False,
    on_result: Callable[[dict[str, Any]], None] = lambda _r: None,
) -> BatchResult:
    """Analyse ``paths`` on the client's workers; timing excludes cluster start-up."""
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
        _collect(result, item)
        on_result(item)
        future.release()
    result.seconds = time.perf_counter() - started
    return result


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _collect(result: BatchResult, item: dict[str, Any]) -> None:
    result.cpu_seconds += item["cpu_seconds"]
    if item["error"]:
        result.failed.append({"path": item["path"], "error": item["error"]})
        return
    result.done += 1
    rows = item["rows"]
    work_key = {"work": item["digest"]}
    result.tables["works"].append({**work_key, **rows["work"], "seconds": item["seconds"],
                                   "cpu_seconds": item["cpu_seconds"]})
    for name in TABLES[1:]:
        result.tables[name].extend({**work_key, **row} for row in rows[name])
    if "document" in item:
        result.documents.append((item["digest"], item["document"]))


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
    import json

    flat = [
        {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in row.items()}
        for row in rows
    ]
    extra = sorted({k for row in flat for k in row} - set(schema.names))
    for name in extra:  # a column rows.py gained that the schema above does not know yet
        schema = schema.append(pa.field(name, pa.string()))
        for row in flat:
            row[name] = None if row.get(name) is None else str(row[name])
    return pa.Table.from_pylist(flat, schema=schema)


def write_parquet(result: BatchResult, out: Path) -> list[Path]:
    """One Parquet file per table (plus ``failures.parquet``), each with fixed columns."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    schemas = _schemas()
    tables = {**result.tables, "failures": result.failed}
    for name, rows in tables.items():
        path = out / f"{name}.parquet"
        pq.write_table(_arrow_table(rows, schemas[name]), path)
        written.append(path)
    return written
