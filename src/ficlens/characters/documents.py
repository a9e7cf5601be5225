"""Letters, text messages and chat logs inside a story, and who wrote them.

Fan fiction carries writing that is neither narration nor quoted speech: a chat log of
unquoted ``ScreenName: message`` lines, an exchange of text messages, a letter that opens
with "Dear Anna," and closes with "Love, / Tom". The quote layer does not see them (they
carry no quotation marks, or the whole letter is one "quotation"), so this module marks them
as a stand-off layer of its own and says who wrote each message where the text says who:

* a screen name that is a character's name, or that the text glosses ("Sera (NeedzBeez) has
  signed in."), or, for the first message, a character the lead-in says sent it ("Bull sent
  her a private message.");
* a letter's signature under a valediction ("Love," / "Tom", or "— Tom") and the name its
  salutation addresses.

Layer ``documents``: one span per message (a chat or text line's message, a whole letter);
attrs ``kind`` (``chat`` / ``text`` / ``letter``), ``document`` (the number of the log or
letter it belongs to), ``writer`` and ``addressee`` (character ids or null),
``writer_name`` and ``addressee_name`` (as the text writes them, or null).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ficlens.characters.config import tunables
from ficlens.characters.narrator import VALEDICTION
from ficlens.document import Span

# A chat line: a screen name (one word, or a bracketed name) then a colon and the message.
_CHAT_LINE = re.compile(r"[ \t]*\[?(?P<handle>[A-Za-z][\w.'’-]{0,29})\]?[ \t]*:[ \t]+"
                        r"(?P<message>\S[^\n]*?)[ \t]*$", re.MULTILINE)
# "Sera (NeedzBeez) has signed in.": a name glossing a screen name.
_GLOSS = re.compile(r"\b(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)[ \t]+\((?P<handle>"
                    r"[A-Za-z][\w.'’-]{0,29})\)")
_SENDS = re.compile(r"\b(?:sent|sends|messaged|messages|texted|texts|typed|types|wrote|"
                    r"writes|pinged|pings|replied|replies)\b")
_TEXTING = re.compile(r"\b(?:text(?:s|ed|ing)?|phone|SMS|cell|mobile)\b", re.IGNORECASE)
_SALUTATION = re.compile(r"[ \t]*(?:[Mm]y )?(?:Dear(?:est)?|To|Hi|Hello|Hey)[ \t]+"
                         r"(?P<name>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’-]+){0,2})[ \t]*[,:!—-]"
                         r"?[ \t]*$")
_SIGNATURE = re.compile(r"[ \t]*(?:(?:--|[—–~-])[ \t]*)?(?P<name>[A-Z][\w'’-]*(?:[ \t]+"
                        r"[A-Z][\w'’-]+){0,2})[ \t]*\.?[ \t]*$")
_DASHED = re.compile(r"[ \t]*(?:--|[—–~])[ \t]*[A-Z]")
# Metadata lines ("Rating: Mature", "Chapter 3: ...") look like chat lines: no such word
# opens a chat log's line.
_NOT_HANDLES = frozenset({
    "Rating", "Warning", "Warnings", "Category", "Fandom", "Fandoms", "Relationship",
    "Relationships", "Characters", "Character", "Tags", "Summary", "Notes", "Note", "Chapter",
    "Chapters", "Words", "Published", "Updated", "Completed", "Status", "Language", "Series",
    "Title", "Author", "Stats", "Kudos", "Comments", "Bookmarks", "Hits", "Disclaimer",
    "Pairing", "Pairings", "Genre", "Genres", "Edit", "Update", "PS", "P.S", "Date", "Time",
    "Location", "Subject", "From", "To", "Re", "Cc", "Source", "Prompt", "Beta", "Day",
})
# An e-mail's or memo's header: "From: Captain James Kirk" then "To: Ambassador Spock".
_FROM = re.compile(r"[ \t]*\**From\**:\**[ \t]*(?P<name>\S[^\n]{0,60}?)[ \t]*$")
_TO = re.compile(r"[ \t]*\**To\**:\**[ \t]*(?P<name>\S[^\n]{0,60}?)[ \t]*$")
_BREAK_LINE = re.compile(r"[^\w\n]*$")  # "* * *", "---": no word at all


@dataclass(frozen=True)
class Line:
    start: int
    end: int


def _lines(text: str, skip: Sequence[tuple[int, int]]) -> list[Line]:
    """The non-blank lines of the text outside ``skip``, stripped."""
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        s, e = match.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e and not any(a <= s < b for a, b in skip):
            lines.append(Line(s, e))
    return lines


def find_documents(text: str, skip: Sequence[tuple[int, int]],
                   character_of: Callable[[str], str | None],
                   speaker_at: Callable[[int, int], str | None] = lambda s, e: None) -> list[Span]:
    """The ``documents`` spans of ``text``.

    ``character_of(name)``: the id of the character a name or screen name belongs to, or
    None; ``speaker_at(start, end)``: the character the narration between two offsets
    names as the subject of a sending verb, or None (the lead-in of a chat log)."""
    lines = _lines(text, skip)
    spans: list[Span] = []
    glosses = {m["handle"]: m["name"] for m in _GLOSS.finditer(text)}
    for run in _chat_runs(text, lines):
        spans.extend(_chat_spans(text, run, len({s["document"] for s in spans}), glosses,
                                 character_of, speaker_at))
    chat_lines = {(s.start, s.end) for s in spans}
    for letter in [*_letters(text, lines), *_headed_letters(text, lines)]:
        if any(letter[0] <= s < letter[1] for s, _e in chat_lines):
            continue
        spans.append(_letter_span(text, letter, len({s["document"] for s in spans}),
                                  character_of))
    return sorted(spans, key=lambda s: s.start)


def document_spans(text: str, skip: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where letters, chat logs and text exchanges are, writers aside: each chat log as one
    stretch from its first line to its last."""
    lines = _lines(text, skip)
    spans = [(run[0].start(), run[-1].end()) for run in _chat_runs(text, lines)]
    spans += [(start, end) for start, end, _to, _by in _letters(text, lines)]
    spans += [(start, end) for start, end, _to, _by in _headed_letters(text, lines)]
    return spans


