"""Turning an analysed Work into something to read: JSON, terminal text, HTML, tables."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from ficlens.document import Work

TEXT_WIDTH = 80


def render(work: Work, fmt: str) -> str:
    """The whole work rendered as one string in ``fmt`` (json, text, html, conll)."""
    if fmt == "json":
        return work.to_json()
    if fmt == "text":
        console = Console(file=io.StringIO(), width=TEXT_WIDTH, record=True,
                          force_terminal=False, color_system=None)
        print_text(work, console)
        return console.export_text()
    if fmt == "html":
        from ficlens.report.html import render as render_html

        return render_html(work)
    if fmt == "conll":
        from ficlens.report.exports import conll

        return conll(work)
    raise ValueError(f"unknown report format {fmt!r}")


def print_text(work: Work, console: Console) -> None:
    from ficlens.report.text import print_summary

    print_summary(work, console)


def write_tsv(work: Work, folder: Path) -> None:
    """BookNLP-style tables (``.tokens``, ``.entities``, ``.quotes``, ``.characters``)."""
    from ficlens.report.exports import write_tables

    write_tables(work, Path(folder))
