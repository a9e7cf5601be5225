"""Small HTML pieces every report section uses; story text always goes through ``e``."""

from __future__ import annotations

from html import escape


def e(value: object) -> str:
    return escape(str(value), quote=True)


def section(key: str, title: str, content: str, note: str = "") -> str:
    small = f"<small>{e(note)}</small>" if note else ""
    return f'<section id="{key}"><h2>{title}{small}</h2>{content}</section>'


def missing(what: str, stage: str) -> str:
    return f'<p class="missing">No {what} yet: the <code>{stage}</code> stage has not run.</p>'
