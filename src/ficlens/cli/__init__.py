"""The ``ficlens`` command line: one typer app, one module per command group."""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import typer

try:  # typer 0.2x carries its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:  # older typer runs on click itself
    from click import exceptions as click_errors

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


def _show_version(asked: bool) -> None:
    if asked:
        from ficlens import __version__

        typer.echo(f"ficlens {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Read fan fiction like a careful reader: characters, speakers, POV, pairings, arcs."""


INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug in ficlens, not in the input


def main() -> None:
    """Run the command line; every user mistake ends in one line on stderr and an exit
    code below 70 (2 for usage and input errors), 70 only for a bug in ficlens."""
    try:
        code = app(standalone_mode=False)
    except click_errors.NoArgsIsHelpError as exc:  # bare ``ficlens``: help, not an error
        if exc.format_message():  # rich has printed it already, plain click has not
            typer.echo(exc.format_message())
        sys.exit(0)
    except click_errors.UsageError as exc:  # a wrong option or argument, named in the message
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
        _fail(f"{exc.format_message()}{hint}", exc.exit_code)
    except click_errors.ClickException as exc:
        _fail(exc.format_message(), exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        _interrupted()
    except FiclensError as exc:
        _fail(str(exc), exc.exit_code)
    except OSError as exc:
        if exc.filename is None:  # not about a path the user gave: a bug
            _internal_error(exc)
        # A path that cannot be read or written (--output, --outcomes, ...): the user's to fix.
        _fail(f"{exc.filename}: {exc.strerror or exc}", FiclensError.exit_code)
    except Exception as exc:  # the user gets one line; FICLENS_DEBUG=1 shows the traceback
        _internal_error(exc)
    # typer turns Ctrl-C inside a command into exit code 130, silently
    if code == INTERRUPTED:
        _interrupted()
    sys.exit(code if isinstance(code, int) and not isinstance(code, bool) else 0)


INTERRUPTED = 130


def _fail(message: str, code: int) -> None:
    print(f"ficlens: error: {message}", file=sys.stderr)
    sys.exit(code)


def _interrupted() -> None:
    print("ficlens: interrupted", file=sys.stderr)
    sys.exit(INTERRUPTED)


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
