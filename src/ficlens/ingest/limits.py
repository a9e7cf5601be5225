"""Size limits for untrusted input, so a huge or hostile file is refused before it is read."""

from __future__ import annotations

import os
from pathlib import Path

from ficlens.errors import InputError

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MAX_BYTES_ENV = "FICLENS_MAX_BYTES"


def max_bytes() -> int:
    """The largest input accepted, in bytes (``FICLENS_MAX_BYTES`` overrides 64 MiB)."""
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


def describe_size(size: int) -> str:
    return f"{size / 2**20:.1f} MiB" if size >= 2**20 else f"{size:,} bytes"


def check_size(size: int, what: str = "file") -> None:
    limit = max_bytes()
    if size > limit:
        raise InputError(
            f"{what} is {describe_size(size)}, over the {describe_size(limit)} limit "
            f"(set {MAX_BYTES_ENV} to raise it)"
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
