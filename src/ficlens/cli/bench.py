"""``ficlens bench ...``: speed and memory, always against a baseline measured in the same run."""

from __future__ import annotations

import typer

from ficlens.cli import app

bench_app = typer.Typer(help="Benchmarks (ratios against a baseline from the same run).")
app.add_typer(bench_app, name="bench")

from ficlens.cli import bench_analysis  # noqa: E402,F401
from ficlens.cli import bench_batch  # noqa: E402,F401
from ficlens.cli import bench_scaling  # noqa: E402,F401
from ficlens.cli import bench_corpus  # noqa: E402,F401
from ficlens.cli import bench_check  # noqa: E402,F401
