"""``ficlens eval scenes``: scene-break precision and recall on hand-marked scene changes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer
from rich.table import Table

from ficlens.cli.output import console
from ficlens.errors import InputError

app = typer.Typer()


def _default_shared() -> Path:
    return Path(os.environ.get("FICLENS_SHARED", "../shared"))


@app.command("scenes")
def eval_scenes(
    shared: Path = typer.Option(None, "--shared", help="../shared (default: $FICLENS_SHARED)."),
    tolerance: int = typer.Option(1, min=0, help="Story paragraphs a break may be off by."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Score scene breaks on the sample stories and the fan-fiction set's POV sections."""
    from ficlens.eval.scenes import evaluate_fanfic, evaluate_seeds, total

    root = shared or _default_shared()
    seeds, fanfic = root / "seeds", root / "data" / "fanfic"
    if not seeds.is_dir() and not fanfic.is_dir():
        raise InputError(f"{root}: neither seeds/ nor data/fanfic/ found (use --shared)")
    sets = {}
    if seeds.is_dir():
        sets["seeds"] = evaluate_seeds(seeds, tolerance)
    if fanfic.is_dir():
        sets["fanfic-pov"] = evaluate_fanfic(fanfic, tolerance)
    result = {name: {"total": total(name, scores).to_dict(),
                     "stories": [s.to_dict() for s in scores]} for name, scores in sets.items()}
    if as_json:
        typer.echo(json.dumps({"tolerance": tolerance, "sets": result}))
        return
    table = Table("set", "story", "gold", "found", "hits", "precision", "recall", "F1",
                  title=f"Scene breaks (one-to-one, within {tolerance} paragraph(s))")
    for name, scores in sets.items():
        for row in [*scores, total("ALL", scores)]:
            table.add_row(name, row.name, str(row.gold), str(row.predicted), str(row.hits),
                          f"{row.precision:.2f}", f"{row.recall:.2f}", f"{row.f1:.2f}")
    console.print(table)
    console.print("seeds: hand-marked scene changes of ../shared/seeds (the cues were tuned on "
                  "these); fanfic-pov: viewpoint changes of ../shared/data/fanfic (held out).")
