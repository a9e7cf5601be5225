"""``ficlens eval litbank-coref``: person coreference on LitBank (MUC, B3, CEAF-e)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ficlens.cli.output import console
from ficlens.errors import InputError

app = typer.Typer()

SETS = ("dev", "train", "all")


@app.command("litbank-coref")
def eval_litbank_coref(
    data: Path = typer.Option(..., "--data", help="LitBank root (../shared/data/litbank)."),
    docs: str = typer.Option("all", "--docs", help="Documents: dev, train or all."),
    cache: Path | None = typer.Option(
        None, "--cache", help="Folder to cache the spaCy layers of each document."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Score person coreference against LitBank, with gold and with predicted mentions."""
    from ficlens.coref.model import load_ranker
    from ficlens.eval.litbank_coref import evaluate
    from ficlens.eval.litbank_data import read_corpus, split_ids

    if docs not in SETS:
        raise InputError(f"--docs must be one of {', '.join(SETS)}, not {docs!r}")
    corpus = read_corpus(data)
    train, dev = split_ids([d.doc_id for d in corpus])
    wanted = {"dev": dev, "train": train, "all": train | dev}[docs]
    chosen = [d for d in corpus if d.doc_id in wanted]
    if not chosen:
        raise InputError(f"{data}: no LitBank documents in the {docs} set")
    report = evaluate(
        chosen, cache, load_ranker(),
        None if as_json else lambda name: console.print(f"scoring {name}", style="dim"),
    )
    report["set"] = docs
    if as_json:
        typer.echo(json.dumps(report))
        return
    _print_table(report)


def _print_table(report: dict) -> None:
    table = Table("setting", "MUC F1", "B3 F1", "CEAF-e F1", "avg F1", "pronoun acc",
                  title=f"LitBank person coreference, {report['documents']} documents "
                  f"({report['set']})")
    for setting in ("gold_mentions", "end_to_end", "end_to_end_without_nominals"):
        row = report[setting]
        table.add_row(
            setting, *(f"{100 * row[m]['f1']:.1f}" for m in ("muc", "b3", "ceaf_e")),
            f"{100 * row['average_f1']:.1f}", f"{100 * row['pronoun_accuracy']:.1f}",
        )
    console.print(table)
