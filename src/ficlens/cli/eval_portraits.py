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
    errors: Path | None = typer.Option(
        None, "--errors", help="Also write each miss with the character right (a gold entry "
        "not found, a prediction not in the gold, with its mention) to this JSON Lines file, "
        "one per line with its part; it quotes story words, so keep it out of the project."),
) -> None:
    """Who does, undergoes, has and is what: agent / patient / poss / mod against hand labels."""
    from ficlens.eval.portraits import ROLES, SETTINGS, evaluate

    if data is not None and not data.is_dir():
        raise InputError(f"{data}: no such folder")
    report = evaluate(data, errors=errors is not None)
    if errors is not None:
        _write_errors(errors, report)
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


def _write_errors(path: Path, report: dict) -> None:
    """Move each part's misses out of the report into ``path``, one JSON object a line."""
    lines = [json.dumps({"part": part, **error}, ensure_ascii=False)
             for part, result in report.items() for error in result.pop("errors")]
    try:
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write the errors ({exc.strerror})") from exc


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
