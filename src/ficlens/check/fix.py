"""``ficlens check --fix``: the story with every safe suggestion applied, as a new text."""

from __future__ import annotations

from ficlens.check.findings import Finding


def safe_fixes(findings: list[Finding]) -> list[Finding]:
    """The findings ``--fix`` applies: marked safe, with a suggestion, none overlapping."""
    chosen: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if not finding.safe or finding.suggestion is None:
            continue
        if chosen and finding.start < chosen[-1].end:
            continue
        chosen.append(finding)
    return chosen


def apply_fixes(text: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """The corrected text and the findings applied to it (the input text is not changed)."""
    applied = safe_fixes(findings)
    pieces, position = [], 0
    for finding in applied:
        pieces.append(text[position : finding.start])
        pieces.append(finding.suggestion or "")
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces), applied
