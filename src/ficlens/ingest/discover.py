"""Turn the paths a user gives into story files to read, and failures to report."""

from __future__ import annotations

from pathlib import Path

from ficlens.ingest.decode import binary_kind
from ficlens.ingest.mobi_reader import looks_like_mobi
from ficlens.ingest.pdf_reader import looks_like_pdf
from ficlens.ingest.sniff import is_zip

STORY_SUFFIXES = frozenset({
    ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".epub", ".pdf", ".mobi",
    ".azw3", ".azw",
})
SNIFF_BYTES = 4096


# A folder's own documentation files (by name, whatever the extension), never stories.
FOLDER_DOCUMENTS = frozenset({"readme", "license", "licence", "changelog", "changes",
                              "contributing", "authors", "notice", "copying"})


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to read (folders expanded recursively) and ``(source, message)`` failures."""
    files: list[Path] = []
    failures: list[tuple[str, str]] = []
    for path in map(Path, paths):
        if str(path) == "-":
            files.append(path)  # standard input, read by ingest.read_stdin
        elif path.is_dir():
            found = list(_stories_in(path))
            if found:
                files.extend(found)
            else:
                failures.append((str(path), _empty_folder_message()))
        elif path.exists():
            files.append(path)
        else:
            failures.append((str(path), "no such file or folder"))
    return _unique(files), failures


def _empty_folder_message() -> str:
    kinds = " ".join(sorted(STORY_SUFFIXES))
    return f"folder holds no story files ({kinds}, or text files with no extension)"


def _stories_in(folder: Path):
    inside = folder.resolve()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative) or not path.is_file():
            continue
        if path.stem.casefold() in FOLDER_DOCUMENTS or not path.resolve().is_relative_to(inside):
            continue  # the folder's own notes, or a link to a file outside the folder
        suffix = path.suffix.lower()
        if suffix in STORY_SUFFIXES or (not suffix and _looks_like_story(path)):
            yield path


def _looks_like_story(path: Path) -> bool:
    """A file without an extension: text, a zip (EPUB), a PDF or a MOBI, not another binary."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    known = is_zip(head) or looks_like_pdf(head) or looks_like_mobi(head)
    return bool(head.strip()) and (known or binary_kind(head) is None)


def _unique(files: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique = []
    for path in files:
        key = path if str(path) == "-" else path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique
