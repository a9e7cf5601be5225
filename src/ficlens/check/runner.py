"""Running the checks: every rule module, filtered by --select / --ignore."""

from __future__ import annotations

from collections.abc import Iterable

from ficlens.check import (
    agreement,
    capitals,
    compounds,
    confusables,
    dialogue,
    grammar,
    names,
    phrases,
    pov,
    pronouns,
    punctuation,
    slips,
    speakers,
    spelling,
    style,
    tense,
    usage,
    words,
)
from ficlens.check.context import CheckContext
from ficlens.check.findings import SEVERITIES, Finding, Rule
from ficlens.document import Work

CHECKERS = (dialogue, punctuation, spelling, capitals, words, agreement, compounds, confusables,
            phrases, usage, pronouns, names, pov, tense, speakers, style, slips, grammar)
RULES: dict[str, Rule] = {rule.id: rule for module in CHECKERS for rule in module.RULES}


def unknown_rules(names: Iterable[str]) -> list[str]:
    """The names that are neither a rule id nor a category."""
    categories = {rule.category for rule in RULES.values()}
    return [name for name in names if name not in RULES and name not in categories]


def _wanted(rule: Rule, select: set[str], ignore: set[str]) -> bool:
    def named(names: set[str]) -> bool:
        return rule.id in names or rule.category in names

    if named(ignore):
        return False
    return named(select) if select else rule.default


def run_checks(
    work: Work,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    related: Iterable[Work] = (),
) -> list[Finding]:
    """Findings for ``work`` (already analysed), sorted by position.

    ``select`` and ``ignore`` take rule ids (``dialogue.capitalised-tag``) or categories
    (``style``); with no ``select``, every rule that is on by default runs. ``related`` are
    the other parts of a series, read for name spellings.
    """
    select, ignore = set(select), set(ignore)
    ctx = CheckContext(work, tuple(w for w in related if w is not work))
    findings = []
    for module in CHECKERS:
        if any(_wanted(rule, select, ignore) for rule in module.RULES):
            findings.extend(f for f in module.check(ctx)
                            if _wanted(RULES[f.rule], select, ignore))
    return _one_per_fix(sorted(set(findings), key=lambda f: (f.start, f.end, not f.safe, f.rule)))


def _one_per_fix(findings: list[Finding]) -> list[Finding]:
    """One finding per stretch of text: two rules marking the same words ("He rest": a tense
    slip and an agreement slip) are one mark for the writer; the one with a fix is kept."""
    best: dict[tuple[int, int], Finding] = {}
    for finding in findings:
        key = (finding.start, finding.end)
        kept = best.get(key)
        if kept is None or _rank(finding) < _rank(kept):
            best[key] = finding
    return sorted(best.values(), key=lambda f: (f.start, f.end, f.rule))


def _rank(finding: Finding) -> tuple[bool, bool, int]:
    return (not finding.safe, finding.suggestion is None, SEVERITIES.index(finding.severity))
