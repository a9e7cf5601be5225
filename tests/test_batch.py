"""``ficlens batch`` on a Dask LocalCluster: workers write a partitioned Parquet dataset
atomically, reruns skip finished works, a killed batch resumes, a work that kills its worker is
recorded, the store is loaded from the dataset."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from ficlens.corpus.batch import Dataset, _schemas, partition
from ficlens.corpus.rows import rows_from_work
from ficlens.document import Metadata, Span, Work

STORIES = {
    "harbour.txt": (
        "Clara Reyes walked down to the harbour every evening.\n\n"
        '"You\'re late," Jonah said.\n\n'
        '"The ferry was late," Clara answered. "Blame the ferry."\n\n'
        "Jonah laughed and handed her a mug of cold coffee. The lighthouse turned.\n"
    ),
    "bakery.txt": (
        "The ovens at the corner bakery were lit at four. Ines Moreau kneaded the dough.\n\n"
        '"Tell him we pay on Fridays," Ines said to her brother.\n\n'
        '"I told him," Tomas said. "He says Fridays are a myth."\n'
    ),
    "race.txt": (
        "The engines screamed on the grid. Theo Brandt gripped the wheel.\n\n"
        '"Box this lap," his engineer, Mira, said over the radio.\n\n'
        '"Not a chance," Theo said, and took the first corner flat out.\n'
    ),
}



def _ficlens(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ficlens", *args], capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    stories = root / "stories"
    stories.mkdir()
    for name, text in STORIES.items():
        (stories / name).write_text(text, encoding="utf-8")
    (stories / "broken.txt").write_bytes(b"")  # an empty file: recorded, batch goes on
    out, db = root / "out", root / "c.db"
    # the inputs as a file:// URL: workers read through fsspec, not the client's paths
    done = _ficlens("batch", stories.as_uri(), "--out", str(out), "--db", str(db),
                    "--workers", "2")
    again = _ficlens("batch", str(stories), "--out", str(out), "--db", str(db), "--workers", "1")
    return done, out, db, again


def _parts(out, table: str) -> list:
    return sorted((out / table).glob("*/*.parquet"))


def test_a_failed_work_is_reported_and_the_exit_code_says_so(batch_run):
    done, out, _, _ = batch_run
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "broken.txt" in done.stderr
    assert "3 works analysed, 0 already done, 1 failed" in done.stdout
    failures = [pq.read_table(p).to_pylist()[0] for p in (out / "failures").glob("*.parquet")]
    assert [f["path"].rsplit("/", 1)[-1] for f in failures] == ["broken.txt"]
    assert failures[0]["error"]


def test_each_worker_writes_one_part_per_table_in_fandom_partitions(batch_run):
    _, out, _, _ = batch_run
    works = [pq.read_table(p).to_pylist()[0] for p in _parts(out, "works")]
    assert sorted(w["path"].rsplit("/", 1)[-1] for w in works) == sorted(STORIES)
    assert all(w["words"] > 20 and w["seconds"] > 0 for w in works)
    assert {p.parent.name for p in _parts(out, "works")} == {partition([])}
    digests = {w["work"] for w in works}
    assert {p.stem for p in _parts(out, "works")} == digests
    schemas = _schemas()
    for name in ("chapters", "characters", "quotes", "scenes", "tags", "documents"):
        for part in _parts(out, name):
            table = pq.read_table(part)
            assert table.schema.names[: len(schemas[name])] == schemas[name].names
            assert set(table.column("work").to_pylist()) <= {part.stem}
    assert not list(out.rglob(".*.tmp"))  # nothing half-written is left behind
    import pyarrow as pa
    import pyarrow.dataset as ds

    by_fandom = ds.partitioning(pa.schema([("fandom", pa.string())]), flavor="hive")
    quotes = ds.dataset(out / "quotes", partitioning=by_fandom).to_table()
    assert "fandom" in quotes.schema.names and quotes.num_rows > 3


def test_the_store_is_loaded_from_the_dataset(batch_run):
    _, out, db, _ = batch_run
    conn = sqlite3.connect(db)
    stored = {row[0] for row in conn.execute("SELECT content_hash FROM works")}
    assert stored == {p.stem for p in _parts(out, "works")}
    quotes = sum(pq.read_table(p).num_rows for p in _parts(out, "quotes"))
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == quotes
    conn.close()


def test_a_rerun_skips_every_finished_work(batch_run):
    _, _, _, again = batch_run
    assert "0 works analysed, 3 already done, 1 failed" in again.stdout, again.stderr
    assert "0 works stored" in again.stdout


def test_the_dataset_answers_duckdb(batch_run):
    duckdb = pytest.importorskip("duckdb", reason="duckdb is the optional extra 'duckdb'")
    _, out, _, _ = batch_run
    rows = duckdb.sql(
        f"SELECT fandom, count(*) AS n FROM read_parquet('{out}/works/*/*.parquet', "
        "hive_partitioning = true) GROUP BY fandom"
    ).fetchall()
    assert rows == [(None, 3)] or rows == [("__HIVE_DEFAULT_PARTITION__", 3)]


def test_parquet_columns_are_fixed_even_for_a_work_with_no_rows(tmp_path):
    from ficlens.corpus.batch import write_work
    from ficlens.corpus.store import prepare

    work = Work(text="Nothing is said here at all.", metadata=Metadata(fandoms=["A/B Fandom"]))
    write_work(Dataset(str(tmp_path)), prepare(work, "d0"), 1.0, 0.5)
    quotes = pq.read_table(tmp_path / "quotes" / partition(["A/B Fandom"]) / "d0.parquet")
    assert quotes.num_rows == 0 and "speaker_name" in quotes.schema.names
    assert partition(["A/B Fandom"]) == "fandom=A%2FB%20Fandom"
    assert Dataset(str(tmp_path)).digests() == ["d0"]


def test_every_row_field_has_a_parquet_column():
    """rows.py and the Parquet schemas must grow together, or a column would be dropped."""
    work = Work(text='"Hi," Ana said.', metadata=Metadata(title="t", fandoms=["F"]))
    work.add_layer("quotes", [Span(0, 5, {"text": "Hi,", "speaker": "C0", "type": "Explicit"})])
    work.add_layer("chapters", [Span(0, 15, {"number": 1})])
    work.add_layer("scenes", [Span(0, 15, {"number": 1, "person": "third"})])
    work.set_table("characters", [{"id": "C0", "name": "Ana"}])
    work.set_table("relationships", [{"source": "C0", "target": "C0", "types": []}])
    rows = rows_from_work(work)
    schemas = _schemas()
    assert set(rows.work) <= set(schemas["works"].names)
    for name in ("chapters", "characters", "quotes", "scenes", "relationships", "tags"):
        table_rows = getattr(rows, name)
        assert table_rows, name
        assert set(table_rows[0]) <= set(schemas[name].names), name


def test_a_dataset_loads_into_a_corpus_exactly(tmp_path):
    from ficlens.corpus.batch import load_dataset, write_work
    from ficlens.corpus.store import Corpus, prepare
    from tests.test_corpus import analysed_work

    work = analysed_work("Lamp", "Nora", "The lamp is still lit.")
    work.metadata.fandoms = ["Harbor Lights"]
    write_work(Dataset(str(tmp_path / "ds")), prepare(work, "d1"), 1.0, 0.5)
    with Corpus(tmp_path / "c.db", create=True) as corpus:
        assert load_dataset(corpus, str(tmp_path / "ds")) == [1]
        assert corpus.load(1).to_json() == work.to_json()
        assert load_dataset(corpus, str(tmp_path / "ds")) == []


KILLED_BATCH = """
import os, signal, sys, threading, time
from pathlib import Path
out = Path(sys.argv[2])
def killer():
    while not list(out.glob("works/*/*.parquet")):
        time.sleep(0.05)
    os.killpg(os.getpgid(0), signal.SIGKILL)  # the client and its workers, at once
