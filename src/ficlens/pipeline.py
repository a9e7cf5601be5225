"""The analysis pipeline: declared stages (:class:`ficlens.stage.Stage`), checked and timed.

Building a pipeline checks every stage's ``requires`` against what earlier stages assign
(or what the Work already holds): a missing requirement pulls in the stage that assigns it,
or, with ``pull=False``, is one clear error naming the stage and the layer. Running it
times every stage; the times come back in a :class:`RunReport` (never printed), for bench
and eval to read.

Stage declarations are imported lazily, so that reading a file or printing ``--help``
does not pay for loading spaCy or a model.
"""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ficlens.document import Work
from ficlens.memory import release_free_memory
from ficlens.stage import PipelineError, Stage


@dataclass(frozen=True, slots=True)
class StageEntry:
    """Where a stage is declared: ``module:attribute`` of its :class:`Stage` object."""

    name: str
    target: str

    def load(self) -> Stage:
        module, attribute = self.target.split(":")
        stage = getattr(importlib.import_module(module), attribute)
        if stage.name != self.name:
            raise PipelineError(f"{self.target} declares stage {stage.name!r}, not {self.name!r}")
        return stage


STAGES: tuple[StageEntry, ...] = (
    StageEntry("segment", "ficlens.ingest:SEGMENT_STAGE"),
    StageEntry("nlp", "ficlens.nlp:STAGE"),
    StageEntry("characters", "ficlens.characters:STAGE"),
    StageEntry("quotes", "ficlens.quotes:STAGE"),
    StageEntry("coref", "ficlens.coref:STAGE"),
    StageEntry("portraits", "ficlens.portraits:STAGE"),
    StageEntry("pov", "ficlens.pov:STAGE"),
    StageEntry("referents", "ficlens.coref.readings:STAGE"),
    StageEntry("valence", "ficlens.valence:STAGE"),
    StageEntry("relations", "ficlens.relations:STAGE"),
    StageEntry("arc", "ficlens.arc:STAGE"),
)
STAGE_NAMES = tuple(s.name for s in STAGES)


def select(names: Iterable[str] | None = None) -> list[StageEntry]:
    """Stage entries in pipeline order; ``names`` picks a subset (``None``: all)."""
    if names is None:
        return list(STAGES)
    wanted = set(names)
    unknown = wanted - set(STAGE_NAMES)
    if unknown:
        raise PipelineError(f"unknown stage(s): {', '.join(sorted(unknown))}")
    return [s for s in STAGES if s.name in wanted]


@dataclass
class RunReport:
    """What a run did: the stages in order and the seconds each took."""

    stages: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


@dataclass(frozen=True)
class Pipeline:
    stages: tuple[Stage, ...]
    configs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(self, work: Work) -> RunReport:
        """Run every stage over ``work`` in place; each must add exactly what it assigns."""
        report = RunReport()
        with settled_layers() as settle:
            for stage in self.stages:
                settle()
                before = set(work.layers) | set(work.tables)
                start = time.perf_counter()
                stage(work, self.configs.get(stage.name))
                release_free_memory()  # the stage's scratch: the next one starts lower
                report.seconds[stage.name] = round(time.perf_counter() - start, 4)
                report.stages.append(stage.name)
                _check_assigned(stage, work, before)
        return report


# allocations between two young-generation collections during a run (CPython's default: 700)
YOUNG_GC_THRESHOLD = 10_000


