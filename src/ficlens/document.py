"""The stand-off document every pipeline stage reads and extends.

A :class:`Work` keeps the story text exactly as decoded and never changes it. Everything
the pipeline learns is stored beside the text:

* **span layers** (``work.layers``): named lists of :class:`Span`, each a pair of Python
  ``str`` indices into ``work.text`` plus free attributes (``speaker``, ``label`` ...);
* **tables** (``work.tables``): results that are not spans, such as the character list,
  the main pairing or the emotional arc, stored as plain JSON-ready values.

Serialised, both become top-level keys of one JSON object (``schema: "ficlens/1"``), in
the spirit of BookNLP's plain tables; ``span_layers`` names the keys that are span layers.

Stages look spans up by offset through one indexed view per layer, ``work.view(name)``
(a :class:`LayerView`: ``at``, ``index_at``, ``between``, ``overlapping``, ``index_of`` ...),
built once and rebuilt when the layer is replaced or changes length; ``LayerView(spans)``
indexes any sorted list of spans or ``(start, end)`` pairs the same way.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from itertools import accumulate
from operator import le
from pathlib import Path
from typing import Any

SCHEMA_ID = "ficlens/1"
RESERVED_KEYS = frozenset({"schema", "text", "metadata", "span_layers"})


@dataclass(slots=True)
class Span:
    """A stretch of the original text, ``text[start:end]``, with attributes."""

    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}:{self.end}")

    def __getitem__(self, key: str) -> Any:
        return self.attrs[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.attrs[key] = value

    def __contains__(self, key: str) -> bool:
        return key in self.attrs

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def contains(self, start: int, end: int | None = None) -> bool:
        end = start if end is None else end
        return self.start <= start and end <= self.end

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, **self.attrs}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        attrs = {k: v for k, v in data.items() if k not in ("start", "end")}
        return cls(int(data["start"]), int(data["end"]), attrs)


def _bounds(item: Any) -> tuple[int, int]:
    if isinstance(item, tuple):
        return item[0], item[1]
    return item.start, item.end


def _columns(spans: Sequence[Any]) -> tuple[list[int], list[int]]:
    """The starts and the ends of ``spans``; a list of one kind (the usual case: a layer,
    or ``(start, end)`` pairs) is read without a call per span."""
    kinds = set(map(type, spans))
    if kinds == {tuple}:
        return [s[0] for s in spans], [s[1] for s in spans]
    if not any(issubclass(kind, tuple) for kind in kinds):
        return [s.start for s in spans], [s.end for s in spans]
    return [_bounds(s)[0] for s in spans], [_bounds(s)[1] for s in spans]


class LayerView:
    """A read-only index over spans by start (a layer, or any list of spans or
    ``(start, end)`` pairs): offset lookups by bisection instead of a scan. Indices are
    positions in ``view.spans``: the list itself when it is sorted by start (every layer
    added with ``Work.add_layer`` is), else a sorted copy.

    ``at`` and ``overlapping`` assume spans that do not nest (tokens, sentences,
    paragraphs, quotations); ``any_overlap`` and the other lookups only need the order by
    start.
    """

    __slots__ = ("source", "spans", "starts", "ends", "_reach")

    def __init__(self, spans: Sequence[Any]) -> None:
        self.source = spans
        starts, ends = _columns(spans)
        if not all(map(le, starts, starts[1:])):
            # A layer edited in place or read from a foreign file: index a sorted copy
            # (indices then refer to the view's order, not the layer's).
            spans = sorted(spans, key=lambda s: _bounds(s)[0])
            starts, ends = _columns(spans)
        self.spans = spans
        self.starts = starts
        self.ends = ends
        self._reach: list[int] | None = None

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, index: int) -> Any:
        return self.spans[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.spans)

    def index_at(self, offset: int) -> int:
        """Index of the last span starting at or before ``offset``; -1 if none does."""
        return bisect_right(self.starts, offset) - 1

    def at(self, offset: int) -> Any | None:
        """The span covering ``offset`` (``start <= offset < end``), or None."""
        index = self.index_at(offset)
        if index >= 0 and offset < self.ends[index]:
            return self.spans[index]
        return None

    def covers(self, offset: int) -> bool:
        return self.at(offset) is not None

    def first_from(self, offset: int) -> int:
        """Index of the first span starting at or after ``offset`` (``len`` if none)."""
        return bisect_left(self.starts, offset)

    def first_after(self, offset: int) -> int:
        """Index of the first span starting after ``offset`` (``len`` if none)."""
        return bisect_right(self.starts, offset)

    def indices_between(self, start: int, end: int) -> range:
        """Indices of the spans starting in ``start:end``."""
        return range(self.first_from(start), self.first_from(end))

    def between(self, start: int, end: int) -> Sequence[Any]:
        """The spans starting in ``start:end``, in order."""
        return self.spans[self.first_from(start) : self.first_from(end)]

    def count_between(self, start: int, end: int) -> int:
        return self.first_from(end) - self.first_from(start)

    def overlapping(self, start: int, end: int) -> range:
        """Indices of the spans overlapping ``start:end`` (a token range for a phrase)."""
        first = max(self.index_at(start), 0)
        if first < len(self.spans) and self.ends[first] <= start:
            first += 1
        return range(first, bisect_right(self.starts, end - 1))

    def any_overlap(self, start: int, end: int) -> bool:
        """Whether any span overlaps ``start:end``, nested or long ones included."""
        last = self.first_from(end) - 1
        if last < 0:
            return False
        if self._reach is None:  # the furthest end of the spans up to each index
            self._reach = list(accumulate(self.ends, max))
        return self._reach[last] > start

    def index_of(self, span: Any) -> int:
        """Position of ``span`` itself in the view; ValueError if it is not there."""
        index = self.first_from(_bounds(span)[0])
        while index < len(self.spans) and self.starts[index] == _bounds(span)[0]:
            if self.spans[index] is span or self.spans[index] == span:
                return index
            index += 1
        raise ValueError("span not in this view")


@dataclass(slots=True)
class SeriesEntry:
    name: str
    part: int | None = None
    url: str | None = None


@dataclass(slots=True)
class ChapterEntry:
    """A chapter the source lists (AO3's chapter index, FFN's chapter select, a TOC)."""

    number: int
    title: str | None = None


@dataclass
class Metadata:
    """What the archive says about a work (AO3 / FFN / FanFicFare fields)."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    fandoms: list[str] = field(default_factory=list)
    rating: str | None = None
    warnings: list[str] = field(default_factory=list)
    category: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    additional_tags: list[str] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    summary: str | None = None
    language: str | None = None
    series: list[SeriesEntry] = field(default_factory=list)
    word_count: int | None = None
    chapter_count: str | None = None
    published: str | None = None
    updated: str | None = None
    status: str | None = None
    source_url: str | None = None
    source_format: str | None = None
    source_path: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    chapters: list[ChapterEntry] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def normalized(self) -> dict[str, Any]:
        """The archive fields under one source-independent set of names, for comparing
        works read from different formats (AO3 page, EPUB, FFN, Markdown front matter)."""
        return {
            "title": self.title, "authors": list(self.authors), "fandoms": list(self.fandoms),
            "rating": self.rating, "warnings": list(self.warnings),
            "categories": list(self.category), "relationships": list(self.relationships),
            "characters": list(self.characters), "freeform_tags": list(self.additional_tags),
            "language": self.language, "words": self.word_count,
            "chapters": [asdict(c) for c in self.chapters],
            "series": [asdict(s) for s in self.series], "summary": self.summary,
            "url": self.source_url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Metadata:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["series"] = [SeriesEntry(**s) for s in data.get("series", [])]
        values["chapters"] = [ChapterEntry(**c) for c in data.get("chapters", [])]
        meta = cls(**values)
        meta.extra.update({k: v for k, v in data.items() if k not in known})
        return meta


@dataclass
class Work:
    """One story: its untouched text, its metadata and every annotation layer."""

    text: str
    metadata: Metadata = field(default_factory=Metadata)
    layers: dict[str, list[Span]] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)
    # Runtime-only objects shared by stages within one run (never spaCy Docs: the nlp
    # stage keeps only its layers). Never serialised; a stage must be able to rebuild
    # anything it finds missing here.
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # One LayerView per layer name, checked against the layer before each use.
    _views: dict[str, LayerView] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # -- layers -----------------------------------------------------------------------
    def add_layer(self, name: str, spans: Iterable[Span]) -> list[Span]:
        if name in RESERVED_KEYS or name in self.tables:
            raise ValueError(f"layer name {name!r} is already used")
        layer = sorted(spans, key=lambda s: (s.start, -s.end))
        for span in layer:
            if span.end > len(self.text):
                raise ValueError(f"span {span.start}:{span.end} past end of text in {name!r}")
        self.layers[name] = layer
        return layer

    def layer(self, name: str) -> list[Span]:
        """The named layer, or an empty list when no stage has added it."""
        return self.layers.get(name, [])

    def view(self, name: str) -> LayerView:
        """The indexed view of layer ``name`` (empty if absent), built once and rebuilt when
        the layer has been replaced or has grown or shrunk. After editing spans' offsets
        in place, call :meth:`invalidate_view`."""
        layer = self.layer(name)
        cached = self._views.get(name)
        if cached is None or cached.source is not layer or len(cached.starts) != len(layer):
            cached = self._views[name] = LayerView(layer)
        return cached

    def invalidate_view(self, name: str) -> None:
        self._views.pop(name, None)

    def has(self, name: str) -> bool:
        return name in self.layers or name in self.tables

    def set_table(self, name: str, value: Any) -> None:
        if name in RESERVED_KEYS or name in self.layers:
            raise ValueError(f"table name {name!r} is already used")
        self.tables[name] = value

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def within(self, name: str, start: int, end: int) -> Iterator[Span]:
        """Spans of layer ``name`` lying entirely inside ``start:end``."""
        view = self.view(name)
        candidates = view.spans[view.first_from(start) : view.first_after(end)]
        return (s for s in candidates if s.end <= end)

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    # -- JSON -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "schema": SCHEMA_ID,
            "metadata": self.metadata.to_dict(),
            "text": self.text,
            "span_layers": list(self.layers),
        }
        for name, spans in self.layers.items():
            data[name] = [s.to_dict() for s in spans]
        data.update(self.tables)
        return data

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Work:
        if data.get("schema") != SCHEMA_ID:
            raise ValueError(f"not a {SCHEMA_ID} document (schema={data.get('schema')!r})")
        work = cls(text=data["text"], metadata=Metadata.from_dict(data.get("metadata", {})))
        span_layers = set(data.get("span_layers", []))
        for key, value in data.items():
            if key in RESERVED_KEYS:
                continue
            if key in span_layers:
                work.layers[key] = [Span.from_dict(d) for d in value]
            else:
                work.tables[key] = value
        return work

    @classmethod
    def from_json(cls, payload: str) -> Work:
        return cls.from_dict(json.loads(payload))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")

