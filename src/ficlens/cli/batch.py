"""``ficlens batch``: analyse many works on Dask, writing Parquet and/or the SQLite store."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import typer
from rich.progress import Progress

from ficlens.cli.output import console, report_error

app = typer.Typer()


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
    from ficlens.corpus.batch import ParquetSink, StoreSink, dask_client, run_batch
    from ficlens.errors import InputError
    from ficlens.ingest import discover

    if out is None and db is None:
        raise InputError("say where results go: --out DIR (Parquet) and/or --db CORPUS")
    files, failures = discover(paths)
    for source, message in failures:
        report_error(source, message)
    with ExitStack() as stack:
        sinks = [stack.enter_context(ParquetSink(out))] if out is not None else []
        if db is not None:
            sinks.append(stack.enter_context(StoreSink(db)))
        client = stack.enter_context(dask_client(scheduler, workers))
        progress = stack.enter_context(Progress(console=console))
        task = progress.add_task("analysing", total=len(files))

        def take(item: dict) -> None:
            for sink in sinks:
                sink.add(item)
            progress.advance(task)

        result = run_batch(client, files, keep_documents=db is not None, on_result=take)
    for failure in result.failed:
        report_error(failure["path"], failure["error"])
    rate = result.done / result.seconds if result.seconds else 0.0
    console.print(f"{result.done} works analysed, {len(result.failed)} failed, {rate:.2f} works/s")
    if result.failed or failures:
        raise typer.Exit(1 if result.done else 2)
