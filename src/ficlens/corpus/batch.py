"""Distributed batch analysis on Dask: workers analyse and write their own results.

The client only schedules: it hands each worker a URL (any fsspec URL: a local path,
``s3://...``, ``gs://...``, so a cluster's workers need not share the client's disks) and
gets back a few bytes of status. The worker reads the story, hashes its bytes, skips it when
the dataset already holds that hash, analyses it, and writes the work's rows as Parquet parts
of a partitioned dataset, each part written under a hidden name and renamed into place, the
``works`` part last: a work is in the dataset whole or not at all, so a batch killed with
``kill -9`` leaves every finished work readable and is resumed by running it again.

The dataset (``--out DIR``), partitioned by the work's first fandom (Hive style)::

    DIR/works/fandom=<fandom>/<sha256>.parquet           one row per work
    DIR/characters/fandom=<fandom>/<sha256>.parquet      (also chapters, quotes, scenes,
                                                          relationships, tags, portraits)
    DIR/documents/fandom=<fandom>/<sha256>.parquet       text, compact analysis, link sketch
    DIR/failures/<sha256 of the URL>.parquet             works that failed, with the error

Every table has a ``work`` column (the SHA-256 of the file) joining it to ``works``. Read
it with DuckDB (``duckdb.sql("SELECT fandom, count(*) FROM read_parquet('DIR/works/*/*.parquet',
hive_partitioning=true) GROUP BY fandom")``), pyarrow (``pyarrow.dataset.dataset('DIR/works',
partitioning=pyarrow.dataset.partitioning(pyarrow.schema([("fandom", pyarrow.string())]),
flavor="hive"))``), Dask DataFrame (``dask.dataframe.read_parquet('DIR/works')``) or
Spark (``spark.read.parquet('DIR/works')``); ``ficlens batch --db`` and ``corpus load`` load it
into a corpus database.

A work that kills its worker (out of memory, a crash in a native library) is not retried on
another worker: it is recorded as failed and the batch goes on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import quote

import pyarrow as pa
import pyarrow.parquet as pq

TABLES = ("works", "chapters", "characters", "quotes", "scenes", "relationships", "tags",
          "portraits")
PARTITIONED = (*TABLES, "documents")
ADDED_LATER = ("portraits",)
NO_FANDOM = "__HIVE_DEFAULT_PARTITION__"


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


# -- the dataset ------------------------------------------------------------------------------
def _schemas() -> dict[str, pa.Schema]:
    """Column types of each Parquet table, fixed so that every part (even of a work with no
    quotes) has the same columns; nested values are JSON text."""
    text, integer, real, blob = pa.string(), pa.int64(), pa.float64(), pa.binary()
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
        "portraits": pa.schema(key + [
            ("char_id", text), ("role", text), ("lemma", text), ("n", integer),
        ]),
        "documents": pa.schema(key + [
            ("text", text), ("analysis", blob), ("minhash", blob), ("terms", blob),
            ("notes", text),
        ]),
        "failures": pa.schema([("path", text), ("error", text)]),
    }


def _arrow_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows as a table of exactly ``schema``'s columns (a test keeps rows.py and the schema
    in step); nested values as JSON text."""
    flat = [
        {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in row.items()}
        for row in rows
    ]
    return pa.Table.from_pylist(flat, schema=schema)


def partition(fandoms: list[str]) -> str:
    return "fandom=" + (quote(fandoms[0], safe="") if fandoms and fandoms[0] else NO_FANDOM)


