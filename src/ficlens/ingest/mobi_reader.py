"""MOBI and AZW3 (Kindle) files, unpacked with the ``mobi`` package (KindleUnpack).

A Palm database (``BOOKMOBI``, or PalmDOC ``TEXtREAd``, at offset 60) is unpacked into a
private temporary folder: a MOBI 7 book becomes one HTML file, a KF8 / AZW3 book an EPUB.
That result is read by the HTML or EPUB readers (so AO3's MOBI, calibre's conversion of its
HTML download, is read as AO3) and the folder is removed. The unpacked size is checked
against the same limit as any input.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import warnings
from pathlib import Path

from ficlens.document import Work
from ficlens.errors import InputError
from ficlens.ingest.limits import check_size

PALM_TYPES = (b"BOOKMOBI", b"TEXtREAd")
PALM_TYPE_OFFSET = 60


def looks_like_mobi(data: bytes) -> bool:
    return data[PALM_TYPE_OFFSET:PALM_TYPE_OFFSET + 8] in PALM_TYPES


def read_mobi(data: bytes) -> Work:
    from ficlens.ingest.dispatch import read_story_bytes

    folder = Path(tempfile.mkdtemp(prefix="ficlens-mobi-"))
    try:
        book = folder / "book.mobi"
        book.write_bytes(data)
        unpacked = _unpack(book, folder)
        check_size(unpacked.stat().st_size, "unpacked MOBI")
        work = _read_unpacked(unpacked, read_story_bytes)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    kind = "azw3" if unpacked.suffix == ".epub" else "mobi"
    work.metadata.extra["read_as"] = work.metadata.source_format or ""
    work.metadata.source_format = kind
    return work


def _read_unpacked(unpacked: Path, read_story_bytes) -> Work:
    """MOBI 7 markup keeps no class names: AO3's own reader may find no chapter in it, and
    then the page is read as any HTML page."""
    data = unpacked.read_bytes()
    try:
        return read_story_bytes(data, unpacked.name)
    except InputError:
        if unpacked.suffix != ".html":
            raise
        from ficlens.ingest.decode import decode_bytes
        from ficlens.ingest.html_blocks import parse_html
        from ficlens.ingest.html_reader import read_generic_html

        return read_generic_html(parse_html(decode_bytes(data)[0]))


def _unpack(book: Path, folder: Path) -> Path:
    from loguru import logger

    logger.disable("mobi")  # the package logs every section to stderr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # its imghdr import
        from mobi.kindleunpack import unpackBook

    out = folder / "out"
    try:
        # it prints progress too: keep stdout for ficlens's own output (JSON)
        with contextlib.redirect_stdout(io.StringIO()):
            unpackBook(str(book), str(out), epubver="A")
    except Exception as exc:  # KindleUnpack raises its own, struct and index errors alike
        raise InputError(f"corrupt MOBI: {type(exc).__name__}: {exc}".rstrip(": ")) from None
    for candidate in (*sorted((out / "mobi8").glob("*.epub")), out / "mobi7" / "book.html"):
        if candidate.exists():
            return candidate
    raise InputError("MOBI holds no book text (a Print Replica or DRM-protected file?)")
