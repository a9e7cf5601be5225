"""Open an EPUB's zip archive only after checking it cannot hurt us.

Checked from the central directory before any member is decompressed: the number of
members, their names (no ``..``, no absolute paths, no drive letters), the total
uncompressed size (capped like any input, see :mod:`ficlens.ingest.limits`) and each
member's compression ratio (a zip bomb inflates far beyond what text compresses to).
Python's zipfile never inflates a member past the size its header declares and checks the
CRC, so a lying header cannot get round the caps.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from ficlens.errors import InputError
from ficlens.ingest.limits import check_size, describe_size

MAX_MEMBERS = 5000
# Text deflates about 3-5x; an HTML page of repeated markup maybe 50x. Far beyond that is a bomb.
MAX_RATIO = 200
RATIO_MIN_SIZE = 1_000_000  # small members may compress absurdly well (a page of spaces)


def _check_name(name: str) -> None:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":"):
        raise InputError(f"hostile EPUB: member name {name!r} points outside the archive")


def _check_member(info: zipfile.ZipInfo) -> None:
    _check_name(info.filename)
    if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(
            f"hostile EPUB (zip bomb?): member {info.filename!r} inflates "
            f"{info.file_size // max(info.compress_size, 1):,}x to {describe_size(info.file_size)}"
        )


def open_zip(data: bytes) -> zipfile.ZipFile:
    """A ZipFile over ``data`` that passed every check above, or InputError."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError(f"corrupt EPUB: {exc}") from None
    except (OSError, ValueError, EOFError) as exc:
        raise InputError(f"corrupt EPUB: cannot read the zip directory ({exc})") from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise InputError(f"hostile EPUB: {len(members):,} members (at most {MAX_MEMBERS:,})")
    for info in members:
        _check_member(info)
    check_size(sum(info.file_size for info in members), "EPUB content (uncompressed)")
    return archive

