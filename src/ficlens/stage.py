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

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ficlens.document import Work
from ficlens.errors import FiclensError


class PipelineError(FiclensError):
    """A pipeline that cannot be built or a stage that broke its declaration."""


@dataclass(frozen=True)
class NoConfig:
    """For a stage with no tunables of its own."""


@dataclass(frozen=True, slots=True)
class Stage:
    """One pipeline stage.

    ``run(work, config)`` adds exactly the layers and tables named in ``assigns``;
    ``config`` is a frozen dataclass (``default`` unless the caller passes another).
    """

    name: str
    summary: str
    run: Callable[[Work, Any], None]
    assigns: tuple[str, ...]
    requires: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    default: Any = NoConfig()

    def __call__(self, work: Work, config: Any = None) -> None:
        self.run(work, self.default if config is None else config)
