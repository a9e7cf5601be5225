"""``ficlens eval ...``: the evaluation harnesses, part of the product."""

from __future__ import annotations

import typer

from ficlens.cli.commands import add_commands

app = typer.Typer(
    name="eval", help="Measure ficlens against annotated corpora.", no_args_is_help=True
)

# One harness module per line (each defines ``app`` with its commands), sorted.
COMMANDS = (
    "eval_characters",
    "eval_check",
    "eval_coref",
    "eval_coref_fanfic",
    "eval_fanfic",
    "eval_portraits",
    "eval_quotes",
    "eval_scenes",
)
add_commands(app, COMMANDS)
