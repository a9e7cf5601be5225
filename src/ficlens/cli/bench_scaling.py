"""``ficlens bench scaling``: analysis time against length, per stage, as ratios per doubling."""

from __future__ import annotations

import json
from dataclasses import asdict

import typer
from rich.table import Table

from ficlens.bench_scaling import TARGET_RATIO, Run, run_series, series
from ficlens.cli.bench import bench_app
from ficlens.cli.output import console


@bench_app.command("scaling")
def scaling(
    quick: bool = typer.Option(False, "--quick", help="Stop at 100 KB and 50k words."),
    max_seconds: float = typer.Option(
        900.0, min=1.0, help="Stop a series at its first run longer than this."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per run."),
) -> None:
    """Time of each stage on generated dialogue (one paragraph, and paragraphs) of 25-200 KB
    and prose of 10k-800k words; linear work doubles its time when the length doubles."""
    runs: list[Run] = []
    for run in run_series(series(quick), max_seconds):
        runs.append(run)
        if as_json:
            typer.echo(json.dumps(asdict(run)))
        else:
            console.print(f"{run.series} {run.size:,} {run.unit}: " + _seconds(run.seconds),
                          highlight=False)
    if as_json:
        return
    console.print(_table(runs))
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


def _table(runs: list[Run]) -> Table:
    stages = list(dict.fromkeys(s for r in runs for s in r.stages))
    table = Table("series", "size", "words", "total s (x per doubling)", *stages,
                  title="Seconds per stage; x = time ratio per doubling of length (2 = linear)")
    for run in runs:
        table.add_row(
            run.series, f"{run.size:,} {run.unit}", f"{run.words:,}",
            _seconds(run.seconds) + _ratio(run.ratio),
            *(f"{run.stages[s]:.2f}{_ratio(run.stage_ratios.get(s))}" if s in run.stages else ""
              for s in stages),
        )
    return table
