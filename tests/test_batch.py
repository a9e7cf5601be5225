"""``ficlens batch`` on a Dask LocalCluster: Parquet tables, recorded failures, the store."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from ficlens.corpus.batch import ParquetSink, _schemas
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


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    stories = root / "stories"
    stories.mkdir()
    for name, text in STORIES.items():
        (stories / name).write_text(text, encoding="utf-8")
    (stories / "broken.txt").write_bytes(b"")  # an empty file: recorded, batch goes on
    out, db = root / "out", root / "c.db"
    done = subprocess.run(
        [sys.executable, "-m", "ficlens", "batch", str(stories), "--out", str(out),
         "--db", str(db), "--workers", "2"],
        capture_output=True, text=True, timeout=240,
    )
    return done, out, db


def test_a_failed_work_is_reported_and_the_exit_code_says_so(batch_run):
    done, out, _ = batch_run
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "broken.txt" in done.stderr
    assert "3 works analysed, 1 failed" in done.stdout
    failures = pq.read_table(out / "failures.parquet").to_pylist()
    assert [f["path"].rsplit("/", 1)[-1] for f in failures] == ["broken.txt"]
    assert failures[0]["error"]


def test_parquet_has_one_row_per_work_and_rows_point_at_their_work(batch_run):
    _, out, _ = batch_run
    works = pq.read_table(out / "works.parquet").to_pylist()
    assert sorted(w["path"].rsplit("/", 1)[-1] for w in works) == sorted(STORIES)
    assert all(w["words"] > 20 and w["seconds"] > 0 for w in works)
    digests = {w["work"] for w in works}
    assert len(digests) == 3
    schemas = _schemas()
    for name in ("chapters", "characters", "quotes", "scenes", "tags"):
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.names[: len(schemas[name])] == schemas[name].names
        assert set(table.column("work").to_pylist()) <= digests
    chapters = pq.read_table(out / "chapters.parquet").to_pylist()
    assert {c["work"] for c in chapters} == digests  # every work has at least one chapter


def test_the_store_holds_the_same_works_and_rows(batch_run):
    _, out, db = batch_run
    conn = sqlite3.connect(db)
    stored = {row[0] for row in conn.execute("SELECT content_hash FROM works")}
    assert stored == set(pq.read_table(out / "works.parquet").column("work").to_pylist())
    for name in ("quotes", "characters"):
        in_db = conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]  # noqa: S608
        assert in_db == pq.read_table(out / f"{name}.parquet").num_rows
    conn.close()


def test_parquet_columns_are_fixed_even_for_a_batch_with_no_works(tmp_path):
    with ParquetSink(tmp_path):
        pass
    assert sorted(p.stem for p in tmp_path.glob("*.parquet")) == sorted(_schemas())
    quotes = pq.read_table(tmp_path / "quotes.parquet")
    assert quotes.num_rows == 0 and "speaker_name" in quotes.schema.names


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


def test_rows_are_written_in_row_groups_as_works_arrive(tmp_path):
    item = {"error": None, "digest": "d", "seconds": 1.0, "cpu_seconds": 0.5,
            "rows": {"work": {"path": "a.txt", "words": 3}, "chapters": [], "characters": [],
                     "quotes": [{"start": 0, "end": 3, "text": "Hi"}], "scenes": [],
                     "relationships": [], "tags": []}}
    with ParquetSink(tmp_path, flush_every=2) as sink:
        for n in range(5):
            sink.add({**item, "digest": f"d{n}"})
        sink.add({"error": "empty file", "path": "bad.txt"})
    works = pq.ParquetFile(tmp_path / "works.parquet")
    assert works.metadata.num_rows == 5 and works.num_row_groups == 3
    assert pq.read_table(tmp_path / "failures.parquet").to_pylist() == [
        {"path": "bad.txt", "error": "empty file"}
    ]
