"""``ficlens eval check``: precision and recall of the beta reader on injected errors."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ficlens.cli.output import console, err_console
from ficlens.errors import InputError

app = typer.Typer()


@app.command("check")
def eval_check(
    data: Path = typer.Option(..., "--data", help="../shared/data (or a PDNC data folder)."),
    novels: str | None = typer.Option(None, help="Comma-separated novels (default: dev set)."),
    words: int = typer.Option(12_000, help="Words of each novel to use."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Inject realistic errors into clean PDNC prose; report precision and recall."""
    from ficlens.check.evaluate import evaluate

    if not data.is_dir():
        raise InputError(f"{data}: no such folder")
    names = [n.strip() for n in novels.split(",")] if novels else None
    report = evaluate(data, names, words, lambda n: err_console.print(f"scored {n}", style="dim"))
    if not report.novels:
        raise InputError(f"{data}: none of the evaluation novels found")
    result = report.to_dict()
    if as_json:
        typer.echo(json.dumps(result))
        return
    table = Table("category", "precision", "recall", "hits", "injected", "false alarms",
                  "findings on clean prose", title=f"{result['words']:,} words of "
                  + ", ".join(result["novels"]))
    rows = {**result["by_category"], "overall (default rules)": result["overall"]}
    for name, row in rows.items():
        table.add_row(name, f"{row['precision']:.2f}", f"{row['recall']:.2f}", str(row["hits"]),
                      str(row["injected"]), str(row["false_alarms"]), str(row["clean_findings"]))
    console.print(table)
    console.print(f"style suggestions on the clean prose: {result['style_notes_per_1000_words']}"
                  " per 1,000 words (off by default; scored above: said-bookisms, adverb tags)")
