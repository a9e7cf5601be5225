"""``ficlens eval portraits``: precision and recall of the portraits layer per relation."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ficlens.cli.output import console
from ficlens.errors import InputError

app = typer.Typer()


@app.command("portraits")
def eval_portraits(
    data: Path | None = typer.Option(
        None, "--data", help="../shared/data (fan fiction and LitBank); without it only the "
        "invented stories are scored."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Who does, undergoes, has and is what: agent / patient / poss / mod against hand labels."""
    from ficlens.eval.portraits import ROLES, SETTINGS, evaluate

    if data is not None and not data.is_dir():
        raise InputError(f"{data}: no such folder")
    report = evaluate(data)
    if as_json:
        typer.echo(json.dumps(report))
        return
    table = Table("part", "setting", *(f"{r} P / R (n)" for r in (*ROLES, "all")),
                  title="Portraits against hand-labelled sentences")
    for part, result in report.items():
        for setting in SETTINGS:
            cells = [f"{_rate(c['precision'])} / {_rate(c['recall'])} ({c['gold']})"
                     for c in (result[setting][r] for r in (*ROLES, "all"))]
            table.add_row(part, setting, *cells)
    console.print(table)
    lost = {part: r["not_found"] for part, r in report.items() if r["not_found"]}
    console.print("role: the word and relation are right (the mention is tied to a "
                  "character); character: the character too, mapped one-to-one by name."
                  + (f" Sentences not found in the text: {lost}." if lost else ""))


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
