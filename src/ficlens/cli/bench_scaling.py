"""``ficlens bench scaling``: analysis time against length, per stage, as ratios per doubling."""

from __future__ import annotations

import json
from dataclasses import asdict

import typer
from rich.table import Table

from ficlens.bench_scaling import TARGET_RATIO, Run, run_series, series
from ficlens.cli.output import console

app = typer.Typer()


@app.command("scaling")
def scaling(
    quick: bool = typer.Option(False, "--quick", help="Stop at 100 KB and 50k words."),
    max_seconds: float = typer.Option(
        900.0, min=1.0, help="Stop a series at its first run longer than this."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per run."),
) -> None:
    """CPU time of each stage on generated dialogue (one paragraph, and paragraphs) of 25-200 KB
    and prose of 10k-800k words; linear work doubles its time when the length doubles."""
    runs: list[Run] = []
    for run in run_series(series(quick), max_seconds):
        runs.append(run)
        if as_json:
            typer.echo(json.dumps(asdict(run)))
        else:
            console.print(f"{run.series} {run.size:,} {run.unit}: " + _seconds(run.seconds)
                          + " CPU", highlight=False)
    if as_json:
        return
    for table in _tables(runs):
        console.print(table)
    ratios = [r.ratio for r in runs if r.ratio is not None]
    unfinished = [r for r in runs if r.seconds is None]
    worst = max(ratios, default=0.0)
    verdict = "within" if worst < TARGET_RATIO and not unfinished else "OVER"
    console.print(f"worst doubling ratio {worst:.2f} ({verdict} the target of {TARGET_RATIO}"
                  f"{'; a run passed --max-seconds' if unfinished else ''})", highlight=False)


def _seconds(seconds: float | None) -> str:
    return "stopped at --max-seconds" if seconds is None else f"{seconds:,.1f} s"


def _ratio(ratio: float | None) -> str:
    if ratio is None:
        return ""
    flag = " !" if ratio >= TARGET_RATIO else ""
    return f" x{ratio:.2f}{flag}"


def _tables(runs: list[Run]) -> list[Table]:
    """One table a series: a row a stage, a column a size, so it fits a terminal."""
    tables = []
    for name in dict.fromkeys(r.series for r in runs):
        done = [r for r in runs if r.series == name]
        table = Table("stage", *(f"{r.size:,} {r.unit}" for r in done),
                      title=f"{name}: CPU seconds (x = ratio per doubling of length)")
        table.add_row("words", *(f"{r.words:,}" if r.words else "" for r in done))
        for stage in dict.fromkeys(s for r in done for s in r.stages):
            table.add_row(stage, *(f"{r.stages[stage]:.2f}{_ratio(r.stage_ratios.get(stage))}"
                                   if stage in r.stages else "" for r in done))
        table.add_row("total", *(_seconds(r.seconds) + _ratio(r.ratio) for r in done))
        tables.append(table)
    return tables
