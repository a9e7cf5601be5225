"""``ficlens bench batch``: works per second of `ficlens batch` with 1, 2 and more workers
(separate processes on this machine), against a plain loop in one process, and the client's
CPU time per work. With few slow works the client's figure in the runs is mostly its idle
background (heartbeats, the local scheduler), so it is also read on many quick tasks: the
same works submitted again and skipped as done."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import typer
from rich.table import Table

from ficlens.cli.analyze import sample_path
from ficlens.cli.output import console

app = typer.Typer()


def _sample_works(folder: Path, count: int) -> list[str]:
    """``count`` copies of the sample story, each a distinct work."""
    text = sample_path().read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"sample-{i:03d}.txt"
        path.write_text(f"{text}\n\nCopy {i}.\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _plain_loop(urls: list[str], out: str) -> dict:
    """The baseline: the same work in this process, one story after another."""
    from ficlens.corpus.batch import process_work, warm_up

    warm_up()
    started, cpu = time.perf_counter(), time.process_time()
    for url in urls:
        process_work(url, out)
    seconds = time.perf_counter() - started
    return {"works_per_second": len(urls) / seconds, "seconds": seconds,
            "cpu_share": (time.process_time() - cpu) / seconds, "client_ms_per_work": None}


def _scheduling(urls: list[str], out: str, repeats: int) -> dict:
    """The client's own cost per work, read where the workers' is least: every work of a
    finished dataset submitted again (``repeats`` times each), each found done and skipped."""
    from ficlens.corpus.batch import dask_client, run_batch

    with dask_client(None, 2) as client:
        result = run_batch(client, urls * repeats, out, warm=False)
    works = result.skipped + result.done
    return {"works": works, "client_ms_per_work": result.client_cpu_seconds * 1000 / works,
            "wall_ms_per_work": result.seconds * 1000 / works}


def _cluster(urls: list[str], out: str, workers: int) -> dict:
    from ficlens.corpus.batch import dask_client, run_batch

    with dask_client(None, workers) as client:
        result = run_batch(client, urls, out)
    return {
        "works_per_second": result.done / result.seconds,
        "seconds": result.seconds,
        # share of its cores the cluster got: well below 1 means other programs were using
        # the CPUs, and the speed-up measures the machine, not the batch
        "cpu_share": result.cpu_seconds / (result.seconds * workers),
        "client_ms_per_work": result.client_cpu_seconds * 1000 / max(1, result.done),
    }


@app.command("batch")
def bench_batch(
    paths: list[Path] = typer.Argument(None, help="Works to analyse (default: sample copies)."),
    copies: int = typer.Option(16, min=1, help="Sample copies when no paths are given."),
    workers: list[int] = typer.Option([1, 2, 4], "--workers", help="Cluster sizes to run."),
    repeats: int = typer.Option(50, min=0, help="Each work submitted this many times again, all "
                                "skipped as done, to read the client's cost per work."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Works/s of a plain loop, then of `ficlens batch` with each number of workers."""
    from ficlens.ingest import discover

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        urls = ([str(p) for p in discover(paths)[0]] if paths
                else _sample_works(root, copies))
        runs = {"loop": _plain_loop(urls, str(root / "loop"))}
        for count in workers:
            runs[str(count)] = _cluster(urls, str(root / f"out-{count}"), count)
        scheduling = _scheduling(urls, str(root / "loop"), repeats)
    base = runs["loop"]["works_per_second"]
    for run in runs.values():
        run["speedup"] = run["works_per_second"] / base
        run["speedup_at_equal_cpu_share"] = (run["speedup"] * runs["loop"]["cpu_share"]
                                             / max(run["cpu_share"], 1e-9))
    if as_json:
        typer.echo(json.dumps({"works": len(urls), "runs": runs, "scheduling": scheduling}))
        return
    table = Table("workers", "works/s", "seconds", "CPU share", "speed-up",
                  "at equal CPU share", "client ms/work", title=f"{len(urls)} works")
    for name, run in runs.items():
        client = run["client_ms_per_work"]
        table.add_row(name, f"{run['works_per_second']:.2f}", f"{run['seconds']:.1f}",
                      f"{run['cpu_share']:.0%}", f"{run['speedup']:.2f}x",
                      f"{run['speedup_at_equal_cpu_share']:.2f}x",
                      "" if client is None else f"{client:.2f}")
    console.print(table)
    console.print(f"client CPU per work, {scheduling['works']} works submitted and skipped as "
                  f"done: {scheduling['client_ms_per_work']:.2f} ms "
                  f"(wall {scheduling['wall_ms_per_work']:.2f} ms per work)")
