"""Bytes to text: BOMs first, then strict UTF-8, then charset-normalizer's best guess.

The decoded text is returned exactly as decoded (line endings included); nothing is
repaired here. See :mod:`ficlens.ingest.normalize` for the mojibake-repaired view.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ficlens.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Signatures of common non-text files, to say what the file is rather than "undecodable".
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0", "an old Word / Office document"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
SNIFF_BYTES = 8192
# Share of control characters (other than tab / newline / form feed) that marks binary data.
MAX_CONTROL_SHARE = 0.01
PREFERRED_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "mac_roman")
TIE_TOLERANCE = 0.01


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def binary_kind(data: bytes) -> str | None:
    """What a non-text file is (from its signature or NUL bytes), or None if it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if bom_encoding(data) is None and b"\x00" in data[:SNIFF_BYTES]:
        return "a binary file (it contains NUL bytes)"
    return None


def _control_share(text: str) -> float:
    sample = text[:SNIFF_BYTES]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / len(sample)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` for a story file's bytes, or InputError if they are not text."""
    kind = binary_kind(data)
    if kind:
        raise InputError(f"not a text story: this is {kind}")
    encoding = bom_encoding(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(f"cannot decode text: bad {encoding} at byte {exc.start}") from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _guess(data)
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise InputError("not a text story: it is full of control characters (binary data?)")
    return text, encoding


def _guess(data: bytes) -> tuple[str, str]:
    matches = list(from_bytes(data))
    if not matches:
        raise InputError("cannot decode text: not UTF-8 and no likely encoding fits the bytes")
    best = matches[0]
    # Short texts often fit several code pages equally well (cp1250 / cp1252 / cp1257 all
    # read "Café" the same); among such ties prefer the encodings fan fiction was written in.
    tied = {
        m.encoding: m
        for m in matches
        if m.chaos <= best.chaos + TIE_TOLERANCE and m.coherence >= best.coherence - TIE_TOLERANCE
    }
    chosen = next((tied[e] for e in PREFERRED_ENCODINGS if e in tied), best)
    return str(chosen), chosen.encoding
