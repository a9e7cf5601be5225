"""``ficlens bench check``: the beta reader's time against the analysis it reads, same run."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import typer
from rich.table import Table

from ficlens.cli.bench_analysis import _bench_text
from ficlens.cli.output import console

app = typer.Typer()


@app.command("check")
def bench_check(
    path: Path | None = typer.Option(None, "--story", help="Story (default: the sample)."),
    min_words: int = typer.Option(
        100_000, min=1, help="Repeat a shorter story up to this many words."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Time `analyze` and then every default check on the same novel-length text.

    The checks' first use loads their word lists and models, as `ficlens check` would; spaCy
    is loaded before the analysis is timed, so the ratio is the checks' share of a run."""
    from ficlens.check import run_checks
    from ficlens.document import Work
    from ficlens.ingest import read_path
    from ficlens.pipeline import analyze

    with tempfile.TemporaryDirectory() as scratch:
        story = _bench_text(path, min_words, Path(scratch))
        analyze(Work(text="A warm-up. \"Hello,\" she said."))  # load spaCy and the models
        work = read_path(story)
        started = time.perf_counter()
        analyze(work)
        analysis = time.perf_counter() - started
        started = time.perf_counter()
        findings = run_checks(work)
        checks = time.perf_counter() - started
    words = len(work.text.split())
    result = {"words": words, "analyze_seconds": round(analysis, 2),
              "check_seconds": round(checks, 2), "findings": len(findings),
              "check_run_vs_analyze": round((analysis + checks) / analysis, 3)}
    if as_json:
        typer.echo(json.dumps(result))
        return
    table = Table("step", "seconds", title=f"{words:,} words")
    table.add_row("analyze", f"{analysis:.2f}")
    table.add_row(f"checks ({len(findings)} findings)", f"{checks:.2f}")
    console.print(table)
    console.print(f"ficlens check takes {result['check_run_vs_analyze']:.2f}x the time of "
                  "analyze alone")
