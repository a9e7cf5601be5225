"""Flat rows (one per work / chapter / character / quote / scene / relationship / tag).

Both the SQLite store and the Parquet batch output are written from these rows, so the two
always agree on what a work's tables hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ficlens.document import Work

TAG_FIELDS = (
    "fandoms", "warnings", "category", "relationships", "characters", "additional_tags", "genres"
)


@dataclass
class WorkRows:
    work: dict[str, Any]
    chapters: list[dict[str, Any]] = field(default_factory=list)
    characters: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    scenes: list[dict[str, Any]] = field(default_factory=list)
    relationships: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)


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
    )


def _work_row(work: Work, names: dict[str, str]) -> dict[str, Any]:
    meta = work.metadata
    detail = work.tables.get("pairing_detail") or {}
    arc = work.tables.get("arc") or {}
    return {
        "path": meta.source_path,
        "title": meta.title,
        "authors": meta.authors,
        "fandoms": meta.fandoms,
        "rating": meta.rating,
        "language": meta.language,
        "words": work.word_count,
        "series": [{"name": s.name, "part": s.part} for s in meta.series],
        "pairing": detail.get("ao3") or _pairing_label(work, names),
        "pairing_kind": detail.get("kind"),
        "category": detail.get("category"),
        "arc_shape": arc.get("shape"),
        "summary": meta.summary,
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
    meta = work.metadata
    rows = [{"kind": name, "value": v} for name in TAG_FIELDS for v in getattr(meta, name)]
    if meta.rating:
        rows.append({"kind": "rating", "value": meta.rating})
    return rows
