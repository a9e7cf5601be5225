"""``ficlens eval check``: precision and recall of the beta reader on real and injected errors."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from ficlens.cli.output import console, err_console
from ficlens.errors import InputError

app = typer.Typer()

class ErrorSet(StrEnum):
    real = "real"
    injected = "injected"
    both = "both"


@app.command("check")
def eval_check(
    data: Path = typer.Option(..., "--data", help="../shared/data (or a PDNC data folder)."),
    errors: ErrorSet = typer.Option(ErrorSet.both, "--errors",
                                    help="Real hand-marked errors, injected errors, or both."),
    novels: str | None = typer.Option(None, help="Comma-separated novels (default: dev set)."),
    words: int = typer.Option(
        12_000, min=100, help="Words of each novel to use (injected errors)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    mirrors: Path | None = typer.Option(
        None, "--mirrors", help="Repository snapshots holding the works of public repositories "
                                "(default $FICLENS_MIRRORS or /work/.mirror; skipped where "
                                "absent)."),
) -> None:
    """Score the checks on real fan fiction marked by hand, and on errors injected into clean
    PDNC prose."""
    if not data.is_dir():
        raise InputError(f"{data}: no such folder")
    result = {}
    if errors is not ErrorSet.injected:
        from ficlens.eval.snapshots import default_mirrors

        result["real"] = _real(data, mirrors or default_mirrors())
    if errors is not ErrorSet.real:
        result["injected"] = _injected(data, novels, words)
    if as_json:
        typer.echo(json.dumps(result))
        return
    if "real" in result:
        _print_real(result["real"])
    if "injected" in result:
        _print_injected(result["injected"])


def _shared_root(data: Path) -> Path:
    """The folder holding seeds/ and data/: ``--data`` may name either it or its data/."""
    for folder in (data, *list(data.parents)[:3]):
        if (folder / "seeds").is_dir() or (folder / "data" / "fanfic").is_dir():
            return folder
    raise InputError(f"{data}: neither seeds/ nor data/fanfic/ found beside it")


def _real(data: Path, mirrors: Path) -> dict:
    from ficlens.check import run_checks
    from ficlens.eval.check_real import evaluate_real

    try:
        return evaluate_real(_shared_root(data), run_checks,
                             on_work=lambda n: err_console.print(f"checked {n}", style="dim"),
                             mirrors=mirrors)
    except ValueError as exc:
        raise InputError(str(exc)) from exc


def _injected(data: Path, novels: str | None, words: int) -> dict:
    from ficlens.eval.check_injected import evaluate

    names = [n.strip() for n in novels.split(",")] if novels else None
    report = evaluate(data, names, words, lambda n: err_console.print(f"scored {n}", style="dim"))
    if not report.novels:
        raise InputError(f"{data}: none of the evaluation novels found")
    return report.to_dict()


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _print_real(result: dict) -> None:
    for part, title in (("tune", "tuning part"), ("held_apart", "held-apart part"),
                        ("all", "all marked works (tuning and held-apart parts)"),
                        ("held_apart_new", "new held-apart part (repository works)"),
                        ("tune_new", "new tuning part (repository works)"),
                        ("fresh_authors", "fresh-authors part (authors in no other part)"),
                        ("fresh_authors_2",
                         "fresh-authors part 2 (blind once, then read: tuning)"),
                        ("fresh_authors_3",
                         "fresh-authors part 3 (authors in no other part, blind)"),
                        ("fresh_authors_4",
                         "fresh-authors part 4 (authors in no other part, blind)"),
                        ("fresh_authors_5",
                         "fresh-authors part 5 (blind once, then read: tuning)"),
                        ("fresh_authors_6",
                         "fresh-authors part 6 (authors in no other part, blind)")):
        row = result.get(part)
        skipped = result.get("skipped_by_part", {}).get(part, [])
        if skipped:
            console.print(f"Real errors, {title}: {len(skipped)} marked work(s) skipped, no "
                          "repository snapshot under --mirrors: " + ", ".join(skipped))
        if row is None or not row["works"]:
            continue
        table = Table("category", "errors", "found", "recall", "unambiguous", "found",
                      "recall", title=f"Real errors, {title}: precision {_fmt(row['precision'])}"
                      f" ({row['right']}/{row['findings']} findings), recall of unambiguous "
                      f"{_fmt(row['recall_unambiguous'])}")
        for name, cat in {**row["by_category"], "overall": row}.items():
            table.add_row(name, str(cat["errors"]), str(cat["found"]), _fmt(cat["recall"]),
                          str(cat["unambiguous"]), str(cat["found_unambiguous"]),
                          _fmt(cat["recall_unambiguous"]))
        console.print(table)
    rules = Table("rule", "findings", "on a marked error", "precision",
                  title="Findings by rule, all marked works")
    for rule, row in result["all"]["by_rule"].items():
        rules.add_row(rule, str(row["findings"]), str(row["right"]), _fmt(row["precision"]))
    console.print(rules)
    if result.get("skipped"):
        console.print("marked works not found (no repository snapshot under --mirrors): "
                      + ", ".join(result["skipped"]))
    names = result["names"]
    console.print(f"findings on names and fandom terms, {names['works']} fan-fiction works: "
                  f"{names['false_findings']}"
                  + (f" {names['by_work']}" if names["by_work"] else ""))


def _print_injected(result: dict) -> None:
    table = Table("category", "precision", "recall", "hits", "injected", "false alarms",
                  "findings on clean prose", title=f"Injected errors, {result['words']:,} words "
                  "of " + ", ".join(result["novels"]))
    rows = {**result["by_category"], "overall (default rules)": result["overall"]}
    for name, row in rows.items():
        table.add_row(name, f"{row['precision']:.2f}", f"{row['recall']:.2f}", str(row["hits"]),
                      str(row["injected"]), str(row["false_alarms"]), str(row["clean_findings"]))
    console.print(table)
    console.print(f"style suggestions on the clean prose: {result['style_notes_per_1000_words']}"
                  " per 1,000 words (off by default; scored above: said-bookisms, adverb tags)")
