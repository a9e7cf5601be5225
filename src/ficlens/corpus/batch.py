"""Distributed batch analysis on Dask: many works, one row per work / quote / character.

The same code runs on a laptop (a LocalCluster of single-threaded worker processes), on an
HPC cluster (dask-jobqueue) or on Kubernetes: pass the scheduler's address. Workers keep the
spaCy model and the trained models loaded between works (they are cached per process, and
warmed once when the cluster starts). A work that fails is recorded with its error; the batch
goes on.
"""

from __future__ import annotations

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
    """Load every stage's code and the spaCy model in this worker process."""
    from ficlens.nlp.model import load_spacy
    from ficlens.pipeline import select

    load_spacy()
    for stage in select():
        stage.load()
    return True


def analyze_file(path: str, keep_document: bool = False) -> dict[str, Any]:
    """Runs on a worker: one file in, its rows (or its error) out."""
    from ficlens.corpus.rows import rows_from_work
    from ficlens.corpus.store import file_hash
    from ficlens.errors import FiclensError
    from ficlens.ingest import read_path
    from ficlens.pipeline import analyze

    started = time.perf_counter()
    try:
        work = analyze(read_path(path))
    except (FiclensError, OSError) as exc:
        return {"path": path, "error": str(exc), "seconds": time.perf_counter() - started}
    result = {
        "path": path,
        "error": None,
        "digest": file_hash(Path(path)),
        "rows": asdict(rows_from_work(work)),
        "seconds": time.perf_counter() - started,
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
            dashboard_address=None, host="127.0.0.1",
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@dataclass
class BatchResult:
    done: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
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
    futures = client.map(analyze_file, [str(p) for p in paths], keep_document=keep_documents,
                         pure=False)
    for future in as_completed(futures):
        item = future.result()
        _collect(result, item)
        on_result(item)
        future.release()
    result.seconds = time.perf_counter() - started
    return result


def _collect(result: BatchResult, item: dict[str, Any]) -> None:
    if item["error"]:
        result.failed.append({"path": item["path"], "error": item["error"]})
        return
    result.done += 1
    rows = item["rows"]
    work_key = {"work": item["digest"]}
    result.tables["works"].append({**work_key, **rows["work"], "seconds": item["seconds"]})
    for name in TABLES[1:]:
        result.tables[name].extend({**work_key, **row} for row in rows[name])
    if "document" in item:
        result.documents.append((item["digest"], item["document"]))


def write_parquet(result: BatchResult, out: Path) -> list[Path]:
    """One Parquet file per table (plus ``failures.parquet``); nested values as JSON text."""
    import json

    out.mkdir(parents=True, exist_ok=True)
    written = []
    tables = {**result.tables, "failures": result.failed}
    for name, rows in tables.items():
        flat = [
            {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in row.items()}
            for row in rows
        ]
        path = out / f"{name}.parquet"
        pq.write_table(pa.Table.from_pylist(flat) if flat else pa.table({}), path)
        written.append(path)
    return written
