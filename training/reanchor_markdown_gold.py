"""Move gold offsets onto the text ficlens now reads from Markdown files without front matter.

    python training/reanchor_markdown_gold.py --mirrors /work/.mirror [--write]

Until the plain-Markdown reader (ficlens.ingest.markdown_plain), a ``.md`` file without
front matter was read as plain text, escapes and emphasis markers included, and the gold
sets of public repository works (src/ficlens/eval/check_real_errors.json: entries with a
``source``; src/ficlens/eval/coref_fanfic_gold.json) were anchored to that text. The new
text is the old one with markup characters taken out, so every offset moves by the number
of characters taken out before it (``markdown_plain.kept_offsets``). An entry is moved only
when its stored sha256 is the old text's; its ``start``/``end`` (and the coref stretch)
change, ``sha256`` becomes the new text's and (check gold only) a ``reanchored`` note says
why. Spans that
held a markup character are listed (texts shown only for the tuning parts of the check
gold; held-apart works are reported by count and offset alone). Nothing else is touched.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from bisect import bisect_left
from pathlib import Path

from ficlens.eval.snapshots import snapshot_file
from ficlens.ingest import read_path
from ficlens.ingest.decode import decode_bytes
from ficlens.ingest.markdown_plain import MARKDOWN_SUFFIXES, kept_offsets

EVAL = Path(__file__).resolve().parents[1] / "src" / "ficlens" / "eval"
CHECK_GOLD = EVAL / "check_real_errors.json"
COREF_GOLD = EVAL / "coref_fanfic_gold.json"
TUNING_PARTS = {"tune", "tune_new", "fresh_authors"}
NOTE = ("offsets and sha256 moved by training/reanchor_markdown_gold.py onto the text of "
        "ficlens.ingest.markdown_plain (the file is Markdown without front matter: its "
        "escapes, emphasis markers and heading marks are no longer in the text)")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Mover:
    """Old (raw file) offsets to new (reader text) offsets for one work."""

    def __init__(self, raw: str, new: str) -> None:
        self.raw, self.new = raw, new
        self.kept = kept_offsets(raw)
        if "".join(raw[k] for k in self.kept) != new:
            raise SystemExit("the reader's text is not the raw text minus its markup")

    def move(self, start: int, end: int) -> tuple[int, int]:
        return bisect_left(self.kept, start), bisect_left(self.kept, end)

    def held_markup(self, start: int, end: int) -> bool:
        new_start, new_end = self.move(start, end)
        return new_end - new_start != end - start


def _state(raw: str, new: str, entry: dict) -> str:
    if raw == new:
        return "no markup, text unchanged"
    return "already moved" if _sha(new) == entry["sha256"] else "TEXT CHANGED"


def _texts(source: dict, name: str, mirrors: Path, scratch: Path) -> tuple[str, str] | None:
    path = snapshot_file(source, mirrors, scratch / name)
    if path is None:
        return None
    raw, _encoding = decode_bytes(path.read_bytes())
    return raw, read_path(path).text


def _to_move(entry: dict, source: dict, name: str, mirrors: Path, scratch: Path,
             lines: list[str]) -> tuple[str, str] | None:
    """The raw and newly read texts of an entry whose offsets still point into the raw
    text, or None (with the reason in ``lines``)."""
    texts = _texts(source, name, mirrors, scratch)
    if texts is None:
        lines.append(f"{name}: no snapshot, left as it was")
        return None
    raw, new = texts
    if raw == new or _sha(raw) != entry["sha256"]:
        lines.append(f"{name}: {_state(raw, new, entry)}, left as it was")
        return None
    return raw, new


def reanchor_check(gold: dict, mirrors: Path, scratch: Path) -> list[str]:
    part_of = {name: part for part, names in gold["split"].items() for name in names}
    lines = []
    for name, entry in gold["works"].items():
        if "source" not in entry or Path(name).suffix.lower() not in MARKDOWN_SUFFIXES:
            continue
        texts = _to_move(entry, entry["source"], name, mirrors, scratch, lines)
        if texts is None:
            continue
        raw, new = texts
        mover = Mover(raw, new)
        tuning = part_of.get(name) in TUNING_PARTS
        held = []
        for error in entry["errors"]:
            old = (error["start"], error["end"])
            error["start"], error["end"] = mover.move(*old)
            if mover.held_markup(*old):
                shown = (f" {raw[old[0]:old[1]]!r} -> {new[error['start']:error['end']]!r}"
                         f" ({error['category']})" if tuning else "")
                held.append(f"    {old} -> ({error['start']}, {error['end']}){shown}")
        entry["sha256"] = _sha(new)
        entry["reanchored"] = NOTE
        lines.append(f"{name} [{part_of.get(name)}]: {len(raw) - len(new)} markup characters "
                     f"out, {len(entry['errors'])} errors moved, {len(held)} held markup")
        lines.extend(held)
    return lines


def reanchor_coref(gold: dict, mirrors: Path, scratch: Path) -> list[str]:
    lines = []
    for name, entry in gold["works"].items():
        source = entry["source"]
        file_name = Path(source["path"]).name
        if Path(file_name).suffix.lower() not in MARKDOWN_SUFFIXES:
            continue
        texts = _to_move(entry, source, file_name, mirrors, scratch, lines)
        if texts is None:
            continue
        raw, new = texts
        mover = Mover(raw, new)
        stretch = entry["stretch"]
        stretch["start"], stretch["end"] = mover.move(stretch["start"], stretch["end"])
        held = 0
        for pronoun in entry["pronouns"]:
            old = (pronoun["start"], pronoun["end"])
            pronoun["start"], pronoun["end"] = mover.move(*old)
            if new[pronoun["start"]:pronoun["end"]].lower() != pronoun["pronoun"].lower():
                raise SystemExit(f"{name}: the pronoun at {old} does not land on itself")
            held += mover.held_markup(*old)
        entry["sha256"] = _sha(new)  # no note: the gold's entries hold only their fields
        lines.append(f"{name} [{entry['split']}]: {len(raw) - len(new)} markup characters out, "
                     f"{len(entry['pronouns'])} pronouns moved ({held} held markup), stretch "
                     f"{stretch['start']}-{stretch['end']}")
    return lines


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--write", action="store_true", help="write the gold files")
    args = parser.parse_args()
    check, coref = (json.loads(p.read_text(encoding="utf-8")) for p in (CHECK_GOLD, COREF_GOLD))
    with tempfile.TemporaryDirectory() as scratch:
        report = ["check_real_errors.json:", *reanchor_check(check, args.mirrors, Path(scratch)),
                  "coref_fanfic_gold.json:", *reanchor_coref(coref, args.mirrors, Path(scratch))]
    print("\n".join(report))
    if args.write:
        _write(CHECK_GOLD, check)
        _write(COREF_GOLD, coref)


if __name__ == "__main__":
    main()