@contextmanager
def settled_layers() -> Iterator[Callable[[], None]]:
    """A call that moves every object made so far (the earlier stages' layers) out of the
    garbage collector's sight until the run ends, and rarer young collections meanwhile: a
    long novel's layers hold millions of objects, and the collections during the stages
    after nlp cost about a fifth of their time on a 170k-word novel, most of it walking
    the same layers again. Refcounting still frees what is dropped; only cyclic garbage
    waits longer. A no-op when objects are already frozen (by an enclosing run, or a
    forking server), which stay as they are."""
    if gc.get_freeze_count():
        yield lambda: None
        return
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], YOUNG_GC_THRESHOLD), *thresholds[1:])
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def _check_assigned(stage: Stage, work: Work, before: set[str]) -> None:
    added = (set(work.layers) | set(work.tables)) - before
    undeclared = added - set(stage.assigns)
    missing = [name for name in stage.assigns if not work.has(name)]
    if undeclared or missing:
        raise PipelineError(
            f"stage {stage.name!r} broke its declaration: "
            f"added {sorted(undeclared) or 'nothing undeclared'}, missing {missing or 'nothing'}"
        )


def build(
    names: Iterable[str] | None = None,
    available: Iterable[str] = (),
    configs: Mapping[str, Any] | None = None,
    pull: bool = True,
) -> Pipeline:
    """The pipeline running ``names`` (all stages when ``None``) on a Work that already
    holds the layers and tables in ``available``. A requirement neither available nor
    assigned by an earlier chosen stage pulls in the stage that assigns it (``pull``), or
    is an error saying what is missing."""
    chosen = {entry.name: entry.load() for entry in select(names)}
    unknown_configs = set(configs or {}) - set(STAGE_NAMES)
    if unknown_configs:
        raise PipelineError(f"config for unknown stage(s): {', '.join(sorted(unknown_configs))}")
    have = set(available)
    while True:
        ordered = sorted(chosen.values(), key=lambda s: STAGE_NAMES.index(s.name))
        gap = _first_gap(ordered, have)
        if gap is None:
            _check_configs(ordered, configs or {})
            return Pipeline(tuple(ordered), dict(configs or {}))
        stage, requirement = gap
        producer = _producers().get(requirement)
        if producer is None or not pull or producer.name in chosen:
            raise PipelineError(_missing_message(stage, requirement, producer, chosen))
        chosen[producer.name] = producer


def _check_configs(stages: list[Stage], configs: Mapping[str, Any]) -> None:
    """Each config given is of the type of its stage's default config."""
    for stage in stages:
        config = configs.get(stage.name)
        if config is not None and not isinstance(config, type(stage.default)):
            raise PipelineError(
                f"config for stage {stage.name!r} is a {type(config).__name__}, "
                f"not a {type(stage.default).__name__}"
            )


def _first_gap(ordered: list[Stage], have: set[str]) -> tuple[Stage, str] | None:
    """The first stage requiring something neither available nor assigned before it."""
    made = set(have)
    for stage in ordered:
        for requirement in stage.requires:
            if requirement not in made:
                return stage, requirement
        made.update(stage.assigns)
    return None


def _missing_message(
    stage: Stage, requirement: str, producer: Stage | None, chosen: Mapping[str, Stage]
) -> str:
    if producer is None:
        return f"stage {stage.name!r} requires {requirement!r}, which no stage assigns"
    if producer.name in chosen:
        return (f"stage {stage.name!r} requires {requirement!r}, which stage "
                f"{producer.name!r} assigns only after it")
    return (f"stage {stage.name!r} requires {requirement!r}: add stage {producer.name!r} "
            f"(it assigns {requirement!r})")


def _producers() -> dict[str, Stage]:
    """Which stage assigns each layer or table (loads every stage's declaration)."""
    return {name: entry.load() for entry in STAGES for name in entry.load().assigns}


def run(
    work: Work, stages: Iterable[str] | None = None, configs: Mapping[str, Any] | None = None
) -> RunReport:
    """Build the pipeline for ``work`` (what it already holds counts as available), run it
    in place and return the timings."""
    available = set(work.layers) | set(work.tables)
    return build(stages, available, configs).run(work)


def analyze(
    work: Work, stages: Iterable[str] | None = None, configs: Mapping[str, Any] | None = None
) -> Work:
    """Run the pipeline over ``work`` in place and return it."""
    run(work, stages, configs)
    return work