class Dataset:
    """A batch's Parquet dataset at any fsspec URL."""

    def __init__(self, url: str) -> None:
        from fsspec.core import url_to_fs

        self.url = url
        self.fs, self.root = url_to_fs(url)

    def part(self, table: str, digest: str, where: str | None = None) -> str:
        folder = f"{self.root}/{table}" + (f"/{where}" if where else "")
        return f"{folder}/{digest}.parquet"

    def holds(self, digest: str) -> bool:
        return bool(self.fs.glob(f"{self.root}/works/*/{digest}.parquet"))

    def write(self, path: str, table: pa.Table) -> None:
        """Write a part under a hidden name, then rename it into place (atomic on a local
        file system; object stores make a file visible only once it is whole anyway)."""
        folder, name = path.rsplit("/", 1)
        self.fs.makedirs(folder, exist_ok=True)
        hidden = f"{folder}/.{name}.{os.getpid()}.tmp"
        with self.fs.open(hidden, "wb") as handle:
            pq.write_table(table, handle)
        self.fs.mv(hidden, path)

    def digests(self) -> list[str]:
        return sorted(p.rsplit("/", 1)[-1].removesuffix(".parquet")
                      for p in self.fs.glob(f"{self.root}/works/*/*.parquet"))

    def read_work(self, digest: str) -> dict[str, list[dict[str, Any]] | None]:
        """Every table's rows of one work."""
        [works_part] = self.fs.glob(f"{self.root}/works/*/{digest}.parquet")
        where = works_part.rsplit("/", 2)[-2]
        parts: dict[str, list[dict[str, Any]] | None] = {}
        for table in PARTITIONED:
            path = self.part(table, digest, where)
            # a table newer than the batch that wrote the work: made from the stored analysis
            missing = table in ADDED_LATER and not self.fs.exists(path)
            parts[table] = None if missing else self._rows(path)
        return parts

    def _rows(self, path: str) -> list[dict[str, Any]]:
        with self.fs.open(path, "rb") as handle:
            return pq.read_table(handle).to_pylist()


def write_work(dataset: Dataset, prepared: Any, seconds: float, cpu_seconds: float) -> None:
    """A prepared work's parts; ``works`` last, so that its presence means the work is whole."""
    from ficlens.corpus.links import pack_terms

    schemas = _schemas()
    rows = asdict(prepared.rows)
    key = {"work": prepared.digest}
    where = partition(rows["work"].get("fandoms") or [])
    tables = {name: [{**key, **row} for row in rows[name]] for name in TABLES[1:]}
    sketch = prepared.sketch
    tables["documents"] = [{**key, "text": prepared.text, "analysis": prepared.analysis,
                            "minhash": sketch.minhash.tobytes(),
                            "terms": pack_terms(sketch.terms), "notes": sketch.notes}]
    tables["works"] = [{**key, **rows["work"], "seconds": seconds, "cpu_seconds": cpu_seconds}]
    for name, table_rows in tables.items():
        dataset.write(dataset.part(name, prepared.digest, where),
                      _arrow_table(table_rows, schemas[name]))


def _failure_part(dataset: Dataset, url: str) -> str:
    """One failure record per story, however its URL was spelt (a path or file://...)."""
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(url)
    name = hashlib.sha256(fs.unstrip_protocol(path).encode("utf-8")).hexdigest()
    return dataset.part("failures", name)


def record_failure(dataset: Dataset, url: str, error: str) -> None:
    dataset.write(_failure_part(dataset, url),
                  _arrow_table([{"path": url, "error": error}], _schemas()["failures"]))


def clear_failure(dataset: Dataset, url: str) -> None:
    part = _failure_part(dataset, url)
    if dataset.fs.exists(part):
        dataset.fs.rm(part)