def letter_writers(text: str, skip: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, writer's name as signed) of each letter, e-mail or memo."""
    lines = _lines(text, skip)
    return [(start, end, writer) for start, end, _to, writer in
            [*_letters(text, lines), *_headed_letters(text, lines)]]


# -- chat logs and text messages --------------------------------------------------------------


def _chat_match(text: str, line: Line) -> re.Match | None:
    match = _CHAT_LINE.match(text, line.start, line.end)
    if match is None or match["handle"].rstrip(".") in _NOT_HANDLES:
        return None
    return match if match.end() == line.end else None


def _chat_runs(text: str, lines: list[Line]) -> list[list[re.Match]]:
    """Runs of consecutive chat lines, at least MIN_CHAT_LINES long, in which some screen
    name writes twice (a list of "Label: value" fields names each label once)."""
    runs: list[list[re.Match]] = []
    current: list[re.Match] = []
    for line in [*lines, None]:
        match = _chat_match(text, line) if line is not None else None
        if match is not None:
            current.append(match)
            continue
        handles = [m["handle"] for m in current]
        if len(current) >= tunables().min_chat_lines and len(set(handles)) < len(handles):
            runs.append(current)
        current = []
    return runs


def _chat_spans(text: str, run: list[re.Match], number: int, glosses: dict[str, str],
                character_of: Callable[[str], str | None],
                speaker_at: Callable[[int, int], str | None]) -> list[Span]:
    handles = list(dict.fromkeys(m["handle"] for m in run))
    writers = {h: character_of(glosses.get(h, h)) for h in handles}
    lead_start = max(0, text.rfind("\n\n", 0, max(0, run[0].start() - 2)))
    lead = text[lead_start : run[0].start()]
    if writers[handles[0]] is None and _SENDS.search(lead):
        writers[handles[0]] = speaker_at(lead_start, run[0].start())
    kind = "text" if _TEXTING.search(lead) else "chat"
    spans = []
    for match in run:
        handle = match["handle"]
        others = [h for h in handles if h != handle]
        addressee = others[0] if len(others) == 1 else None
        spans.append(Span(match.start("message"), match.end("message"), {
            "kind": kind, "document": number,
            "writer": writers[handle], "writer_name": handle,
            "addressee": writers.get(addressee) if addressee else None,
            "addressee_name": addressee,
        }))
    return spans


# -- letters -------------------------------------------------------------------------------


def _letters(text: str, lines: list[Line]) -> list[tuple[int, int, str, str]]:
    """(start, end, addressed name, signature) of each letter: a salutation line, then
    within MAX_LETTER_LINES lines a signature, dashed or under a valediction."""
    letters = []
    k = 0
    while k < len(lines):
        salutation = _SALUTATION.match(text, lines[k].start, lines[k].end)
        if salutation is None or salutation.end() != lines[k].end:
            k += 1
            continue
        end = _signature_line(text, lines, k + 2, min(len(lines), k + tunables().max_letter_lines))
        if end is None:
            k += 1
            continue
        signature = _SIGNATURE.match(text, lines[end].start, lines[end].end)
        letters.append((lines[k].start, lines[end].end, salutation["name"], signature["name"]))
        k = end + 1
    return letters


def _headed_letters(text: str, lines: list[Line]) -> list[tuple[int, int, str, str]]:
    """(start, end, addressed name, writer) of each e-mail or memo: a "From:" line with a
    "To:" line just after, up to the next header, scene break or the end."""
    letters = []
    for k, line in enumerate(lines):
        sender = _FROM.match(text, line.start, line.end)
        if sender is None:
            continue
        to = next((m for j in range(k + 1, min(len(lines), k + 1 + tunables().header_reach))
                   if (m := _TO.match(text, lines[j].start, lines[j].end))), None)
        if to is None:
            continue
        last = k
        for j in range(k + 1, len(lines)):
            if _FROM.match(text, lines[j].start, lines[j].end) or _BREAK_LINE.match(
                    text, lines[j].start, lines[j].end):
                break
            last = j
        letters.append((line.start, lines[last].end, to["name"], sender["name"]))
    return letters


def _signature_line(text: str, lines: list[Line], first: int, last: int) -> int | None:
    for j in range(first, last):
        line = lines[j]
        signature = _SIGNATURE.match(text, line.start, line.end)
        if signature is None or signature.end() != line.end:
            continue
        if _DASHED.match(text, line.start, line.end) or VALEDICTION.match(
                text, lines[j - 1].start, lines[j - 1].end):
            return j
    return None


def _letter_span(text: str, letter: tuple[int, int, str, str], number: int,
                 character_of: Callable[[str], str | None]) -> Span:
    start, end, addressed, signed = letter
    return Span(start, end, {
        "kind": "letter", "document": number,
        "writer": character_of(signed), "writer_name": signed,
        "addressee": character_of(addressed), "addressee_name": addressed,
    })


# -- the layer ---------------------------------------------------------------------------------


def add_documents(work, view, skip: Sequence[tuple[int, int]]) -> None:
    """Add the ``documents`` layer to ``work`` from its ``characters`` table and
    ``mentions`` layer (the characters stage has just written them); ``view``: its
    TextView (token dependencies give the subject of a chat log's lead-in)."""
    owners: dict[str, set[str]] = {}
    for row in work.tables.get("characters", []):
        for name in [row.get("name") or "", *(row.get("aliases") or [])]:
            owners.setdefault(name.lower(), set()).add(row["id"])

    def character_of(name: str) -> str | None:
        found = owners.get(name.lower()) or owners.get(name.split()[0].lower(), set())
        return next(iter(found)) if len(found) == 1 else None

    mentions = work.layer("mentions")

    def speaker_at(start: int, end: int) -> str | None:
        subjects = [m["character"] for m in mentions if start <= m.start < end and any(
            view.tokens[i]["dep"] in ("nsubj", "nsubjpass")
            for i in view.token_range(m.start, m.end))]
        return subjects[-1] if subjects else None

    work.add_layer("documents", find_documents(work.text, skip, character_of, speaker_at))
