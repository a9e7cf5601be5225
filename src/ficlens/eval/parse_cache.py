"""The one parse cache of every evaluation harness (PDNC, LitBank, seeds, characters).

The stages before ``characters`` (segmentation, spaCy) dominate the cost of an evaluation,
so their layers can be pickled per text under a cache directory (with the spaCy docs beside
them) while iterating on a later stage. Every harness works the same without a cache.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from pathlib import Path

from ficlens.document import Work
from ficlens.pipeline import build

CACHE_VERSION = 1
BASE_STAGES = ("segment", "nlp")


def _cache_file(cache_dir: Path, text: str, stages: list[str]) -> Path:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"v{CACHE_VERSION}-{'-'.join(stages)}-{digest}.pkl"


def run_stages(work: Work, names: Iterable[str]) -> dict[str, float]:
    """Run the named stages (and nothing else) over ``work``; the seconds each took."""
    available = set(work.layers) | set(work.tables)
    return build(names, available, pull=False).run(work).seconds


def base_work(
    text: str,
    cache_dir: Path | None = None,
    reuse_any: bool = False,
    with_docs: bool = False,
    seconds: dict[str, float] | None = None,
) -> tuple[Work, list[str]]:
    """A Work with the stages before characters run (segment, nlp); ``seconds`` gets the
    time of each stage that ran (none when the cache answered).

    With ``with_docs``, cached works also get back the parsed spaCy docs
    (``cache["spacy"]``); without, a stage that wants them rebuilds them, as the nlp stage's
    contract says. ``reuse_any`` accepts a cache entry made with another set of upstream
    stages (training only).
    """
    names = list(BASE_STAGES)
    path = _cache_file(cache_dir, text, names) if cache_dir else None
    if path is not None and path.exists():
        return _load(text, path, with_docs=with_docs), names
    if path is not None and reuse_any:
        digest = path.stem.rsplit("-", 1)[1]
        for other in sorted(path.parent.glob(f"v{CACHE_VERSION}-*-{digest}.pkl")):
            return _load(text, other, with_docs=False), names
    work = Work(text=text)
    timed = run_stages(work, names)
    if seconds is not None:
        seconds.update(timed)
    if path is not None:
        _store(work, path)
    return work, names


def _load(text: str, path: Path, with_docs: bool = True) -> Work:
    with path.open("rb") as fh:
        layers, tables = pickle.load(fh)
    work = Work(text=text)
    work.layers.update(layers)
    work.tables.update(tables)
    docs_path = path.with_suffix(".spacy")
    offsets_path = path.with_suffix(".offsets")
    if with_docs and docs_path.exists() and offsets_path.exists():
        from spacy.tokens import DocBin

        from ficlens.nlp.model import load_spacy

        docs = DocBin().from_bytes(docs_path.read_bytes()).get_docs(load_spacy().vocab)
        offsets = [int(x) for x in offsets_path.read_text().split()]
        work.cache["spacy"] = list(zip(offsets, docs, strict=True))
    return work


def _store(work: Work, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump((work.layers, work.tables), fh, protocol=pickle.HIGHEST_PROTOCOL)
    docs = work.cache.get("spacy")
    if docs:
        from spacy.tokens import DocBin

        doc_bin = DocBin(store_user_data=False, docs=[doc for _offset, doc in docs])
        path.with_suffix(".spacy").write_bytes(doc_bin.to_bytes())
        path.with_suffix(".offsets").write_text(" ".join(str(o) for o, _d in docs))
    tmp.replace(path)
