"""``ficlens check``: the beta reader."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from ficlens.cli.output import console

app = typer.Typer()


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@app.command()
def check(
    paths: list[Path] = typer.Argument(..., help="Story files (several: parts of one series)."),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="Output format."),
    select: list[str] = typer.Option([], help="Rules or categories to run (e.g. style)."),
    ignore: list[str] = typer.Option([], help="Rules or categories to skip."),
    out: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
) -> None:
    """Beta-read stories: dialogue punctuation, confusables, names, POV, tense, speakers."""
    from ficlens.check import RULES, run_checks
    from ficlens.check.report import render_html
    from ficlens.ingest import discover, read_path
    from ficlens.pipeline import analyze

    files, failures = discover(paths)
    if failures:
        from ficlens.errors import InputError

        raise InputError("; ".join(f"{source}: {message}" for source, message in failures))
    works = [analyze(read_path(path)) for path in files]
    results = [(path, work, run_checks(work, _split(select), _split(ignore), works))
               for path, work in zip(files, works, strict=True)]
    if fmt is CheckFormat.json:
        payload = [{"path": str(path), "findings": [f.to_dict() for f in findings]}
                   for path, _work, findings in results]
        _write(json.dumps(payload if len(payload) > 1 else payload[0], ensure_ascii=False), out)
    elif fmt is CheckFormat.html:
        _write(render_html(results[0][1], results[0][2], RULES), out)
    else:
        for path, work, findings in results:
            _print_findings(path, work, findings)


def _write(payload: str, out: Path | None) -> None:
    if out is None:
        typer.echo(payload)
    else:
        out.write_text(payload, encoding="utf-8")


def _print_findings(path: Path, work, findings) -> None:
    table = Table("line", "rule", "text", "message", title=f"{path.name}: {len(findings)} findings",
                  show_lines=False)
    for finding in findings:
        line = work.text.count("\n", 0, finding.start) + 1
        excerpt = work.text[finding.start : finding.end].replace("\n", " ")
        table.add_row(str(line), finding.rule, excerpt[:30], finding.message)
    console.print(table)
