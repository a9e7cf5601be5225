"""Plain text: encodings decoded right, the text kept exactly, mojibake repaired only in
the separate normalised view, folders expanded by discover()."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ficlens.errors import InputError
from ficlens.ingest import discover, normalized_view, read_bytes, read_path

STORY = (
    "“Lucas?” Peyton said. “It’s late — the café closed an hour ago.”\r\n"
    "\r\n"
    "He shrugged. “I’ll walk you home, then. Naïve of me to think you’d wait.”\r\n"
)


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (STORY.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + STORY.encode("utf-8"), "utf-8-sig"),
        (STORY.encode("utf-16"), "utf-16"),  # with its BOM, native byte order
        (codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), "utf-16"),
        (STORY.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_same_text(encoded, encoding):
    work = read_bytes(encoded, "story.txt")
    assert work.text == STORY  # CRLF kept, BOM dropped, nothing else touched
    assert work.metadata.source_format == "text"
    assert work.metadata.extra == {"encoding": encoding}


def test_short_cp1252_text_prefers_cp1252_over_lookalike_code_pages():
    work = read_bytes("“Café,” she said — naïve.\n".encode("cp1252"), "a.txt")
    assert work.text == "“Café,” she said — naïve.\n"


def test_mojibake_is_kept_in_text_and_repaired_in_the_view():
    broken = "Peyton ordered a cafÃ© au lait. â€œThanks,â€\x9d she said.\n"
    work = read_bytes(broken.encode("utf-8"), "story.txt")
    assert work.text == broken
    assert normalized_view(work.text) == "Peyton ordered a café au lait. “Thanks,” she said.\n"
    assert work.text == broken  # the view never writes back


def test_normalized_view_leaves_clean_text_alone():
    assert normalized_view(STORY) == STORY


def test_read_path_records_the_source(tmp_path: Path):
    story = tmp_path / "story"
    story.write_bytes(STORY.encode("utf-8"))
    work = read_path(story)
    assert work.metadata.source_path == str(story)
    assert work.text == STORY


def test_read_path_missing_file(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "absent.txt")


def test_discover_expands_folders_and_reports_failures(tmp_path: Path):
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.HTML").write_text("<p>Two.</p>")
    (tmp_path / "sub" / "noext").write_text("Three.")
    (tmp_path / "sub" / "image").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "sub" / "notes.json").write_text("{}")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("hidden")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "cover.jpg").write_bytes(b"\xff\xd8\xff")
    files, failures = discover([tmp_path, tmp_path / "a.txt", empty, tmp_path / "missing.txt"])
    # a.txt is named twice (in the folder and on its own) but read once
    assert files == [tmp_path / "a.txt", tmp_path / "sub" / "b.HTML", tmp_path / "sub" / "noext"]
    assert [(Path(src), msg.split(" (")[0]) for src, msg in failures] == [
        (empty, "folder holds no story files"),
        (tmp_path / "missing.txt", "no such file or folder"),
    ]


def test_a_named_file_is_read_whatever_its_extension(tmp_path: Path):
    story = tmp_path / "story.log"
    story.write_text("It rained.")
    files, failures = discover([story])
    assert files == [story] and failures == []
