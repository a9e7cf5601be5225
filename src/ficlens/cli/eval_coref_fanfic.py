"""``ficlens eval coref-fanfic``: third-person pronouns of hand-labelled fan fiction."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ficlens.cli.output import console
from ficlens.errors import InputError

app = typer.Typer()


@app.command("coref-fanfic")
def eval_coref_fanfic(
    mirrors: Path | None = typer.Option(
        None, "--mirrors",
        help="Repository snapshots holding the labelled works (default $FICLENS_MIRRORS or "
             "/work/.mirror; works whose snapshot is absent are skipped)."),
    ranker: Path | None = typer.Option(
        None, "--ranker", help="A candidate coref ranker (LightGBM text file) instead of the "
                               "shipped one."),
    meta: Path | None = typer.Option(
        None, "--meta", help="The candidate ranker's .meta.json (default: beside --ranker, "
                             "with the same stem)."),
    split: str | None = typer.Option(
        None, "--split", help="Score only the works of this split (tune, held_out, "
                              "held_out_2; default: all, with each split's totals)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Share of hand-labelled he/she pronouns of real fan fiction that coref links to the
    right character (one-to-one alignment of characters), per work, per split and in
    total."""
    from ficlens.eval.coref_fanfic import default_mirrors, evaluate

    mirrors = mirrors or default_mirrors()
    if not mirrors.is_dir():
        raise InputError(f"{mirrors}: no such folder of repository snapshots")
    configs = _ranker_configs(ranker, meta)
    try:
        report = evaluate(mirrors=mirrors, configs=configs, split=split,
                          on_work=None if as_json else
                          lambda name: console.print(f"scoring {name}", style="dim"))
    except ValueError as error:
        raise InputError(str(error)) from None
    if ranker is not None:
        report["ranker"] = str(ranker)
    if as_json:
        typer.echo(json.dumps(report))
        return
    _print_table(report)


def _ranker_configs(ranker: Path | None, meta: Path | None) -> dict | None:
    """The coref config of a candidate ranker (None: the shipped one)."""
    if ranker is None:
        return None
    from ficlens.coref.config import CorefConfig

    meta = meta or ranker.with_name(ranker.name.split(".")[0] + ".meta.json")
    for path in (ranker, meta):
        if not path.is_file():
            raise InputError(f"{path}: no such file")
    return {"coref": CorefConfig(ranker=ranker, meta=meta)}


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print_table(report: dict) -> None:
    settings = {"end to end, characters aligned one to one": report,
                "gold characters (the labelled cast stands in for the characters stage)":
                    report["gold_characters"]}
    for title, block in settings.items():
        _print_setting(title, block)
    _print_splits(report["splits"])
    if report["skipped"]:
        console.print(f"labelled works not found (no repository snapshot under "
                      f"{report['mirrors']}): {', '.join(report['skipped'])}")


def _print_setting(title: str, block: dict) -> None:
    table = Table("work", "pronouns", "right", "wrong", "unresolved", "accuracy",
                  "'other' right", title=f"Fan-fiction pronoun resolution, {title}")
    rows = {**block["works"], "total": block["total"]}
    for name, row in rows.items():
        table.add_row(name, str(row["pronouns"]), str(row["right"]), str(row["wrong"]),
                      str(row["unresolved"]), _fmt(row["accuracy"]),
                      f"{row['other_right']}/{row['other_pronouns']}")
    for form, row in block["total"].get("by_form", {}).items():
        table.add_row(f"  total, {form}", str(row["pronouns"]), str(row["right"]),
                      str(row["wrong"]), str(row["unresolved"]), _fmt(row["accuracy"]),
                      f"{row['other_right']}/{row['other_pronouns']}")
    console.print(table)


def _print_splits(splits: dict) -> None:
    table = Table("split", "works", "end to end: right / pronouns", "gold characters",
                  title="Fan-fiction pronoun resolution per split")
    for name, block in splits.items():
        table.add_row(name, str(len(block["works"])),
                      *(f"{row['right']}/{row['pronouns']} = {_fmt(row['accuracy'])}"
                        for row in (block["end_to_end"], block["gold_characters"])))
    console.print(table)
