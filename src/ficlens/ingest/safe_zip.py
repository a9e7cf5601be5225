"""Open an EPUB's zip archive only after checking it cannot hurt us.

Checked from the central directory before any member is decompressed: the number of
members, their names (no ``..``, no absolute paths, no drive letters), the total
uncompressed size (capped like any input, see :mod:`ficlens.ingest.limits`), each large
member's compression ratio and the whole archive's (a zip bomb inflates far beyond what text
compresses to; one split into many members each under the per-member threshold is caught
by the archive's ratio and total).
Python's zipfile never inflates a member past the size its header declares and checks the
CRC, so a lying header cannot get round the caps.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from ficlens.errors import InputError
from ficlens.ingest.limits import check_expanded_size, describe_size

MAX_MEMBERS = 5000
# Text deflates about 3-5x; an HTML page of repeated markup maybe 50x. Far beyond that is a bomb.
MAX_RATIO = 200
RATIO_MIN_SIZE = 1_000_000  # small members may compress absurdly well (a page of spaces)
# A whole book (text, markup, images that do not compress) never comes near this.
MAX_ARCHIVE_RATIO = 50


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
    _check_archive(members)
    return archive


def _check_archive(members: list[zipfile.ZipInfo]) -> None:
    inflated = sum(info.file_size for info in members)
    packed = max(sum(info.compress_size for info in members), 1)
    if inflated > RATIO_MIN_SIZE and inflated > MAX_ARCHIVE_RATIO * packed:
        raise InputError(
            f"hostile EPUB (zip bomb?): {len(members):,} members inflate {inflated // packed:,}x "
            f"to {describe_size(inflated)}"
        )
    check_expanded_size(inflated, "EPUB content (uncompressed)")

