"""Shared console helpers for the CLI commands."""

from __future__ import annotations

import sys

from rich.console import Console

console = Console()
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def report_error(source: str, message: str) -> None:
    """One line on stderr for one failed input."""
    err_console.print(f"ficlens: error: {source}: {message}", markup=False)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
