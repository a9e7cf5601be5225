"""What one check rule finds in a small invented story: shared by the check tests."""

from __future__ import annotations

from ficlens.check import run_checks
from ficlens.document import Work
from ficlens.pipeline import analyze


def found(text: str, rule: str) -> list[tuple[str, str | None]]:
    """(flagged text, suggestion) of each finding of ``rule``, run alone on ``text``."""
    work = analyze(Work(text=text))
    return [(text[f.start:f.end], f.suggestion) for f in run_checks(work, select=[rule])
            if f.rule == rule]
