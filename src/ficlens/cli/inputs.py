"""Many input files, one at a time: a bad file is reported on one line naming it, and the
rest go on; the exit code at the end says whether any failed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

import typer
from rich.progress import Progress

from ficlens.cli.output import err_console, report_error
from ficlens.errors import FiclensError

T = TypeVar("T")


@dataclass
class Outcome(Generic[T]):
    done: list[tuple[Path, T]] = field(default_factory=list)
    failed: int = 0

    @property
    def exit_code(self) -> int:
        """0 when every input worked, 1 when some failed, 2 when all did."""
        if not self.failed:
            return 0
        return 1 if self.done else 2

    def exit_if_failed(self) -> None:
        if self.failed:
            raise typer.Exit(self.exit_code)


def each_input(
    paths: list[Path], task: Callable[[Path], T], *, progress: bool = False
) -> Outcome[T]:
    """``task`` on every story file under ``paths`` (files or folders); a FiclensError from
    one file is reported with its name and the next file goes on."""
    from ficlens.ingest import discover

    files, failures = discover(paths)
    outcome: Outcome[T] = Outcome(failed=len(failures))
    for source, message in failures:
        report_error(str(source), message)
    with Progress(console=err_console, transient=True, disable=not progress) as bar:
        advance = bar.add_task("analysing", total=len(files))
        for path in files:
            try:
                outcome.done.append((path, task(path)))
            except FiclensError as exc:
                report_error(str(path), str(exc))
                outcome.failed += 1
            bar.advance(advance)
    return outcome
