"""Size limits for untrusted input, so a huge or hostile file is refused before it is read.

Two sizes are bounded: the bytes of the file itself and the bytes an archive (an EPUB)
inflates to. Both default to ``FICLENS_MAX_BYTES`` (64 MiB); a caller serving strangers (the
web app) lowers them for the duration of one read with :func:`input_budget`, together with
the advice shown when a limit is hit.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from ficlens.errors import InputError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_BYTES_ENV = "FICLENS_MAX_BYTES"


@dataclass(frozen=True, slots=True)
class Budget:
    max_bytes: int
    max_expanded_bytes: int
    advice: str


_budget: ContextVar[Budget | None] = ContextVar("ficlens_input_budget", default=None)


@contextmanager
def input_budget(max_bytes: int, max_expanded_bytes: int, advice: str) -> Iterator[None]:
    """Within the block, files over ``max_bytes`` and archives inflating past
    ``max_expanded_bytes`` are refused, the message ending with ``advice``."""
    token = _budget.set(Budget(max_bytes, max_expanded_bytes, advice))
    try:
        yield
    finally:
        _budget.reset(token)


def max_bytes() -> int:
    """The largest input accepted, in bytes (``FICLENS_MAX_BYTES`` overrides 64 MiB)."""
    budget = _budget.get()
    if budget is not None:
        return budget.max_bytes
    raw = os.environ.get(MAX_BYTES_ENV)
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"{MAX_BYTES_ENV} must be a whole number of bytes, not {raw!r}") from None
    if value <= 0:
        raise InputError(f"{MAX_BYTES_ENV} must be positive, not {value}")
    return value


def max_expanded_bytes() -> int:
    """The most an archive may inflate to, all members together."""
    budget = _budget.get()
    return budget.max_expanded_bytes if budget is not None else max_bytes()


def describe_size(size: int) -> str:
    return f"{size / 2**20:.1f} MiB" if size >= 2**20 else f"{size:,} bytes"


def _advice() -> str:
    budget = _budget.get()
    return budget.advice if budget is not None else f"set {MAX_BYTES_ENV} to raise it"


def check_size(size: int, what: str = "file") -> None:
    limit = max_bytes()
    if size > limit:
        raise InputError(
            f"{what} is {describe_size(size)}, over the {describe_size(limit)} limit ({_advice()})"
        )


def check_expanded_size(size: int, what: str) -> None:
    limit = max_expanded_bytes()
    if size > limit:
        raise InputError(
            f"{what} is {describe_size(size)}, over the {describe_size(limit)} limit ({_advice()})"
        )


def read_limited(path: Path) -> bytes:
    """The bytes of ``path``, refused by its size before anything is read."""
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            raise InputError("not a regular file (a device, pipe or socket)")
        check_size(path.stat().st_size)
        with path.open("rb") as handle:
            # Read one byte past the limit: a file that grew after stat() is still refused.
            data = handle.read(max_bytes() + 1)
    except IsADirectoryError:
        raise InputError("is a folder, not a file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from None
    check_size(len(data))
    return data
