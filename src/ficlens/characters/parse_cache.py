"""Parsed-novel cache for evaluation runs: the nlp stage is slow, the characters stage is not.

A novel is parsed once (``segment`` when available, then ``nlp``) and stored as the Work's JSON
plus a spaCy ``DocBin``; later runs reload both in a second instead of re-parsing for minutes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ficlens.document import Work
from ficlens.pipeline import STAGE_NAMES, analyze

DEFAULT_CACHE = Path("/tmp/ficlens-cache/characters")


def upstream_stages() -> list[str]:
    """The stages the characters stage reads, as far as they work in this checkout."""
    wanted = [name for name in ("segment", "nlp") if name in STAGE_NAMES]
    if "segment" in wanted and not _segment_works():
        wanted.remove("segment")
    return wanted


def _segment_works() -> bool:
    """Segmentation is developed alongside; evaluate without it while it is unfinished."""
    try:
        analyze(Work(text='A/N: hi.\n\nShe said, "Hello."\n'), ["segment"])
    except Exception:  # noqa: BLE001 - any failure of an unfinished stage means "skip it"
        return False
    return True


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def parsed_work(text: str, cache_dir: Path = DEFAULT_CACHE) -> Work:
    """A Work for ``text`` with the upstream layers and ``cache['spacy']``, cached on disk."""
    from spacy.tokens import DocBin

    from ficlens.nlp.model import load_spacy

    cached = sorted(cache_dir.glob(f"{_key(text)}-*.spacy"), key=lambda p: -len(p.name))
    if cached:  # any earlier parse will do (with segmentation preferred)
        docs_path, json_path = cached[0], cached[0].with_suffix(".json")
        payload = json.loads(json_path.read_text(encoding="utf-8"))
        work = Work.from_dict(payload["work"])
        docs = list(DocBin().from_bytes(docs_path.read_bytes()).get_docs(load_spacy().vocab))
        work.cache["spacy"] = list(zip(payload["offsets"], docs, strict=True))
        return work
    stages = upstream_stages()
    stem = cache_dir / f"{_key(text)}-{'-'.join(stages)}"
    json_path, docs_path = stem.with_suffix(".json"), stem.with_suffix(".spacy")
    work = analyze(Work(text=text), stages)
    cache_dir.mkdir(parents=True, exist_ok=True)
    offsets = [offset for offset, _doc in work.cache["spacy"]]
    doc_bin = DocBin(store_user_data=False, docs=[doc for _o, doc in work.cache["spacy"]])
    docs_path.write_bytes(doc_bin.to_bytes())
    json_path.write_text(json.dumps({"work": work.to_dict(), "offsets": offsets}), encoding="utf-8")
    return work
