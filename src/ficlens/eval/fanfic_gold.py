"""Reading the fan-fiction development set (``<stem>.gold.json`` beside each story file) and
re-anchoring its quotations on the text the current readers build.

The gold offsets were made on the text ficlens 581afa7 read for each file; every quotation
also keeps its ``text``. :func:`reanchor` puts each quotation back on a possibly different
text: first where it was (``text[start:end] == quote.text``), else at the occurrence of its
text nearest to where it is expected (just after the previous re-anchored quotation, moved
by the same distance; or at the same relative position when none was), never before the
previous one, ignoring differences of whitespace (and Markdown backslashes) inside it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ficlens.errors import InputError

NOT_SPEECH = "NOT_SPEECH"
TYPES = {"explicit": "Explicit", "anaphoric": "Anaphoric", "implicit": "Implicit"}
GENDERS = {"m": "M", "f": "F", "nonbinary": "N"}
_IGNORED = re.compile(r"[\s\\]+")


@dataclass(slots=True)
class FanficCharacter:
    id: str
    aliases: list[str]
    descriptions: list[str]
    gender: str  # M, F, N, or "" when the gold says unknown
    on_stage: bool
    group: bool = False
    name: str = ""  # the canonical name as the text writes it (the id, unless renamed)

    @property
    def names(self) -> list[str]:
        return [self.name or self.id, *self.aliases]


@dataclass(slots=True)
class FanficQuote:
    start: int
    end: int
    text: str
    speakers: list[str]  # several for a joint line; empty for NOT_SPEECH
    addressees: list[str]  # several for a line said to two people; empty when to no one
    type: str  # Explicit / Anaphoric / Implicit, "" for NOT_SPEECH

    @property
    def speech(self) -> bool:
        return bool(self.speakers)


@dataclass
class FanficGold:
    name: str
    story: Path
    person: str
    characters: list[FanficCharacter]
    quotes: list[FanficQuote]
    main_pairing: list[str] | None
    pov: list[dict] = field(default_factory=list)

    @property
    def text_length(self) -> int:
        """The length of the text the offsets were made on (the POV spans cover it)."""
        ends = [p["end"] for p in self.pov] + [q.end for q in self.quotes]
        return max(ends, default=0)


def _ids(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _character(entry: dict) -> FanficCharacter:
    return FanficCharacter(
        id=str(entry["id"]),
        aliases=[str(a) for a in entry.get("aliases") or []],
        descriptions=[str(d) for d in entry.get("descriptions") or []],
        gender=GENDERS.get(str(entry.get("gender") or "").lower(), ""),
        on_stage=entry.get("presence") == "on-stage",
        group=bool(entry.get("group")),
    )


def _quote(entry: dict) -> FanficQuote:
    speaker = entry.get("speaker")
    speakers = [] if speaker == NOT_SPEECH else _ids(speaker)
    return FanficQuote(
        start=int(entry["start"]), end=int(entry["end"]), text=str(entry["text"]),
        speakers=speakers, addressees=_ids(entry.get("addressee")) if speakers else [],
        type=TYPES.get(str(entry.get("type") or "").lower(), ""),
    )


def _story_file(gold_path: Path, named: str | None) -> Path:
    if named and (gold_path.parent / named).is_file():
        return gold_path.parent / named
    stem = gold_path.name.removesuffix(".gold.json")
    found = [p for p in gold_path.parent.glob(f"{stem}.*") if not p.name.endswith(".json")]
    if len(found) != 1:
        raise InputError(f"{gold_path}: no single story file {stem}.* beside it")
    return found[0]


def read_gold(path: Path) -> FanficGold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        story = _story_file(path, data.get("file"))
        characters = [_character(c) for c in data["characters"]]
        quotes = sorted((_quote(q) for q in data["quotes"]), key=lambda q: (q.start, q.end))
        pairing = data.get("main_pairing")
        return FanficGold(
            name=path.name.removesuffix(".gold.json"), story=story,
            person=str(data.get("person") or ""), characters=characters, quotes=quotes,
            main_pairing=[str(p) for p in pairing] if pairing else None,
            pov=[{"start": int(p["start"]), "end": int(p["end"]),
                  "pov_character": p.get("pov_character")} for p in data.get("pov") or []],
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a fan-fiction gold file ({exc})") from exc


def gold_files(data: Path) -> list[Path]:
    """The ``*.gold.json`` files under ``data`` (its part folders included), sorted."""
    if not data.is_dir():
        raise InputError(f"{data}: no such directory")
    files = sorted(data.rglob("*.gold.json"))
    if not files:
        raise InputError(f"{data}: no <stem>.gold.json files found")
    return files


class _Squeezed:
    """The text without whitespace and backslashes, with each kept character's offset."""

    def __init__(self, text: str) -> None:
        self.offsets = [i for i, c in enumerate(text) if not _IGNORED.fullmatch(c)]
        self.text = "".join(text[i] for i in self.offsets)

    def occurrences(self, needle: str) -> list[tuple[int, int]]:
        found, at = [], self.text.find(needle)
        while at >= 0 and needle:
            found.append((self.offsets[at], self.offsets[at + len(needle) - 1] + 1))
            at = self.text.find(needle, at + 1)
        return found


def reanchor(
    quotes: list[FanficQuote], old_length: int, text: str
) -> tuple[list[FanficQuote], list[FanficQuote]]:
    """The quotations moved onto ``text`` (in text order), and those that could not be."""
    squeezed: _Squeezed | None = None
    anchored: list[FanficQuote] = []
    lost: list[FanficQuote] = []
    previous: tuple[FanficQuote, int] | None = None  # (gold quote, its new start)
    for quote in quotes:
        floor = anchored[-1].end if anchored else 0
        if text[quote.start : quote.end] == quote.text and quote.start >= floor:
            moved = quote
        else:
            squeezed = squeezed or _Squeezed(text)
            candidates = [(s, e) for s, e in squeezed.occurrences(_IGNORED.sub("", quote.text))
                          if s >= floor]
            if not candidates:
                lost.append(quote)
                continue
            if previous is not None:
                expected = previous[1] + quote.start - previous[0].start
            else:
                expected = round(quote.start * len(text) / max(old_length, 1))
            start, end = min(candidates, key=lambda c: abs(c[0] - expected))
            moved = replace(quote, start=start, end=end, text=text[start:end])
        anchored.append(moved)
        previous = (quote, moved.start)
    return anchored, lost
