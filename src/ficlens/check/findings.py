"""A finding: what a beta reader would flag, where, why, and what to write instead."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SEVERITIES = ("error", "warning", "suggestion")


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    category: str
    severity: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    safe: bool = False  # the suggestion can be applied without a person's judgement (--fix)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    severity: str
    description: str
    default: bool = True  # style rules are off unless selected
