"""The shape every pipeline stage has: what it requires, what it assigns, its tunables.

Modelled on spaCy's components: a stage declares the layers and tables it cannot run
without (``requires``), those it reads when an earlier stage made them (``reads``) and
those it adds (``assigns``), and carries a frozen config dataclass holding its tunables.
The pipeline (:mod:`ficlens.pipeline`) checks the declarations when it is built and
enforces ``assigns`` after each run. Stages talk only through layers and tables.

This module sits below every stage package, so each can declare itself without importing
the pipeline that runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ficlens.document import Work
from ficlens.errors import FiclensError


class PipelineError(FiclensError):
    """A pipeline that cannot be built or a stage that broke its declaration."""


C = TypeVar("C")


class Tunables(Generic[C]):
    """A stage's config for the run under way, read where a tunable is used.

    A stage whose tunables are read deep in its modules (segment, nlp, characters, quotes)
    declares one ``Tunables`` beside its config dataclass; :class:`Stage` sets it for the
    length of each run, and a module reads ``tunables().name`` at the line that uses the
    value instead of a module constant. The value lives in a ``ContextVar``, so two runs in
    one process (threads, the web app's workers) each see their own config; outside a run,
    and when a helper is called on its own, it is the default.
    """

    def __init__(self, name: str, default: C) -> None:
        self.default = default
        self._current: ContextVar[C] = ContextVar(f"{name}_config", default=default)

    def __call__(self) -> C:
        return self._current.get()

    @contextmanager
    def using(self, config: C) -> Iterator[C]:
        token = self._current.set(config)
        try:
            yield config
        finally:
            self._current.reset(token)


@dataclass(frozen=True)
class NoConfig:
    """For a stage with no tunables of its own."""


@dataclass(frozen=True, slots=True)
class Stage:
    """One pipeline stage.

    ``run(work, config)`` adds exactly the layers and tables named in ``assigns``;
    ``config`` is a frozen dataclass (``default`` unless the caller passes another).
    A stage with ``tunables`` has the config set there while it runs.
    """

    name: str
    summary: str
    run: Callable[[Work, Any], None]
    assigns: tuple[str, ...]
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    default: Any = NoConfig()
    tunables: Tunables | None = None

    def __call__(self, work: Work, config: Any = None) -> None:
        config = self.default if config is None else config
        if self.tunables is None:
            self.run(work, config)
            return
        with self.tunables.using(config):
            self.run(work, config)
