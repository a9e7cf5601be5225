"""``ficlens batch``: analyse many works on Dask; workers write a Parquet dataset, which
``--db`` then loads into a corpus."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import typer
from rich.progress import Progress
from rich.text import Text

from ficlens.cli.output import console, report_error

app = typer.Typer()


@app.command()
def batch(
    paths: list[str] = typer.Argument(..., help="Story files or folders, local or any fsspec "
                                                "URL (s3://bucket/stories/ ...)."),
    out: str | None = typer.Option(None, "--out", help="Parquet dataset folder or URL "
                                   "(default with --db: the database's name + '.parts')."),
    db: Path | None = typer.Option(None, "--db", help="Also store the works in this corpus."),
    scheduler: str | None = typer.Option(
        None, help="Address of a running Dask scheduler (default: a local cluster)."
    ),
    workers: int = typer.Option(2, help="Worker processes of the local cluster."),
) -> None:
    """Analyse many works in parallel; a rerun skips works already done, a failed work is
    recorded and the batch goes on."""
    from ficlens.corpus.batch import dask_client, expand_urls, load_dataset, run_batch
    from ficlens.errors import InputError

    if out is None and db is None:
        raise InputError("say where results go: --out DIR (Parquet) and/or --db CORPUS")
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    out = out or f"{db}.parts"
    urls, failures = expand_urls(paths)
    for source, message in failures:
        report_error(source, message)
    with ExitStack() as stack:
        client = stack.enter_context(dask_client(scheduler, workers))
        progress = stack.enter_context(Progress(console=console, transient=True))
        task = progress.add_task("analysing", total=len(urls))
        result = run_batch(client, urls, out, on_result=lambda _item: progress.advance(task))
    for failure in result.failed:
        report_error(failure["path"], failure["error"])
    rate = result.done / result.seconds if result.seconds else 0.0
    console.print(Text(
        f"{result.done} works analysed, {result.skipped} already done, "
        f"{len(result.failed)} failed, {rate:.2f} works/s; dataset: {out}"
    ))
    if db is not None:
        from ficlens.corpus.store import Corpus

        with Corpus(db, create=True) as corpus:
            added = load_dataset(corpus, out)
        console.print(Text(f"{len(added)} works stored in {db}"))
    if result.failed or failures:
        raise typer.Exit(1 if result.done or result.skipped else 2)
