"""The ``ficlens`` command line: one typer app, one module per command group."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import typer

from ficlens.cli.commands import add_commands
from ficlens.errors import FiclensError

app = typer.Typer(
    name="ficlens",
    help="Read fan fiction like a careful reader: characters, speakers, POV, pairings, arcs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# One command module per line (each defines ``app`` with its commands), sorted; see
# ficlens.cli.commands.
COMMANDS = (
    "analyze",
    "batch",
    "bench",
    "check",
    "corpus",
    "eval",
    "serve",
)
add_commands(app, COMMANDS)

INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug in ficlens, not in the input


def main() -> None:
    try:
        app()
    except FiclensError as exc:
        print(f"ficlens: error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("ficlens: interrupted", file=sys.stderr)
        sys.exit(130)
    except OSError as exc:
        if exc.filename is None:  # not about a path the user gave: a bug
            _internal_error(exc)
        # A path that cannot be read or written (--output, --outcomes, ...): the user's to fix.
        print(f"ficlens: error: {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
        sys.exit(FiclensError.exit_code)
    except Exception as exc:  # the user gets one line; FICLENS_DEBUG=1 shows the traceback
        _internal_error(exc)


def _internal_error(exc: Exception) -> None:
    if os.environ.get("FICLENS_DEBUG"):
        raise exc
    where = traceback.extract_tb(exc.__traceback__)[-1]
    print(
        f"ficlens: internal error: {type(exc).__name__}: {exc} "
        f"(at {Path(where.filename).name}:{where.lineno}; FICLENS_DEBUG=1 shows more)",
        file=sys.stderr,
    )
    sys.exit(INTERNAL_ERROR)
