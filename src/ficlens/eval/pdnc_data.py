"""Reading one PDNC novel folder: text, gold quotations and the character list."""

from __future__ import annotations

import ast
import csv
from dataclasses import dataclass
from pathlib import Path

from ficlens.errors import InputError

REQUIRED_FILES = ("novel_text.txt", "quotation_info.csv", "character_info.csv")


@dataclass(slots=True)
class GoldCharacter:
    id: int
    name: str
    aliases: list[str]
    gender: str  # M, F, U or X as annotated
    category: str

    @property
    def names(self) -> set[str]:
        return {self.name.strip(), *(a.strip() for a in self.aliases)}


@dataclass(slots=True)
class GoldQuote:
    id: str
    spans: list[tuple[int, int]]
    speaker: int | None  # gold character id
    addressees: list[int]
    type: str  # Explicit / Anaphoric / Implicit / "" when not annotated


@dataclass(slots=True)
class Novel:
    name: str
    text: str
    characters: list[GoldCharacter]
    quotes: list[GoldQuote]

    @property
    def words(self) -> int:
        return len(self.text.split())


def _literal(cell: str):
    cell = (cell or "").strip()
    if not cell or cell == "nan":
        return []
    value = ast.literal_eval(cell)
    return list(value) if isinstance(value, set | tuple) else value


def read_characters(path: Path) -> list[GoldCharacter]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            GoldCharacter(
                id=int(row["Character ID"]),
                name=row["Main Name"].strip(),
                aliases=sorted(a.strip() for a in _literal(row["Aliases"]) if a.strip()),
                gender=(row.get("Gender") or "U").strip(),
                category=(row.get("Category") or "").strip(),
            )
            for row in csv.DictReader(fh)
        ]


def read_quotes(path: Path, characters: list[GoldCharacter]) -> list[GoldQuote]:
    by_name: dict[str, int] = {}
    for char in characters:
        for name in char.names:
            by_name.setdefault(name, char.id)
    quotes = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            spans = [(int(s), int(e)) for s, e in _literal(row["quoteByteSpans"])]
            qtype = (row.get("quoteType") or "").strip()
            quotes.append(
                GoldQuote(
                    id=row["quoteID"],
                    spans=spans,
                    speaker=by_name.get(row["speaker"].strip()),
                    addressees=[
                        by_name[a.strip()] for a in _literal(row["addressees"])
                        if a.strip() in by_name
                    ],
                    type=qtype if qtype in ("Explicit", "Anaphoric", "Implicit") else "",
                )
            )
    return quotes


def read_novel(folder: Path) -> Novel:
    missing = [f for f in REQUIRED_FILES if not (folder / f).is_file()]
    if missing:
        raise InputError(f"{folder}: not a PDNC novel folder (missing {', '.join(missing)})")
    characters = read_characters(folder / "character_info.csv")
    text = (folder / "novel_text.txt").read_text(encoding="utf-8")
    quotes = read_quotes(folder / "quotation_info.csv", characters)
    return Novel(folder.name, text, characters, quotes)


def novel_folders(data: Path, names: list[str] | None = None) -> list[Path]:
    """The novel folders under ``data`` (or ``data/data``), optionally only those named."""
    if not data.is_dir():
        raise InputError(f"{data}: no such directory")
    root = data / "data" if (data / "data").is_dir() and not (data / REQUIRED_FILES[0]).exists() \
        else data
    folders = sorted(p for p in root.iterdir() if (p / REQUIRED_FILES[0]).is_file())
    if (data / REQUIRED_FILES[0]).is_file():
        folders = [data]
    if names:
        known = {p.name: p for p in folders}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise InputError(f"unknown novel(s) in {root}: {', '.join(unknown)}")
        folders = [known[n] for n in names]
    if not folders:
        raise InputError(f"{data}: no PDNC novel folders (<Novel>/novel_text.txt) found")
    return folders
