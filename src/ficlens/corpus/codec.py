"""A work's analysis stored compactly, and rebuilt exactly.

The text is stored once, on its own (zlib). Everything else of the analysis JSON goes into one
LZMA-compressed blob in which each span layer is columnar: the offsets as gaps and lengths,
each attribute as a typed column (integers as small deltas, strings dictionary-coded, with one
code for "the span's own text" and one for "its text in lower case", so token lemmas and quote
texts cost almost nothing; small-vocabulary labels present on every span, such as a token's
part of speech, tag and dependency, coded jointly), a span's length stored only where it is not
the word or punctuation mark starting at its offset, and the order of every span's keys kept,
so that ``decode(text, encode(work))`` serialises to the very same JSON as ``work``.
"""

from __future__ import annotations

import json
import lzma
import re
import struct
import zlib
from typing import Any

import numpy as np

from ficlens.document import Work

FORMAT = 1
NONE_CODE, TEXT_CODE, LOWER_CODE = 0, 1, 2
_INT_DTYPES = (np.int8, np.int16, np.int32, np.int64)
# a small dictionary: a work's analysis is well under it, and decoding sets up no more
_LZMA = [{"id": lzma.FILTER_LZMA2, "preset": 6, "dict_size": 1 << 20}]
UNIT = re.compile(r"\w+|[^\w\s]")  # the length a span is assumed to have: a word or a mark
JOINT_MAX_WORDS = 64  # labels with more distinct values than this are coded on their own


def compress(raw: bytes) -> bytes:
    return lzma.compress(raw, format=lzma.FORMAT_RAW, filters=_LZMA)


def decompress(blob: bytes) -> bytes:
    return lzma.decompress(blob, format=lzma.FORMAT_RAW, filters=_LZMA)


def encode(work: Work) -> bytes:
    """The analysis of ``work`` without its text, as one compressed blob."""
    data = work.to_dict()
    text = data["text"]
    buffers: list[bytes] = []
    layers = {name: _encode_layer(data[name], text, buffers) for name in data["span_layers"]}
    header = {
        "format": FORMAT,
        "order": list(data),
        "layers": layers,
        "rest": {k: v for k, v in data.items() if k not in layers and k != "text"},
    }
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return compress(struct.pack("<I", len(head)) + head + b"".join(buffers))


def decode(text: str, blob: bytes) -> Work:
    return Work.from_dict(decode_dict(text, blob))


def decode_dict(text: str, blob: bytes) -> dict[str, Any]:
    raw = decompress(blob)
    (size,) = struct.unpack_from("<I", raw)
    header = json.loads(raw[4 : 4 + size].decode("utf-8"))
    if header.get("format") != FORMAT:
        raise ValueError(f"unknown stored analysis format {header.get('format')!r}")
    view = memoryview(raw)[4 + size :]
    layers: dict[str, list[dict[str, Any]]] = {}
    offset = 0
    for name, layer in header["layers"].items():
        layers[name], offset = _decode_layer(layer, text, view, offset)
    rest = header["rest"]
    return {
        key: text if key == "text" else layers[key] if key in layers else rest[key]
        for key in header["order"]
    }


# -- layers -------------------------------------------------------------------------------
def _encode_layer(spans: list[dict[str, Any]], text: str, buffers: list[bytes]) -> dict:
    shapes: dict[tuple[str, ...], int] = {}
    shape_of = [shapes.setdefault(tuple(span), len(shapes)) for span in spans]
    starts = [span["start"] for span in spans]
    ends = [span["end"] for span in spans]
    gaps = [s - e for s, e in zip(starts, [0, *ends], strict=False)]
    columns = [_int_column("gap", gaps, buffers),
               _int_column("length", _length_codes(starts, ends, text), buffers)]
    if len(shapes) > 1:
        columns.append(_int_column("shape", shape_of, buffers))
    keys = dict.fromkeys(k for shape in shapes for k in shape if k not in ("start", "end"))
    joint = [k for k in keys if _small_label(k, spans)]
    if len(joint) > 1:
        columns.append(_joint_column(joint, spans, text, buffers))
    for key in keys:
        if len(joint) > 1 and key in joint:
            continue
        rows = [(i, span[key]) for i, span in enumerate(spans) if key in span]
        columns.append(_attr_column(key, rows, spans, text, buffers))
    return {"count": len(spans), "shapes": [list(s) for s in shapes], "columns": columns}


def _length_codes(starts: list[int], ends: list[int], text: str) -> list[int]:
    """0 where a span is the word or mark at its start, else its length plus one."""
    codes = []
    for start, end in zip(starts, ends, strict=True):
        unit = UNIT.match(text, start)
        codes.append(0 if unit is not None and unit.end() == end else end - start + 1)
    return codes


def _small_label(key: str, spans: list[dict]) -> bool:
    values = set()
    for span in spans:
        value = span.get(key, spans)  # a missing key: not on every span
        if not (value is None or isinstance(value, str)):
            return False
        values.add(value)
        if len(values) > JOINT_MAX_WORDS:
            return False
    return bool(spans)


def _joint_column(keys: list[str], spans: list[dict], text: str, buffers: list[bytes]) -> dict:
    """Labels of every span coded together: one code per combination of values."""
    words: dict[str, dict[str, int]] = {k: {} for k in keys}
    combos: dict[tuple[int, ...], int] = {}
    codes = []
    for span in spans:
        piece = text[span["start"] : span["end"]]
        combo = tuple(_str_code(span[k], piece, words[k]) for k in keys)
        codes.append(combos.setdefault(combo, len(combos)))
    array = np.asarray(codes, dtype=np.int64)
    dtype = _narrowest(array)
    buffers.append(array.astype(dtype).tobytes())
    return {"key": keys, "kind": "joint", "dtype": np.dtype(dtype).str, "count": len(codes),
            "words": {k: list(w) for k, w in words.items()}, "combos": [list(c) for c in combos]}


