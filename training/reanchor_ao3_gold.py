"""Move gold offsets onto the text ficlens now reads from AO3 downloads stripped of classes.

    python training/reanchor_ao3_gold.py --mirrors /work/.mirror [--write]

Until ficlens.ingest.ao3_stripped, an AO3 HTML download whose ``id``/``class`` attributes an
archiving tool had stripped was read as generic HTML (ficlens.ingest.html_reader): preface,
tag list and stats were part of the text, and the gold of such works
(src/ficlens/eval/check_real_errors.json: entries whose ``source`` is one) was anchored to
that text. Now the AO3 reader reads them: the preface is metadata, the summary and notes are
note blocks, the story paragraphs are unchanged. The old and new texts are aligned line by
line (difflib on whole lines: the story's paragraphs are the same lines in both); an error
moves when the line holding it is unchanged, and only when the words around it (up to
``CONTEXT_WORDS`` on each side, within its paragraph) read the same at the new place. An entry is
moved only when its stored sha256 is the old text's; its errors' ``start``/``end`` change,
``sha256`` becomes the new text's and a ``reanchored`` note says why. No story text is
printed (some of these works are evaluation works): counts and offsets only.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import tempfile
from pathlib import Path

from ficlens.eval.snapshots import snapshot_file
from ficlens.ingest import read_path
from ficlens.ingest.decode import decode_bytes
from ficlens.ingest.html_blocks import parse_html
from ficlens.ingest.html_reader import read_generic_html

EVAL = Path(__file__).resolve().parents[1] / "src" / "ficlens" / "eval"
CHECK_GOLD = EVAL / "check_real_errors.json"
CONTEXT_WORDS = 5
NOTE = ("offsets and sha256 moved by training/reanchor_ao3_gold.py onto the text of "
        "ficlens.ingest.ao3_stripped (the file is an AO3 download whose classes an archiving "
        "tool stripped: its preface, tag list and stats are metadata now, no longer text; "
        "summary, notes and story paragraphs are unchanged)")
_WORD = re.compile(r"\w+")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class LineMover:
    """Old offsets to new offsets through the lines both texts share."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        old_starts, new_starts = _starts(old_lines), _starts(new_lines)
        # lines compared without their line break: the text's last line has none
        matcher = difflib.SequenceMatcher(None, [ln.rstrip("\n") for ln in old_lines],
                                          [ln.rstrip("\n") for ln in new_lines], autojunk=False)
        # (old start, old end, shift) of every line kept unchanged
        self.kept = [(old_starts[a + i], old_starts[a + i] + len(old_lines[a + i].rstrip("\n")),
                      new_starts[b + i] - old_starts[a + i])
                     for a, b, size in matcher.get_matching_blocks() for i in range(size)]

    def move(self, start: int, end: int) -> tuple[int, int] | None:
        for first, last, shift in self.kept:
            if first <= start and end <= last:
                return start + shift, end + shift
        return None

    def same_context(self, old: tuple[int, int], new: tuple[int, int]) -> bool:
        return (_words_before(self.old, old[0]) == _words_before(self.new, new[0])
                and _words_after(self.old, old[1]) == _words_after(self.new, new[1]))


def _starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _words_before(text: str, offset: int) -> list[str]:
    paragraph_start = text.rfind("\n\n", 0, offset) + 1
    return _WORD.findall(text[max(paragraph_start, offset - 200):offset])[-CONTEXT_WORDS:]


def _words_after(text: str, offset: int) -> list[str]:
    paragraph_end = text.find("\n\n", offset)
    end = len(text) if paragraph_end < 0 else paragraph_end
    return _WORD.findall(text[offset:min(end, offset + 200)])[:CONTEXT_WORDS]


def _texts(source: dict, name: str, mirrors: Path, scratch: Path) -> tuple[str, str] | None:
    """The text the generic HTML reader made of the file, and the text ficlens reads now."""
    path = snapshot_file(source, mirrors, scratch / name)
    if path is None:
        return None
    raw, _encoding = decode_bytes(path.read_bytes())
    return read_generic_html(parse_html(raw)).text, read_path(path).text


def reanchor(gold: dict, mirrors: Path, scratch: Path) -> tuple[list[str], bool]:
    part_of = {name: part for part, names in gold["split"].items() for name in names}
    lines, clean = [], True
    for name, entry in gold["works"].items():
        source = entry.get("source")
        if source is None or not name.lower().endswith((".html", ".htm")):
            continue
        texts = _texts(source, name, mirrors, scratch)
        if texts is None:
            lines.append(f"{name}: no snapshot, left as it was")
            continue
        old, new = texts
        if _sha(new) == entry["sha256"]:
            lines.append(f"{name}: text unchanged or already moved, left as it was")
            continue
        if _sha(old) != entry["sha256"]:
            lines.append(f"{name}: TEXT CHANGED (neither the old nor the new reading), left")
            clean = False
            continue
        failed = _move_errors(entry, LineMover(old, new))
        clean = clean and not failed
        lines.append(f"{name} [{part_of.get(name)}]: text {len(old)} -> {len(new)} characters, "
                     f"{len(entry['errors']) - len(failed)} of {len(entry['errors'])} errors "
                     "moved" + (f", NOT moved at old offsets {failed}" if failed else ""))
        if not failed:
            entry["sha256"] = _sha(new)
            entry["reanchored"] = NOTE
    return lines, clean


def _move_errors(entry: dict, mover: LineMover) -> list[tuple[int, int]]:
    """Move every error of ``entry`` in place; the old offsets of those that cannot be
    moved (then none is changed)."""
    moved, failed = [], []
    for error in entry["errors"]:
        old = (error["start"], error["end"])
        new = mover.move(*old)
        if new is None or not mover.same_context(old, new):
            failed.append(old)
        moved.append(new)
    if not failed:
        for error, new in zip(entry["errors"], moved, strict=True):
            error["start"], error["end"] = new
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--write", action="store_true", help="write the gold file")
    args = parser.parse_args()
    gold = json.loads(CHECK_GOLD.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as scratch:
        report, clean = reanchor(gold, args.mirrors, Path(scratch))
    print("\n".join(report))
    if args.write and clean:
        CHECK_GOLD.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n",
                              encoding="utf-8")
    elif args.write:
        raise SystemExit("not written: an entry could not be moved whole")


if __name__ == "__main__":
    main()
