"""The check findings as a page: the story with each finding highlighted, and a list."""

from __future__ import annotations

from html import escape

from ficlens.check.findings import Finding, Rule
from ficlens.document import Work

COLOURS = {"error": "#fecaca", "warning": "#fde68a", "suggestion": "#bfdbfe"}
STYLE = """
body{font:17px/1.6 Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1f2430}
mark{border-radius:3px;padding:0 1px;cursor:help} p{white-space:pre-wrap}
li{margin:.4rem 0;font:15px/1.4 system-ui,sans-serif} code{font-size:13px;color:#6b7280}
"""


def render_html(work: Work, findings: list[Finding], rules: dict[str, Rule]) -> str:
    """One self-contained page; all story text escaped."""
    body, position = [], 0
    for number, finding in enumerate(_non_overlapping(findings), 1):
        body.append(escape(work.text[position : finding.start]))
        hint = f" → {finding.suggestion}" if finding.suggestion else ""
        title = escape(f"{finding.rule}: {finding.message}{hint}", quote=True)
        colour = COLOURS.get(finding.severity, "#e5e7eb")
        body.append(f'<mark id="f{number}" style="background:{colour}" title="{title}">'
                    f"{escape(work.text[finding.start:finding.end])}</mark>")
        position = finding.end
    body.append(escape(work.text[position:]))
    items = "".join(
        f"<li><code>{escape(f.rule)}</code> {escape(f.message)}"
        + (f" → <b>{escape(f.suggestion)}</b>" if f.suggestion else "") + "</li>"
        for f in findings
    )
    title = escape(work.metadata.title or "Beta read")
    return (f"<!doctype html><html lang=en><meta charset=utf-8><title>{title}</title>"
            f"<style>{STYLE}</style><h1>{title}</h1><p>{len(findings)} findings</p><ol>{items}"
            f"</ol><hr><p>{''.join(body)}</p></html>")


def _non_overlapping(findings: list[Finding]) -> list[Finding]:
    kept, end = [], -1
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.start >= end:
            kept.append(finding)
            end = finding.end
    return kept
