"""How a work that failed is described: one line, whatever went wrong."""

from __future__ import annotations

from ficlens.errors import FiclensError


def failure_message(exc: BaseException) -> str:
    """The user's message for bad input; for a bug in a stage, its type and first line."""
    if isinstance(exc, FiclensError | OSError):
        return str(exc)
    first_line = (str(exc).strip().splitlines() or [""])[0]
    return f"analysis failed ({type(exc).__name__}: {first_line})"
