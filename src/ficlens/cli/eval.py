"""``ficlens eval ...``: the evaluation harnesses, part of the product."""

from __future__ import annotations

import typer

from ficlens.cli import app

eval_app = typer.Typer(help="Measure ficlens against annotated corpora.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

# Each harness registers its command on ``eval_app`` when imported.
from ficlens.cli import eval_quotes  # noqa: E402,F401
from ficlens.cli import eval_coref  # noqa: E402,F401
from ficlens.cli import eval_check  # noqa: E402,F401
from ficlens.cli import eval_fanfic  # noqa: E402,F401