# -- the worker's task ------------------------------------------------------------------------
def process_work(url: str, out: str) -> dict[str, Any]:
    """Runs on a worker: one story in, its parts written, a few bytes of status out."""
    from ficlens.corpus.failures import failure_message
    from ficlens.corpus.store import content_hash, prepare
    from ficlens.ingest import read_bytes
    from ficlens.pipeline import analyze

    started, cpu_started = time.perf_counter(), time.process_time()
    dataset = Dataset(out)
    status: dict[str, Any] = {"path": url, "error": None, "skipped": False}
    try:
        data = read_url(url)
        digest = content_hash(data)
        status["digest"] = digest
        if dataset.holds(digest):
            status["skipped"] = True
        else:
            work = analyze(read_bytes(data, url.rsplit("/", 1)[-1]))
            work.metadata.source_path = url
            prepared = prepare(work, digest)
            write_work(dataset, prepared, time.perf_counter() - started,
                       time.process_time() - cpu_started)
            clear_failure(dataset, url)  # an earlier run's failure of this story is over
    except Exception as exc:  # noqa: BLE001  (any failure is this work's, not the batch's)
        status["error"] = failure_message(exc)
        record_failure(dataset, url, status["error"])
    status["seconds"] = time.perf_counter() - started
    status["cpu_seconds"] = time.process_time() - cpu_started
    return status


def read_url(url: str) -> bytes:
    """A story's bytes from any fsspec URL, refused by size before they are read."""
    from fsspec.core import url_to_fs

    from ficlens.errors import InputError
    from ficlens.ingest.limits import check_size, max_bytes

    fs, path = url_to_fs(url)
    try:
        if not fs.isfile(path):
            raise InputError("no such file" if not fs.exists(path) else "is not a file")
        check_size(fs.size(path))
        with fs.open(path, "rb") as handle:
            data = handle.read(max_bytes() + 1)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read {url}: {exc}") from None
    check_size(len(data))
    return data