def _str_code(value: str | None, piece: str, words: dict[str, int]) -> int:
    if value is None:
        return NONE_CODE
    if value == piece:
        return TEXT_CODE
    if value == piece.lower():
        return LOWER_CODE
    return 3 + words.setdefault(value, len(words))


def _decode_layer(layer: dict, text: str, view: memoryview, offset: int):
    count = layer["count"]
    values: dict[str, list[Any]] = {}
    for column in layer["columns"]:
        if column["kind"] == "joint":
            codes, offset = _read_codes(column, view, offset)
            combos = column["combos"]
            for place, key in enumerate(column["key"]):
                special = _specials()
                words = column["words"][key]
                values[key] = [special[c] if c < 3 else words[c - 3]
                               for c in (combos[code][place] for code in codes)]
        else:
            values[column["key"]], offset = _read_column(column, view, offset)
    starts, ends, end = [], [], 0
    length_codes = values.pop("length")
    for gap, code in zip(values.pop("gap"), length_codes, strict=True):
        start = end + gap
        if code:
            end = start + code - 1
        else:
            unit = UNIT.match(text, start)
            end = unit.end()
        starts.append(start)
        ends.append(end)
    shapes = [tuple(s) for s in layer["shapes"]]
    shape_of = values.pop("shape", [0] * count)
    cursors = dict.fromkeys(values, 0)
    spans = []
    for i in range(count):
        span: dict[str, Any] = {}
        for key in shapes[shape_of[i]]:
            if key == "start":
                span[key] = starts[i]
            elif key == "end":
                span[key] = ends[i]
            else:
                value = values[key][cursors[key]]
                cursors[key] += 1
                span[key] = _resolve(value, text, starts[i], ends[i])
        spans.append(span)
    return spans, offset


class _SpanText:
    """A stored string that is the span's own text (or its lower case)."""

    __slots__ = ("lower",)

    def __init__(self, lower: bool) -> None:
        self.lower = lower


def _resolve(value: Any, text: str, start: int, end: int) -> Any:
    if isinstance(value, _SpanText):
        piece = text[start:end]
        return piece.lower() if value.lower else piece
    return value


# -- columns ------------------------------------------------------------------------------
def _int_column(key: str, ints: list[int], buffers: list[bytes]) -> dict:
    """Integers stored raw, as deltas from the previous value, or relative to the row number,
    whichever needs the narrowest type (token heads are near their token, offsets grow)."""
    array = np.asarray(ints, dtype=np.int64)
    rows = np.arange(len(array), dtype=np.int64)
    candidates = {
        "raw": array,
        "delta": np.diff(array, prepend=np.int64(0)),
        "row": array - rows,
    }
    transform, chosen = min(candidates.items(), key=lambda kv: _packed_size(kv[1]))
    dtype = _narrowest(chosen)
    buffers.append(chosen.astype(dtype).tobytes())
    return {"key": key, "kind": "int", "transform": transform, "dtype": np.dtype(dtype).str,
            "count": len(array)}


def _attr_column(key: str, rows: list[tuple[int, Any]], spans: list[dict], text: str,
                 buffers: list[bytes]) -> dict:
    index = [i for i, _ in rows]
    values = [v for _, v in rows]
    if values and all(type(v) is int for v in values):
        column = _int_column(key, values, buffers)
    elif values and all(v is None or isinstance(v, str) for v in values):
        column = _str_column(key, values, [spans[i] for i in index], text, buffers)
    else:
        column = {"key": key, "kind": "json", "values": values}
    return column


def _str_column(key: str, values: list[str | None], spans: list[dict], text: str,
                buffers: list[bytes]) -> dict:
    words: dict[str, int] = {}
    codes = [_str_code(value, text[span["start"] : span["end"]], words)
             for value, span in zip(values, spans, strict=True)]
    array = np.asarray(codes, dtype=np.int64)
    dtype = _narrowest(array)
    buffers.append(array.astype(dtype).tobytes())
    return {"key": key, "kind": "str", "dtype": np.dtype(dtype).str, "words": list(words),
            "count": len(codes)}


def _read_codes(column: dict, view: memoryview, offset: int) -> tuple[np.ndarray, int]:
    dtype = np.dtype(column["dtype"])
    size = column["count"] * dtype.itemsize
    array = np.frombuffer(view[offset : offset + size], dtype=dtype).astype(np.int64)
    return array, offset + size


def _specials() -> dict[int, Any]:
    return {NONE_CODE: None, TEXT_CODE: _SpanText(False), LOWER_CODE: _SpanText(True)}


def _read_column(column: dict, view: memoryview, offset: int) -> tuple[list[Any], int]:
    kind = column["kind"]
    if kind == "json":
        return column["values"], offset
    array, offset = _read_codes(column, view, offset)
    if kind == "int":
        if column["transform"] == "delta":
            array = np.cumsum(array)
        elif column["transform"] == "row":
            array = array + np.arange(len(array), dtype=np.int64)
        return array.tolist(), offset
    words = column["words"]
    special = _specials()
    return [special[c] if c < 3 else words[c - 3] for c in array.tolist()], offset


def _packed_size(array: np.ndarray) -> int:
    """About what the column will cost compressed (a fast zlib stands in for LZMA)."""
    return len(zlib.compress(array.astype(_narrowest(array)).tobytes(), 1))


def _narrowest(array: np.ndarray) -> type:
    if array.size == 0:
        return np.int8
    low, high = int(array.min()), int(array.max())
    for dtype in _INT_DTYPES:
        info = np.iinfo(dtype)
        if info.min <= low and high <= info.max:
            return dtype
    return np.int64
