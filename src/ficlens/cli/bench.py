"""``ficlens bench ...``: speed and memory, always against a baseline measured in the same run."""

from __future__ import annotations

import typer

from ficlens.cli.bench_analysis import bench
from ficlens.cli.commands import add_commands

app = typer.Typer(name="bench", help="Benchmarks (ratios against a baseline from the same run).")
# ``ficlens bench`` alone times the full analysis against bare spaCy
app.callback(invoke_without_command=True)(bench)

# One benchmark module per line (each defines ``app`` with its commands), sorted.
COMMANDS = (
    "bench_batch",
    "bench_check",
    "bench_corpus",
    "bench_lean",
    "bench_scaling",
)
add_commands(app, COMMANDS)
