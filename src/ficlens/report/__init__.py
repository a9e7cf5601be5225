"""Turning an analysed Work into something to read: JSON, terminal text, HTML, tables."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from ficlens.document import Work


def render(work: Work, fmt: str) -> str:
    """The whole work rendered as one string in ``fmt`` (json, text, html, conll)."""
    if fmt == "json":
        return work.to_json()
    if fmt == "text":
        console = Console(record=True, width=100, file=open("/dev/null", "w"))  # noqa: SIM115
        print_text(work, console)
        return console.export_text()
    raise ValueError(f"format {fmt!r} is not available yet")


def print_text(work: Work, console: Console) -> None:
    from ficlens.report.text import print_summary

    print_summary(work, console)


def write_tsv(work: Work, folder: Path) -> None:
    raise ValueError("tsv export is not available yet")