def expand_urls(sources: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Story files from local paths (folders searched as ``discover`` does) and fsspec URLs
    (a folder or glob expanded on its own file system)."""
    from pathlib import Path

    from ficlens.ingest import discover
    from ficlens.ingest.discover import STORY_SUFFIXES

    urls: list[str] = []
    failures: list[tuple[str, str]] = []
    for source in sources:
        if "://" not in source:
            files, missing = discover([Path(source)])
            urls += [str(f) for f in files]
            failures += missing
            continue
        from fsspec.core import url_to_fs

        fs, path = url_to_fs(source)
        found = (fs.find(path) if fs.isdir(path) else fs.glob(path)) if fs.exists(path) or \
            any(c in path for c in "*?[") else []
        stories = [fs.unstrip_protocol(p) for p in found
                   if os.path.splitext(p)[1].lower() in STORY_SUFFIXES]
        if stories:
            urls += stories
        else:
            failures.append((source, "no story files found there"))
    return list(dict.fromkeys(urls)), failures


# -- the client -------------------------------------------------------------------------------
@contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    import dask
    from dask.distributed import Client, LocalCluster

    # a work whose worker dies is not handed to another worker to kill in turn
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        if scheduler:
            with _connect(Client, scheduler) as client:
                yield client
            return
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True,
                # no dashboard; its HTTP server on a free port, not 8787 (a warning when busy)
                dashboard_address="127.0.0.1:0", scheduler_kwargs={"dashboard": False},
                # a worker whose heartbeat meets the scheduler closing logs a traceback at
                # ERROR (a shutdown race); the batch reports every work's failure itself
                host="127.0.0.1", silence_logs=logging.CRITICAL,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client


def _connect(client_class: Any, scheduler: str) -> Any:
    """A client of the scheduler at ``scheduler``; one that cannot be reached (or a malformed
    address) is the user's to fix: one line naming --scheduler."""
    from ficlens.errors import InputError

    try:
        return client_class(scheduler)
    except (OSError, ValueError, TypeError) as exc:  # TimeoutError is an OSError
        raise InputError(
            f"--scheduler {scheduler}: no Dask scheduler answers there ({exc})"
        ) from None


@dataclass
class BatchResult:
    """What the batch did; the rows themselves are in the dataset."""

    done: int = 0
    skipped: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # summed over works: CPU time the workers actually got
    client_cpu_seconds: float = 0.0  # CPU time of this process (client and, locally, scheduler)


def run_batch(
    client: Any,
    urls: list[str],
    out: str,
    on_result: Callable[[dict[str, Any]], None] = lambda _r: None,
    warm: bool = True,
) -> BatchResult:
    """Analyse ``urls`` on the client's workers, each writing its work into the dataset at
    ``out``; timing excludes cluster start-up and warm-up.

    A worker that dies takes with it every work it held, the one that killed it and any
    queued behind it (which of them shared the worker depends on timing); so the works lost
    that way are run again one at a time, and only a work that kills its worker alone is
    recorded as a failure."""
    from dask.distributed import as_completed

    if warm:
        client.run(warm_up)
    result = BatchResult()
    started, cpu_started = time.perf_counter(), time.process_time()
    futures = client.map(process_work, urls, out=out, pure=False)
    url_of = {future.key: url for future, url in zip(futures, urls, strict=True)}
    lost = []
    for future in as_completed(futures):
        item = _status(future, url_of[future.key])
        future.release()
        if item.get("lost"):
            lost.append(item["path"])
        else:
            _tally(result, item, out, on_result)
    for url in lost:
        future = client.submit(process_work, url, out=out, pure=False)
        _tally(result, _status(future, url), out, on_result)
        future.release()
    result.seconds = time.perf_counter() - started
    result.client_cpu_seconds = time.process_time() - cpu_started
    return result


def _tally(result: BatchResult, item: dict[str, Any], out: str,
           on_result: Callable[[dict[str, Any]], None]) -> None:
    result.cpu_seconds += item.get("cpu_seconds", 0.0)
    if item["error"]:
        result.failed.append({"path": item["path"], "error": item["error"]})
        if item.get("lost"):
            record_failure(Dataset(out), item["path"], item["error"])
    elif item["skipped"]:
        result.skipped += 1
    else:
        result.done += 1
    on_result(item)


def _status(future: Any, url: str) -> dict[str, Any]:
    """A finished task's status; a task whose worker died is this work's failure."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001  (KilledWorker and kin: the worker is gone)
        return {"path": url, "error": f"its worker died ({type(exc).__name__})", "lost": True,
                "skipped": False}


def load_dataset(corpus: Any, out: str, link: bool = True,
                 on_work: Callable[[str], None] = lambda _d: None) -> list[int]:
    """Store the dataset's works the corpus does not hold yet (each with its links); returns
    the ids of the works added."""
    from ficlens.corpus.build import refresh_links

    dataset = Dataset(out)
    added = []
    for digest in dataset.digests():
        if not corpus.has(digest):
            work_id = corpus.add_prepared(prepared_from_parts(dataset.read_work(digest)),
                                          link=link)
            if work_id:
                added.append(work_id)
        on_work(digest)
    if link and added:
        refresh_links(corpus, added)
    return added


def prepared_from_parts(parts: dict[str, list[dict[str, Any]] | None]) -> Any:
    """A stored work's ``PreparedWork`` rebuilt from its Parquet rows."""
    import numpy as np

    from ficlens.corpus.links import LinkSketch, unpack_terms
    from ficlens.corpus.rows import WorkRows
    from ficlens.corpus.store import PreparedWork

    def plain(row: dict[str, Any], table: str) -> dict[str, Any]:
        row = {k: v for k, v in row.items() if k not in ("work", "seconds", "cpu_seconds")}
        for column in ("authors", "fandoms", "series", "aliases", "types"):
            if isinstance(row.get(column), str):
                row[column] = json.loads(row[column])
        return row

    [document] = parts["documents"]
    if parts.get("portraits") is None:
        from ficlens.corpus import codec
        from ficlens.corpus.rows import portrait_rows

        work = codec.decode(document["text"], document["analysis"])
        parts = {**parts, "portraits": portrait_rows(work)}
    rows = WorkRows(work=plain(parts["works"][0], "works"),
                    **{t: [plain(r, t) for r in parts[t]] for t in TABLES[1:]})
    sketch = LinkSketch(np.frombuffer(document["minhash"], dtype=np.uint32),
                        unpack_terms(document["terms"]), document["notes"])
    return PreparedWork(document["work"], rows, document["text"], document["analysis"], sketch)
