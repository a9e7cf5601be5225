"""A readable terminal summary of an analysed work."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ficlens.document import Work


def print_summary(work: Work, console: Console) -> None:
    meta = work.metadata
    console.print(f"[bold]{meta.title or meta.source_path or 'Untitled'}[/bold]")
    if meta.authors:
        console.print("by " + ", ".join(meta.authors))
    console.print(f"{work.word_count:,} words")
    table = Table("layer", "spans")
    for name, spans in work.layers.items():
        table.add_row(name, str(len(spans)))
    console.print(table)
