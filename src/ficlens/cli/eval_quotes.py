"""``ficlens eval pdnc`` and ``ficlens eval litbank``: speaker attribution measured."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import Progress
from rich.table import Table

from ficlens.cli.eval import eval_app
from ficlens.cli.output import console, err_console


def _cache_option(cache: Path | None, no_cache: bool) -> Path | None:
    return None if no_cache else cache


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


SHORT = {"end_to_end": "e2e", "gold_characters": "gold"}


def _setting_row(novel: str, setting: str, result: dict) -> list[str]:
    if "unavailable" in result:
        return [novel, SHORT[setting], "n/a", "", "", "", "", ""]
    by_type = result["by_type"]
    return [
        novel,
        SHORT[setting],
        _rate(result["accuracy"]),
        *(_rate(by_type[t]["accuracy"]) for t in ("Explicit", "Anaphoric", "Implicit")),
        str(result["n"]),
        _rate(result.get("quote_detection_recall")),
    ]


def _print_table(summary: dict, title: str) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("novel", no_wrap=True, max_width=16, overflow="ellipsis")
    table.add_column("setting", no_wrap=True)
    for column in ("acc", "Expl", "Anaph", "Impl", "n", "found"):
        table.add_column(column, justify="right", no_wrap=True, min_width=5)
    for novel in summary["per_novel"]:
        for setting in ("end_to_end", "gold_characters"):
            table.add_row(*_setting_row(novel["novel"], setting, novel[setting]))
    for setting in ("end_to_end", "gold_characters"):
        table.add_row(*_setting_row("ALL", setting, summary[setting]), style="bold")
    console.print(table)
    for setting in ("end_to_end", "gold_characters"):
        if "unavailable" in summary[setting]:
            console.print(f"{SHORT[setting]}: unavailable ({summary[setting]['unavailable']})")
    console.print("e2e: ficlens finds the characters; gold: the character list is given. "
                  "found = share of gold quotations a detected quotation overlaps.")
    wps = summary.get("words_per_second")
    console.print(f"{summary['words']:,} words · {wps if wps is not None else '-'} words/s "
                  f"({summary['timing_note']})")


@eval_app.command("pdnc")
def eval_pdnc(
    data: Path = typer.Option(..., "--data", help="folder of PDNC novels (<Novel>/novel_text.txt)"),
    novels: str | None = typer.Option(None, "--novels", help="comma-separated novel folders"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    cache: Path | None = typer.Option(
        None, "--cache", help="reuse segment+nlp layers cached in this folder"),
    outcomes: Path | None = typer.Option(
        None, "--outcomes", help="also write every gold quotation's outcome (both settings: "
        "gold and predicted speaker, right or not) to this CSV file"),
) -> None:
    """Speaker accuracy on PDNC, by quote type, in both settings (see --help)."""
    from ficlens.errors import InputError
    from ficlens.eval.pdnc import evaluate_novel, summarise, write_outcomes
    from ficlens.eval.pdnc_data import novel_folders

    if outcomes is not None and not outcomes.parent.is_dir():  # before the long run, not after
        raise InputError(f"{outcomes}: no folder {outcomes.parent} to write the outcomes in")
    folders = novel_folders(data, [n.strip() for n in novels.split(",")] if novels else None)
    results = []
    with Progress(console=err_console, transient=True, disable=as_json) as progress:
        task = progress.add_task("novels", total=len(folders))
        for folder in folders:
            progress.update(task, description=folder.name)
            results.append(evaluate_novel(folder, cache))
            progress.advance(task)
    summary = summarise(results, cached=cache is not None)
    if outcomes is not None:
        write_outcomes(results, outcomes)
    if as_json:
        typer.echo(json.dumps(summary))
    else:
        _print_table(summary, "PDNC speaker accuracy")


@eval_app.command("litbank")
def eval_litbank(
    data: Path = typer.Option(..., "--data", help="LitBank folder (with quotations/ and coref/)"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    cache: Path | None = typer.Option(
        None, "--cache", help="reuse segment+nlp layers cached in this folder"),
) -> None:
    """Speaker accuracy on LitBank quotations (detected quotes matched to gold spans)."""
    from ficlens.eval.litbank_quotes import evaluate

    summary = evaluate(data, cache)
    if as_json:
        typer.echo(json.dumps(summary))
    else:
        _print_table(summary, "LitBank speaker accuracy (detected quotations)")


@eval_app.command("seeds")
def eval_seeds(
    data: Path = typer.Option(..., "--data", help="the folder of the seed fan-fiction stories"),
    gold: Path | None = typer.Option(
        None, "--gold", help="speaker annotation (default: the one shipped with ficlens)"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    rename: bool = typer.Option(
        False, "--rename", help="also score the stories with every character renamed"),
) -> None:
    """Speaker accuracy on the hand-annotated fan-fiction seed stories, both settings."""
    from ficlens.eval.rename import accuracy_change
    from ficlens.eval.seeds import ANNOTATION, evaluate

    summary = evaluate(data, gold or ANNOTATION)
    renamed = evaluate(data, gold or ANNOTATION, rename=True) if rename else None
    if as_json:
        typer.echo(json.dumps(summary if renamed is None else {
            "original": summary, "renamed": renamed,
            "change": accuracy_change(summary, renamed)}))
        return
    _print_table(summary, "Seed stories: speaker accuracy")
    if renamed is not None:
        _print_table(renamed, "Seed stories, every character renamed: speaker accuracy")
        for setting, change in accuracy_change(summary, renamed).items():
            console.print(f"{SHORT[setting]}: {change['original']:.3f} -> "
                          f"{change['renamed']:.3f} ({change['change']:+.3f})")
