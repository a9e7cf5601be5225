"""``ficlens eval characters``: the character finder against PDNC's character lists."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ficlens.cli.output import console

app = typer.Typer()


@app.command("characters")
def eval_characters(
    data: Path = typer.Option(..., "--data", help="folder of PDNC novels (<Novel>/novel_text.txt)"),
    novels: str | None = typer.Option(None, "--novels", help="comma-separated novel folders"),
    as_json: bool = typer.Option(False, "--json", help="print one JSON object"),
    cache: Path | None = typer.Option(
        None, "--cache", help="reuse segment+nlp layers cached in this folder"),
) -> None:
    """Recall, purity, gender and speaker coverage of the characters stage on PDNC."""
    from ficlens.eval.characters import evaluate

    wanted = [n.strip() for n in novels.split(",") if n.strip()] if novels else None
    result = evaluate(data, wanted, cache)
    if as_json:
        typer.echo(json.dumps(result))
        return
    for novel in result["per_novel"]:
        console.print(
            f"{novel['novel']:<30} found {novel['found']:>2}/{novel['gold']:<2} "
            f"impure {novel['impure_clusters']}/{novel['matched_clusters']} "
            f"gender {novel['gender_right']}/{novel['gendered']} split {novel['split']} "
            f"missed: {', '.join(novel['missed'][:6])}",
            markup=False, highlight=False,
        )
    console.print(json.dumps(result["overall"]), markup=False, highlight=False)
