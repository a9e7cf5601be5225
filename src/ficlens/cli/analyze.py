"""``ficlens analyze``: read stories, run the pipeline, write JSON / text / HTML / tables."""

from __future__ import annotations

from enum import StrEnum
from importlib import resources
from pathlib import Path

import typer

from ficlens.cli.inputs import each_input
from ficlens.cli.output import console
from ficlens.document import Work
from ficlens.errors import InputError

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
    from ficlens.ingest import STDIN, read_path, read_stdin
    from ficlens.pipeline import analyze

    return analyze(read_stdin() if str(path) == STDIN else read_path(path), stages)


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
    stage_list = _stages(stages)
    if stage_list is None:  # every stage: their models load in the background meanwhile
        from ficlens.models import preload_shipped

        preload_shipped()
    inputs = paths or [sample_path()]
    many = len(inputs) > 1 or any(p.is_dir() for p in inputs)
    if many and out is not None:
        _check_output_folder(out)

    def analyse_one(path: Path) -> None:
        emit(read_and_analyze(path, stage_list), fmt, output_for(path, fmt, out, many))

    each_input(inputs, analyse_one, progress=many).exit_if_failed()


def _stages(stages: str | None) -> list[str] | None:
    """The stage names, checked before any story is read."""
    from ficlens.pipeline import STAGE_NAMES, select
    from ficlens.stage import PipelineError

    if not stages:
        return None
    names = [s.strip() for s in stages.split(",") if s.strip()]
    try:
        select(names)
    except PipelineError as exc:
        raise InputError(f"--stages: {exc} (known: {', '.join(STAGE_NAMES)})") from None
    return names


def _check_output_folder(out: Path) -> None:
    """Several inputs write one file each into the folder ``-o`` names; refuse a file (or a
    name that looks like one) rather than silently making a folder called ``two.json``."""
    if out.exists() and not out.is_dir():
        raise InputError(f"--output {out}: several inputs need a folder for -o, not a file")
    if not out.exists() and out.suffix.lower() in {*SUFFIX.values(), ".tsv", ".htm"}:
        raise InputError(
            f"--output {out}: several inputs write one file each into a folder; "
            "give a folder name (or one input)"
        )
