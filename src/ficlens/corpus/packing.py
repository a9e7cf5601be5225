"""Word counts packed as bytes: sorted (word id, count) pairs as LEB128 varints, each id as
its gap from the previous one, so that a character's portrait in a work costs a few bytes a
word."""

from __future__ import annotations

from collections.abc import Iterable


def pack_counts(pairs: Iterable[tuple[int, int]]) -> bytes:
    out = bytearray()
    previous = 0
    for word_id, count in sorted(pairs):
        _varint(out, word_id - previous)
        _varint(out, count)
        previous = word_id
    return bytes(out)


def unpack_counts(blob: bytes) -> list[tuple[int, int]]:
    values, value, shift = [], 0, 0
    for byte in blob:
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            values.append(value)
            value, shift = 0, 0
    pairs, word_id = [], 0
    for gap, count in zip(values[::2], values[1::2], strict=True):
        word_id += gap
        pairs.append((word_id, count))
    return pairs


def _varint(out: bytearray, value: int) -> None:
    if value < 0:
        raise ValueError("packed counts are never negative")
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return
