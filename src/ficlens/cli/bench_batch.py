"""``ficlens bench batch``: works per second with 1 and 2 Dask workers, in one run."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import typer
from rich.table import Table

from ficlens.cli.analyze import sample_path
from ficlens.cli.output import console

app = typer.Typer()


def _sample_works(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the sample story, each a distinct work."""
    text = sample_path().read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"sample-{i:03d}.txt"
        path.write_text(f"{text}\n\nCopy {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


@app.command("batch")
def bench_batch(
    paths: list[Path] = typer.Argument(None, help="Works to analyse (default: sample copies)."),
    copies: int = typer.Option(16, help="Sample copies when no paths are given."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Works/s of `ficlens batch` on a local cluster with 1 worker, then 2 workers."""
    from ficlens.corpus.batch import dask_client, run_batch
    from ficlens.ingest import discover

    with tempfile.TemporaryDirectory() as scratch:
        files = discover(paths)[0] if paths else _sample_works(Path(scratch), copies)
        runs = {}
        for workers in (1, 2):
            with dask_client(None, workers) as client:
                result = run_batch(client, files)
            runs[workers] = {
                "works_per_second": result.done / result.seconds,
                "seconds": result.seconds,
                # share of its cores the cluster got: well below 1 means other programs were
                # using the CPUs, and the speed-up measures the machine, not the batch
                "cpu_share": result.cpu_seconds / (result.seconds * workers),
            }
    speedup = runs[2]["works_per_second"] / runs[1]["works_per_second"]
    cpu_speedup = speedup * runs[1]["cpu_share"] / runs[2]["cpu_share"]
    if as_json:
        typer.echo(json.dumps({
            "works": len(files),
            "works_per_second_1": runs[1]["works_per_second"],
            "works_per_second_2": runs[2]["works_per_second"],
            "speedup": speedup,
            "cpu_share_1": runs[1]["cpu_share"],
            "cpu_share_2": runs[2]["cpu_share"],
            "speedup_at_equal_cpu_share": cpu_speedup,
        }))
        return
    table = Table("workers", "works/s", "seconds", "CPU share", title=f"{len(files)} works")
    for workers, run in runs.items():
        table.add_row(str(workers), f"{run['works_per_second']:.2f}", f"{run['seconds']:.1f}",
                      f"{run['cpu_share']:.0%}")
    console.print(table)
    console.print(f"speed-up with 2 workers: {speedup:.2f}x "
                  f"({cpu_speedup:.2f}x at equal CPU share)")
