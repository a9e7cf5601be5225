"""``ficlens bench``: words per second of the full analysis vs bare spaCy, and peak memory."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import typer
from rich.table import Table

from ficlens.bench import measure_modes
from ficlens.cli.analyze import sample_path
from ficlens.cli.output import console
from ficlens.errors import InputError


def _bench_text(path: Path | None, min_words: int, scratch: Path) -> Path:
    """The story to time: ``path`` (or the sample) repeated until it has ``min_words``."""
    from ficlens.ingest import read_path

    source = path or sample_path()
    try:
        read_path(source)  # a story ficlens cannot read is refused here, named as given
    except InputError as exc:
        raise InputError(f"--story {source}: {exc}") from None
    text = source.read_text(encoding="utf-8", errors="replace")
    words = len(text.split())
    if words == 0:
        raise InputError(f"{source}: empty file")
    if words >= min_words:
        return source
    copies = -(-min_words // words)
    target = scratch / f"bench-{source.stem}.txt"
    target.write_text("\n\n".join([text] * copies), encoding="utf-8")
    return target


def bench(
    ctx: typer.Context,
    path: Path | None = typer.Option(
        None, "--story", help="Story to time (default: the bundled sample)."
    ),
    min_words: int = typer.Option(
        20_000, min=1, help="Repeat a shorter story up to this many words."
    ),
    stages: str | None = typer.Option(None, help="Comma-separated stages (default: all)."),
    repeat: int = typer.Option(
        3, min=1, help="Runs of each, alternating; the fastest of each counts."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Full analysis vs bare spaCy on the same text, one thread each, in one run."""
    if ctx.invoked_subcommand is not None:
        return
    runs = repeat
    with tempfile.TemporaryDirectory() as scratch:
        text_path = _bench_text(path, min_words, Path(scratch))
        results = measure_modes(text_path, stages, runs)
    spacy, full = results["spacy"], results["full"]
    ratio = spacy.words_per_second / full.words_per_second
    # the stages after the parse against the full run's own (faster) parse
    over_parse = full.seconds / full.parse_seconds if full.parse_seconds else None
    if as_json:
        typer.echo(json.dumps({
            "words": full.words,
            "spacy": {"words_per_second": spacy.words_per_second, "peak_mb": spacy.peak_mb},
            "full": {"words_per_second": full.words_per_second, "peak_mb": full.peak_mb},
            "slowdown_vs_spacy": ratio,
            "slowdown_vs_own_parse": over_parse,
            "runs_each": runs,
        }))
        return
    title = f"{full.words:,} words, 1 thread, fastest of {runs} runs each"
    table = Table("run", "words/s", "peak memory (MB)", title=title)
    table.add_row("bare spaCy", f"{spacy.words_per_second:,.0f}", f"{spacy.peak_mb:,.0f}")
    table.add_row("full analysis", f"{full.words_per_second:,.0f}", f"{full.peak_mb:,.0f}")
    console.print(table)
    console.print(f"full analysis takes {ratio:.2f}x the time of bare spaCy")
    if over_parse is not None:
        console.print(f"and {over_parse:.2f}x the time of its own parse (spaCy with ficlens's "
                      "faster lemmatizer and attribute ruler)")
