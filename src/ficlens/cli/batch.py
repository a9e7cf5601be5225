"""``ficlens batch``: analyse many works on Dask, writing Parquet and/or the SQLite store."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress

from ficlens.cli import app
from ficlens.cli.output import console, report_error


@app.command()
def batch(
    paths: list[Path] = typer.Argument(..., help="Story files or folders."),
    out: Path | None = typer.Option(None, "--out", help="Folder for the Parquet tables."),
    db: Path | None = typer.Option(None, "--db", help="Also store the works in this corpus."),
    scheduler: str | None = typer.Option(
        None, help="Address of a running Dask scheduler (default: a local cluster)."
    ),
    workers: int = typer.Option(2, help="Worker processes of the local cluster."),
) -> None:
    """Analyse many works in parallel; a failed work is recorded and the batch goes on."""
    from ficlens.corpus.batch import dask_client, run_batch, write_parquet
    from ficlens.errors import InputError
    from ficlens.ingest import discover

    if out is None and db is None:
        raise InputError("say where results go: --out DIR (Parquet) and/or --db CORPUS")
    files, failures = discover(paths)
    for source, message in failures:
        report_error(source, message)
    with dask_client(scheduler, workers) as client, Progress(console=console) as progress:
        task = progress.add_task("analysing", total=len(files))
        result = run_batch(client, files, keep_documents=db is not None,
                           on_result=lambda _item: progress.advance(task))
    for failure in result.failed:
        report_error(failure["path"], failure["error"])
    if out is not None:
        write_parquet(result, out)
    if db is not None:
        _store(db, result)
    rate = result.done / result.seconds if result.seconds else 0.0
    console.print(f"{result.done} works analysed, {len(result.failed)} failed, {rate:.2f} works/s")
    if result.failed or failures:
        raise typer.Exit(1 if result.done else 2)


def _store(db: Path, result) -> None:
    from ficlens.corpus.build import refresh_links
    from ficlens.corpus.store import Corpus
    from ficlens.document import Work

    with Corpus(db, create=True) as corpus:
        for digest, document in result.documents:
            if not corpus.has(digest):
                corpus.add(Work.from_json(document), digest)
        refresh_links(corpus)