threading.Thread(target=killer, daemon=True).start()
from ficlens.cli import main
sys.argv = ["ficlens", "batch", sys.argv[1], "--out", str(out), "--workers", "1"]
main()
"""


def test_kill_9_leaves_every_finished_work_readable_and_a_rerun_resumes(tmp_path):
    stories = tmp_path / "stories"
    stories.mkdir()
    for i in range(6):
        name, text = list(STORIES.items())[i % 3]
        (stories / f"{i}-{name}").write_text(f"{text}\nVersion {i}.\n", encoding="utf-8")
    out = tmp_path / "out"
    killed = subprocess.Popen([sys.executable, "-c", KILLED_BATCH, str(stories), str(out)],
                              start_new_session=True, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    killed.wait(timeout=300)
    assert killed.returncode == -9
    finished = _parts(out, "works")
    assert 1 <= len(finished) < 6
    for table in ("works", "quotes", "characters", "documents"):
        for part in _parts(out, table):
            pq.read_table(part)  # every visible part is whole
    resumed = _ficlens("batch", str(stories), "--out", str(out), "--workers", "1")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{6 - len(finished)} works analysed, {len(finished)} already done" in resumed.stdout
    assert len(_parts(out, "works")) == 6


def _fatal_for_poison(url: str, out: str) -> dict:
    """A worker task that dies on one story, as a worker killed for memory would."""
    import os

    from ficlens.corpus.batch import process_work

    if "poison" in url:
        os._exit(137)
    return process_work(url, out)


def test_a_work_that_kills_its_worker_is_recorded_and_the_batch_goes_on(tmp_path, monkeypatch):
    import cloudpickle

    import ficlens.corpus.batch as batch_module
    from tests import test_batch

    cloudpickle.register_pickle_by_value(test_batch)
    monkeypatch.setattr(batch_module, "process_work", _fatal_for_poison)
    stories = tmp_path / "stories"
    stories.mkdir()
    for name, text in STORIES.items():
        (stories / name).write_text(text, encoding="utf-8")
    (stories / "poison.txt").write_text("Anything at all.", encoding="utf-8")
    urls = sorted(str(p) for p in stories.iterdir())
    with batch_module.dask_client(None, 2) as client:
        result = batch_module.run_batch(client, urls, str(tmp_path / "out"), warm=False)
    assert result.done + result.skipped == 3  # a work its dead worker finished is not redone
    assert len(Dataset(str(tmp_path / "out")).digests()) == 3
    assert [f["path"].rsplit("/", 1)[-1] for f in result.failed] == ["poison.txt"]
    assert "worker died" in result.failed[0]["error"]
    recorded = [pq.read_table(p).to_pylist()[0]["path"]
                for p in (tmp_path / "out" / "failures").glob("*.parquet")]
    assert [p.rsplit("/", 1)[-1] for p in recorded] == ["poison.txt"]


def test_a_work_queued_behind_the_killer_on_its_worker_is_not_blamed(tmp_path, monkeypatch):
    """One worker holds both works (two tasks are too few for the scheduler to queue them);
    the first kills it, and the second, lost with it, is run again rather than recorded."""
    import cloudpickle

    import ficlens.corpus.batch as batch_module
    from tests import test_batch

    cloudpickle.register_pickle_by_value(test_batch)
    monkeypatch.setattr(batch_module, "process_work", _fatal_for_poison)
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "a-poison.txt").write_text("Anything at all.", encoding="utf-8")
    (stories / "b-harbour.txt").write_text(STORIES["harbour.txt"], encoding="utf-8")
    urls = sorted(str(p) for p in stories.iterdir())
    with batch_module.dask_client(None, 1) as client:
        result = batch_module.run_batch(client, urls, str(tmp_path / "out"), warm=False)
    assert result.done == 1
    assert [f["path"].rsplit("/", 1)[-1] for f in result.failed] == ["a-poison.txt"]
    assert len(Dataset(str(tmp_path / "out")).digests()) == 1
