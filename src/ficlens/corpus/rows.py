"""Flat rows (one per work / chapter / character / quote / scene / relationship / tag).

Both the SQLite store and the Parquet batch output are written from these rows, so the two
always agree on what a work's tables hold.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any

from ficlens.document import Work

# Archive tag fields and the older names some readers still use for them; each tag row's kind
# is the field's current name.
TAG_FIELDS = {
    "fandoms": ("fandoms",),
    "warnings": ("warnings",),
    "categories": ("categories", "category"),
    "relationships": ("relationships",),
    "characters": ("characters",),
    "freeform_tags": ("freeform_tags", "additional_tags"),
    "genres": ("genres",),
}
NAME_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


@dataclass
class WorkRows:
    work: dict[str, Any]
    chapters: list[dict[str, Any]] = field(default_factory=list)
    characters: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    scenes: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    portraits: list[dict[str, Any]] = field(default_factory=list)


def rows_from_work(work: Work) -> WorkRows:
    names = {c["id"]: c["name"] for c in work.tables.get("characters", [])}
    return WorkRows(
        work=_work_row(work, names),
        chapters=[
            {"number": c.get("number"), "title": c.get("title"), "start": c.start, "end": c.end}
            for c in work.layer("chapters")
        ],
        characters=_character_rows(work),
        quotes=[_quote_row(q, names) for q in work.layer("quotes") if q.get("speech", True)],
        scenes=[
            {
                "number": s.get("number"), "start": s.start, "end": s.end,
                "person": s.get("person"), "mode": s.get("mode"),
                "focal": s.get("focal"), "focal_name": names.get(s.get("focal")),
            }
            for s in work.layer("scenes")
        ],
        relationships=[_relationship_row(r, names) for r in work.tables.get("relationships", [])],
        tags=_tag_rows(work),
        portraits=portrait_rows(work),
    )


def portrait_rows(work: Work) -> list[dict[str, Any]]:
    """The portraits layer as counts: one row per (character, role, lemma)."""
    counts = Counter(
        (p["character"], p["role"], p["lemma"]) for p in work.layer("portraits")
        if p.get("character") and p.get("lemma")
    )
    return [{"char_id": char_id, "role": role, "lemma": lemma, "n": n}
            for (char_id, role, lemma), n in sorted(counts.items())]


def metadata_dict(work: Work) -> dict[str, Any]:
    """The work's metadata as plain values, whichever version of ``Metadata`` made it."""
    meta = work.metadata
    if hasattr(meta, "to_dict"):
        values = meta.to_dict()
    else:
        values = asdict(meta) if is_dataclass(meta) else dict(vars(meta))
    extra = values.get("extra")
    if isinstance(extra, dict):  # fields a reader knew and this Metadata does not
        values = {**extra, **{k: v for k, v in values.items() if v not in (None, [], {})}}
    return values


def _listed(meta: dict[str, Any], *names: str) -> list[str]:
    for name in names:
        value = meta.get(name)
        if value:
            return [str(v) for v in (value if isinstance(value, list | tuple) else [value])]
    return []


def _series(meta: dict[str, Any]) -> list[dict[str, Any]]:
    entries = meta.get("series") or []
    return [
        {"name": e.get("name"), "part": e.get("part", e.get("position"))}
        if isinstance(e, dict) else {"name": getattr(e, "name", str(e)),
                                     "part": getattr(e, "part", None)}
        for e in entries
    ]


def _work_row(work: Work, names: dict[str, str]) -> dict[str, Any]:
    meta = metadata_dict(work)
    detail = work.tables.get("pairing_detail") or {}
    arc = work.tables.get("arc") or {}
    return {
        "path": meta.get("source_path"),
        "title": meta.get("title"),
        "authors": _listed(meta, "authors"),
        "fandoms": _listed(meta, "fandoms"),
        "rating": meta.get("rating"),
        "language": meta.get("language"),
        "words": work.word_count,
        "series": _series(meta),
        "pairing": detail.get("ao3") or _pairing_label(work, names),
        "pairing_kind": detail.get("kind"),
        "category": detail.get("category"),
        "arc_shape": arc.get("shape"),
        "summary": meta.get("summary"),
    }


def _pairing_label(work: Work, names: dict[str, str]) -> str | None:
    pair = work.tables.get("pairing")
    if not pair:
        return None
    return "/".join(names.get(cid, cid) for cid in pair)


def _character_rows(work: Work) -> list[dict[str, Any]]:
    lines: dict[str, int] = {}
    for quote in work.layer("quotes"):
        if quote.get("speaker"):
            lines[quote["speaker"]] = lines.get(quote["speaker"], 0) + 1
    return [
        {
            "char_id": c["id"], "name": c["name"], "aliases": c.get("aliases", []),
            "gender": c.get("gender"), "mentions": c.get("mentions", 0),
            "lines": lines.get(c["id"], 0),
        }
        for c in work.tables.get("characters", [])
    ]


def _quote_row(quote, names: dict[str, str]) -> dict[str, Any]:
    return {
        "start": quote.start, "end": quote.end, "text": quote.get("text", ""),
        "speaker": quote.get("speaker"), "speaker_name": names.get(quote.get("speaker")),
        "addressee": quote.get("addressee"),
        "addressee_name": names.get(quote.get("addressee")),
        "type": quote.get("type"), "confidence": quote.get("confidence"),
    }


def _relationship_row(rel: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {
        "source": rel["source"], "target": rel["target"],
        "source_name": names.get(rel["source"]), "target_name": names.get(rel["target"]),
        "lines": rel.get("lines", 0),
        "types": sorted({t["type"] for t in rel.get("types", [])}),
        "romance_score": rel.get("romance_score"),
    }


def _tag_rows(work: Work) -> list[dict[str, Any]]:
    meta = metadata_dict(work)
    rows = [
        {"kind": kind, "value": value}
        for kind, names in TAG_FIELDS.items() for value in dict.fromkeys(_listed(meta, *names))
    ]
    for kind in ("rating", "language"):
        if meta.get(kind):
            rows.append({"kind": kind, "value": str(meta[kind])})
    rows += [{"kind": "series", "value": s["name"]} for s in _series(meta) if s["name"]]
    return rows


def name_keys(*names: str) -> set[str]:
    """The lookup keys of a name: the whole name and each of its words, in lower case, so
    that "Eli", "brandt" and "Eli Brandt" all find Eli Brandt through an index."""
    keys = set()
    for name in names:
        whole = " ".join(name.split()).lower()
        if whole:
            keys.add(whole)
            keys.update(word.lower() for word in NAME_WORD.findall(name))
    return keys


def tag_variants(value: str) -> list[str]:
    """The lookup keys of an archive tag's `|`-separated variants ("僕のヒーローアカデミア |
    Boku no Hero Academia | My Hero Academia": each name alone); none for a one-name tag."""
    if "|" not in value:
        return []
    return [k for k in dict.fromkeys(" ".join(v.split()).lower() for v in value.split("|")) if k]


def pairing_sides(label: str | None) -> list[str]:
    if not label:
        return []
    return [side for side in re.split(r"\s*[/&]\s*", label) if side.strip()]
