"""``ficlens eval fanfic``: speakers, characters, pairing and POV on real fan fiction."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import Progress
from rich.table import Table

from ficlens.cli.output import console, err_console

app = typer.Typer()

SHORT = {"end_to_end": "e2e", "gold_characters": "gold"}
TYPES = ("Explicit", "Anaphoric", "Implicit")


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _count(entry: dict) -> str:
    return f"{entry['count']}/{entry['n']}" if entry["n"] else "-"


def _speaker_cells(result: dict) -> list[str]:
    return [_rate(result["accuracy"]), *(_rate(result["by_type"][t]["accuracy"]) for t in TYPES),
            _rate(result["addressee_accuracy"]), str(result["n"])]


def _print_speakers(summary: dict, title: str) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("work", no_wrap=True, max_width=14, overflow="ellipsis")
    table.add_column("set", no_wrap=True)
    for column in ("acc", "Expl", "Anaph", "Impl", "addr", "n"):
        table.add_column(column, justify="right", no_wrap=True, min_width=5)
    for work in summary["per_work"]:
        for setting in SHORT:
            table.add_row(work["work"], SHORT[setting], *_speaker_cells(work[setting]))
    for setting in SHORT:
        table.add_row("ALL", SHORT[setting], *_speaker_cells(summary[setting]), style="bold")
    console.print(table)


def _story_cells(entry: dict) -> list[str]:
    return [
        _rate(entry["end_to_end"]["quote_detection_recall"]),
        _count(entry["character_recall"]), _rate(entry["alias_purity"]["rate"]),
        _count(entry["gender"]), _count(entry["pairing"]), _count(entry["pairing_with_tags"]),
        _count(entry["pov_person"]),
        _count(entry["not_speech_as_speech"]), str(entry["reanchor_lost"]),
    ]


def _print_story(summary: dict) -> None:
    table = Table(title="Characters, pairing, POV (end to end, one to one)", title_justify="left")
    table.add_column("work", no_wrap=True, max_width=14, overflow="ellipsis")
    for column in ("found", "chars", "pure", "gend", "pair", "+tags", "POV", "NS", "lost"):
        table.add_column(column, justify="right", no_wrap=True)
    for work in summary["per_work"]:
        table.add_row(work["work"], *_story_cells(work))
    table.add_row("ALL", *_story_cells(summary), style="bold")
    console.print(table)
    console.print(
        "e2e: ficlens finds the characters, aligned one to one with the gold ones; gold: the "
        "gold character list is given. addr = addressee accuracy; found = gold speech "
        "quotations a detected one overlaps; chars = gold speaking/on-stage characters "
        "aligned; pure = names of aligned characters that are their gold character's; "
        "gend = gender of aligned characters; pair = main pairing from the text; +tags = main "
        "pairing read off the AO3 relationship tags where they name two characters (what a "
        "fan does; says nothing about the text); POV = narrative person; "
        "NS = NOT_SPEECH spans detected as speech; lost = gold speech quotations not "
        "re-anchored on the current text (NOT_SPEECH spans the readers now keep out of the "
        "text, such as tags and page chrome, are counted apart in the JSON: "
        "not_speech_gone).")


def _print_change(original: dict, renamed: dict) -> None:
    table = Table(title="Rename test: speaker accuracy without / with renaming",
                  title_justify="left")
    table.add_column("work", no_wrap=True, max_width=14, overflow="ellipsis")
    for setting in SHORT.values():
        for column in (setting, "ren", "Δ"):
            table.add_column(column, justify="right", no_wrap=True)
    rows = [(w["work"], w, r) for w, r in zip(original["per_work"], renamed["per_work"],
                                               strict=True)]
    rows.append(("ALL", original, renamed))
    for name, before, after in rows:
        cells = []
        for setting in SHORT:
            old, new = before[setting]["accuracy"], after[setting]["accuracy"]
            delta = "-" if old is None or new is None else f"{new - old:+.3f}"
            cells += [_rate(old), _rate(new), delta]
        table.add_row(name, *cells, style="bold" if name == "ALL" else None)
    console.print(table)


@app.command("fanfic")
def eval_fanfic(
    data: Path = typer.Option(..., "--data", help="the fan-fiction set (../shared/data/fanfic)"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    outcomes: Path | None = typer.Option(
        None, "--outcomes", help="also write every gold quotation's outcome to this CSV file"),
    rename: bool = typer.Option(
        False, "--rename", help="also run with every character renamed to invented names "
        "and report the change"),
    works: str | None = typer.Option(
        None, "--works", help="comma-separated work stems (default: all)"),
) -> None:
    """Speaker/addressee accuracy, characters, pairing and POV on annotated fan fiction."""
    from ficlens.errors import InputError
    from ficlens.eval.fanfic import evaluate_work, summarise, write_outcomes
    from ficlens.eval.fanfic_gold import gold_files
    from ficlens.eval.rename import accuracy_change

    if outcomes is not None and not outcomes.parent.is_dir():
        raise InputError(f"{outcomes}: no folder {outcomes.parent} to write the outcomes in")
    files = gold_files(data)
    if works:
        wanted = {w.strip() for w in works.split(",")}
        unknown = wanted - {f.name.removesuffix(".gold.json") for f in files}
        if unknown:
            raise InputError(f"{data}: no gold file for {', '.join(sorted(unknown))}")
        files = [f for f in files if f.name.removesuffix(".gold.json") in wanted]
    runs = {"original": []} | ({"renamed": []} if rename else {})
    with Progress(console=err_console, transient=True, disable=as_json) as progress:
        task = progress.add_task("works", total=len(files) * len(runs))
        for run, results in runs.items():
            for path in files:
                progress.update(task, description=f"{run} {path.name}")
                results.append(evaluate_work(path, rename=run == "renamed"))
                progress.advance(task)
    summaries = {run: summarise(results) for run, results in runs.items()}
    if outcomes is not None:
        write_outcomes(runs, outcomes)
    if as_json:
        payload = summaries["original"] if not rename else {
            **summaries, "change": accuracy_change(summaries["original"], summaries["renamed"])}
        typer.echo(json.dumps(payload))
        return
    _print_speakers(summaries["original"], "Fan fiction: speaker and addressee accuracy")
    _print_story(summaries["original"])
    if rename:
        _print_change(summaries["original"], summaries["renamed"])
