"""``ficlens analyze``: read stories, run the pipeline, write JSON / text / HTML / tables."""

from __future__ import annotations

from enum import StrEnum
from importlib import resources
from pathlib import Path

import typer
from rich.progress import Progress

from ficlens.cli.output import console, err_console, report_error
from ficlens.document import Work
from ficlens.errors import FiclensError, InputError

app = typer.Typer()

SAMPLE_STORY = "lighthouse.txt"


class Format(StrEnum):
    json = "json"
    text = "text"
    html = "html"
    tsv = "tsv"
    conll = "conll"


SUFFIX = {Format.json: ".json", Format.text: ".txt", Format.html: ".html", Format.conll: ".conll"}


def sample_path() -> Path:
    return Path(str(resources.files("ficlens.sample").joinpath(SAMPLE_STORY)))


def read_and_analyze(path: Path, stages: list[str] | None) -> Work:
    from ficlens.ingest import read_path
    from ficlens.pipeline import analyze

    return analyze(read_path(path), stages)


def emit(work: Work, fmt: Format, out: Path | None) -> None:
    """Write one analysed work in ``fmt`` to ``out`` (a file or, for tsv, a folder)."""
    from ficlens import report

    if fmt is Format.tsv:
        if out is None:
            raise InputError("--format tsv writes several tables: give a folder with -o")
        report.write_tsv(work, out)
        return
    if fmt is Format.text and out is None:
        report.print_text(work, console)
        return
    rendered = report.render(work, fmt.value)
    if out is None:
        typer.echo(rendered)
    else:
        out.write_text(rendered, encoding="utf-8")


def output_for(path: Path, fmt: Format, out: Path | None, many: bool) -> Path | None:
    if out is None or not many:
        return out
    out.mkdir(parents=True, exist_ok=True)
    return out / (path.stem if fmt is Format.tsv else path.stem + SUFFIX[fmt])


@app.command()
def analyze(
    paths: list[Path] = typer.Argument(
        None, help="Story files or folders (plain text, AO3 HTML/EPUB, FanFicFare, FFN). "
        "With none, the bundled sample story is analysed."
    ),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    out: Path | None = typer.Option(
        None, "--output", "-o", help="Output file (a folder for tsv or several inputs)."
    ),
    stages: str | None = typer.Option(
        None, help="Comma-separated pipeline stages to run (default: all)."
    ),
) -> None:
    """Analyse one or more stories."""
    from ficlens.ingest import discover

    stage_list = [s.strip() for s in stages.split(",")] if stages else None
    inputs, failures = discover(paths or [sample_path()])
    for source, message in failures:
        report_error(source, message)
    many = len(inputs) > 1 or any(p.is_dir() for p in paths or [])
    done = 0
    with Progress(console=err_console, transient=True, disable=not many) as progress:
        task = progress.add_task("analysing", total=len(inputs))
        for path in inputs:
            try:
                work = read_and_analyze(path, stage_list)
                emit(work, fmt, output_for(path, fmt, out, many))
                done += 1
            except FiclensError as exc:
                report_error(str(path), str(exc))
                failures.append((str(path), str(exc)))
            progress.advance(task)
    if failures:
        raise typer.Exit(1 if done else 2)
