"""``ficlens check``: the beta reader."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

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
    paths: list[Path] = typer.Argument(None, help="Story files (several: parts of one series)."),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="Output format."),
    select: list[str] = typer.Option([], help="Rules or categories to run (e.g. style)."),
    ignore: list[str] = typer.Option([], help="Rules or categories to skip."),
    out: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
    fix: bool = typer.Option(False, "--fix", help="Write a corrected copy with the safe fixes "
                             "(to --output, or NAME.fixed.txt beside the story)."),
    list_rules: bool = typer.Option(False, "--list-rules", help="Print the rules and exit."),
) -> None:
    """Beta-read stories: spelling, confusables, compounds, punctuation, dialogue, names, POV,
    tense, speakers."""
    from ficlens.check import RULES, run_checks
    from ficlens.check.report import render_html
    from ficlens.check.runner import unknown_rules
    from ficlens.cli.inputs import each_input
    from ficlens.errors import InputError
    from ficlens.ingest import read_path
    from ficlens.pipeline import analyze

    if list_rules:
        _print_rules(RULES)
        return
    if not paths:
        raise InputError("no story files given (or use --list-rules)")
    unknown = unknown_rules(_split(select) + _split(ignore))
    if unknown:
        raise InputError(f"unknown rule or category: {', '.join(unknown)} "
                         "(ficlens check --list-rules shows them)")
    # a bad file is reported with its name and the others are still checked
    read = each_input(paths, lambda path: analyze(read_path(path)))
    works = [work for _path, work in read.done]
    results = [(path, work, run_checks(work, _split(select), _split(ignore), works))
               for path, work in read.done]
    if not results:
        read.exit_if_failed()
    if fix:
        _write_fixed(results, out)
        read.exit_if_failed()
        return
    if fmt is CheckFormat.json:
        payload = [{"path": str(path), "findings": [f.to_dict() for f in findings]}
                   for path, _work, findings in results]
        _write(json.dumps(payload if len(payload) > 1 else payload[0], ensure_ascii=False), out)
    elif fmt is CheckFormat.html:
        _write(render_html(results[0][1], results[0][2], RULES), out)
    else:
        _print_all_findings(results, out)
    read.exit_if_failed()


def _write_fixed(results, out: Path | None) -> None:
    """One corrected copy per story; never over the story itself."""
    from ficlens.check.fix import apply_fixes
    from ficlens.errors import InputError

    if out is not None and len(results) > 1:
        raise InputError("--fix with --output takes one story")
    for path, work, findings in results:
        target = out or path.with_name(f"{path.stem}.fixed.txt")
        if target.resolve() == path.resolve():
            raise InputError(f"{target}: --fix never overwrites the story; choose another "
                             "--output")
        fixed, applied = apply_fixes(work.text, findings)
        target.write_text(fixed, encoding="utf-8")
        console.print(Text(f"{path.name}: {len(applied)} of {len(findings)} findings fixed -> "
                           f"{target}"))


def _print_rules(rules) -> None:
    from ficlens.report.text import add_row

    # the category is the id's first part; an id cut short could not be passed to --select
    table = Table(title=f"{len(rules)} rules (category = the id's first part)")
    table.add_column("rule", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("what it flags")
    for rule in rules.values():
        off = "" if rule.default else " (off by default)"
        add_row(table, rule.id, rule.severity, rule.description + off)
    console.print(table)


def _write(payload: str, out: Path | None) -> None:
    if out is None:
        typer.echo(payload)
    else:
        out.write_text(payload, encoding="utf-8")


def _print_all_findings(results, out: Path | None) -> None:
    """The findings tables on the terminal, or as plain text (no colour codes) in ``out``."""
    if out is None:
        for path, work, findings in results:
            _print_findings(path, work, findings, console)
        return
    from rich.console import Console

    with out.open("w", encoding="utf-8") as handle:
        file_console = Console(file=handle, width=120, no_color=True, highlight=False)
        for path, work, findings in results:
            _print_findings(path, work, findings, file_console)


def _print_findings(path: Path, work, findings, target) -> None:
    from ficlens.report.text import add_row

    table = Table("line", "rule", "text", "message",
                  title=Text(f"{path.name}: {len(findings)} findings"), show_lines=False)
    for finding in findings:
        line = work.text.count("\n", 0, finding.start) + 1
        excerpt = work.text[finding.start : finding.end].replace("\n", " ")
        add_row(table, line, finding.rule, excerpt[:30], finding.message)
    target.print(table)
