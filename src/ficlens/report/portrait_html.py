"""The HTML report's portrait cards: per main character, what they do, what is done to them,
how they are described and what they have, each word with the lines that show it.

Story text is untrusted: every word and line goes through ``html.escape``.
"""

from __future__ import annotations

import re
from html import escape

from ficlens.document import Work
from ficlens.report import portraits as portraits_mod
from ficlens.report.facts import Character, Facts
from ficlens.report.html_parts import missing, section

CARDS = 6
WORDS_PER_ROLE = 6
LINES_PER_WORD = 2
LINE_CHARACTERS = 160


def portrait_section(work: Work, facts: Facts) -> str:
    if not work.has("portraits"):
        body = missing("portraits", "portraits")
    else:
        found = portraits_mod.portraits(work)
        main = [c for c in facts.characters if c.id in found][:CARDS]
        sentences = portraits_mod.Sentences(work)
        cards = "".join(portrait_card(work, c, found[c.id], sentences) for c in main)
        body = (f'<div class="portraits">{cards}</div>' if cards
                else '<p class="missing">No character is the subject, object or owner of '
                     "anything the parse could read.</p>")
    return section("portraits", "Portraits", body,
                   "what each main character does, undergoes, is and has")


def portrait_card(work: Work, character: Character, portrait: portraits_mod.Portrait,
                  sentences: portraits_mod.Sentences) -> str:
    rows = []
    for role in portraits_mod.ROLES:
        top = portrait.top(role, WORDS_PER_ROLE)
        if not top:
            continue
        words = "".join(word_chip(work, portrait, role, word, count, sentences)
                        for word, count in top)
        rows.append(f"<dt>{escape(portraits_mod.ROLE_TITLES[role])}</dt><dd>{words}</dd>")
    return (
        f'<article class="card portrait" data-char="{escape(character.id)}" '
        f'style="--c:{character.colour}"><h3><span class="swatch"></span>'
        f"{escape(character.name)}</h3><dl>{''.join(rows)}</dl></article>"
    )


def word_chip(work: Work, portrait: portraits_mod.Portrait, role: str, word: str, count: int,
              sentences: portraits_mod.Sentences) -> str:
    lines = []
    for span in portrait.examples(role, word, LINES_PER_WORD):
        start, end = sentences.around(span)
        lines.append(excerpt(work.text, start, end, span.start, span.end))
    shown = "".join(f"<li>{line}</li>" for line in lines)
    times = f" <small>×{count}</small>" if count > 1 else ""
    return (f'<details class="pw"><summary>{escape(word)}{times}</summary>'
            f"<ul>{shown}</ul></details>")


def excerpt(text: str, start: int, end: int, word_start: int, word_end: int) -> str:
    """The line, the word marked, cut to a readable length around the word."""
    if end - start > LINE_CHARACTERS:
        start = max(start, word_start - LINE_CHARACTERS // 2)
        end = min(end, start + LINE_CHARACTERS)
    before = re.sub(r"\s+", " ", text[start:word_start]).lstrip()
    after = re.sub(r"\s+", " ", text[word_end:end]).rstrip()
    return f"{escape(before)}<mark>{escape(text[word_start:word_end])}</mark>{escape(after)}"
