"""``ficlens bench startup`` and ``ficlens bench memory``: time to the first result, and peak
memory per word beyond spaCy's model, each in fresh processes."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ficlens.cli.output import console

app = typer.Typer()

SRC_HELP = ("Run the ficlens of another checkout (its src folder), e.g. to measure a before "
            "and an after in one run.")


@app.command("startup")
def bench_startup(
    words: int = typer.Option(2_400, min=100, help="Words of the generated story."),
    repeat: int = typer.Option(3, min=1, help="Runs of each; the fastest counts."),
    src: Path | None = typer.Option(None, "--src", help=SRC_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Wall time of `ficlens analyze` on a generated story, from process start to the written
    JSON, against bare spaCy loading its model; and where the import time goes."""
    from ficlens.bench_lean import TARGET_STARTUP_SECONDS, measure_startup

    result = measure_startup(src, repeat, words)
    if as_json:
        typer.echo(json.dumps(result))
        return
    table = Table("run", "wall s", "CPU s",
                  title=f"{result['words']:,} words, fastest of {result['runs_each']} runs")
    table.add_row("ficlens analyze --format json", f"{result['analyze_seconds']:.2f}",
                  f"{result['analyze_cpu_seconds']:.2f}")
    table.add_row("bare spaCy: import + load model", f"{result['spacy_load_seconds']:.2f}",
                  f"{result['spacy_load_cpu_seconds']:.2f}")
    console.print(table)
    imports = Table("package", "import s (own time)", title="imports (one run, -X importtime)")
    for name, seconds in result["imports"].items():
        imports.add_row(name, f"{seconds:.3f}")
    console.print(imports)
    verdict = "within" if result["analyze_seconds"] < TARGET_STARTUP_SECONDS else "OVER"
    console.print(f"time to first result {result['analyze_seconds']:.2f} s ({verdict} the "
                  f"target of {TARGET_STARTUP_SECONDS:g} s), "
                  f"{result['beyond_spacy_seconds']:.2f} s beyond loading spaCy",
                  highlight=False)


@app.command("memory")
def bench_memory(
    words: list[int] = typer.Option(
        None, "--words", help="Story lengths (repeatable; default 25k, 100k, 200k, 800k)."),
    src: Path | None = typer.Option(None, "--src", help=SRC_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object per length."),
) -> None:
    """Peak resident memory of the full analysis of generated prose, minus the memory once
    spaCy and the models are loaded, per word of the story."""
    from ficlens.bench_lean import MEMORY_WORDS, TARGET_BYTES_PER_WORD, measure_memory

    table = Table("words", "loaded MB", "peak MB", "bytes/word beyond loaded",
                  title="peak memory of the full analysis")
    worst = 0.0
    for size in words or MEMORY_WORDS:
        result = measure_memory(src, size)
        worst = max(worst, result["bytes_per_word"])
        if as_json:
            typer.echo(json.dumps(result))
            continue
        table.add_row(f"{result['words']:,}", f"{result['loaded_bytes'] / 2**20:,.0f}",
                      f"{result['peak_bytes'] / 2**20:,.0f}", f"{result['bytes_per_word']:,.0f}")
    if as_json:
        return
    console.print(table)
    verdict = "within" if worst < TARGET_BYTES_PER_WORD else "OVER"
    console.print(f"worst {worst:,.0f} bytes per word ({verdict} the target of "
                  f"{TARGET_BYTES_PER_WORD:,})", highlight=False)
