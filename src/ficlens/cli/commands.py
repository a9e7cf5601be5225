"""Registering command modules on a typer app, from the top down.

A command module defines ``app = typer.Typer()`` (with ``name=...`` for a group such as
``eval``) and its commands on it, and imports nothing from the app that registers it; the
parent lists the module in its ``COMMANDS`` tuple, one line per module, and
:func:`add_commands` adds each with ``add_typer``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

import typer


def add_commands(parent: typer.Typer, modules: Iterable[str]) -> None:
    """``parent.add_typer`` the ``app`` of each module ``ficlens.cli.<name>``."""
    for name in modules:
        parent.add_typer(importlib.import_module(f"ficlens.cli.{name}").app)
