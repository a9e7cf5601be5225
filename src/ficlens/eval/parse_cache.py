"""The one parse cache of every evaluation harness (PDNC, LitBank, seeds, characters).

The stages before ``characters`` (segmentation, spaCy) dominate the cost of an evaluation,
so their layers can be pickled per text under a cache directory while iterating on a later
stage. Every harness works the same without a cache. The layers are the whole result: no
stage reads spaCy's Docs, so none are stored (older caches may hold ``.spacy`` files beside
their layers; they are ignored).
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
    seconds: dict[str, float] | None = None,
) -> tuple[Work, list[str]]:
    """A Work with the stages before characters run (segment, nlp); ``seconds`` gets the
    time of each stage that ran (none when the cache answered). ``reuse_any`` accepts a
    cache entry made with another set of upstream stages (training only).
    """
    names = list(BASE_STAGES)
    path = _cache_file(cache_dir, text, names) if cache_dir else None
    if path is not None and path.exists():
        return _load(text, path), names
    if path is not None and reuse_any:
        digest = path.stem.rsplit("-", 1)[1]
        for other in sorted(path.parent.glob(f"v{CACHE_VERSION}-*-{digest}.pkl")):
            return _load(text, other), names
    work = Work(text=text)
    timed = run_stages(work, names)
    if seconds is not None:
        seconds.update(timed)
    if path is not None:
        _store(work, path)
    return work, names


def _load(text: str, path: Path) -> Work:
    with path.open("rb") as fh:
        layers, tables = pickle.load(fh)
    work = Work(text=text)
    work.layers.update(layers)
    work.tables.update(tables)
    return work


def _store(work: Work, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump((work.layers, work.tables), fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
