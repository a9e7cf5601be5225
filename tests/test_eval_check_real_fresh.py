"""The fresh-authors part of ``ficlens eval check --errors real``: its own table, chapters cut
out of a whole-novel file by line range, and a note where its snapshot is absent."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from ficlens.check.findings import Finding
from ficlens.cli import eval_check
from ficlens.eval.check_real import PARTS, _story_path, evaluate_real, load_annotation, text_hash
from ficlens.ingest import read_path

NOVEL = ("# The Whole Novel\n"
         "\n"
         "Odile said their was no time left. She ran to the mill.\n"
         "\n"
         "The second chapter would start here.\n")
CHAPTER_LINES = [3, 3]


def _snapshot(mirrors: Path) -> str:
    """A one-file repository ``someone/novels`` under ``mirrors``; its commit id."""
    repo = mirrors / "someone+novels" / "repo"
    repo.mkdir(parents=True)
    (repo / "novel.md").write_text(NOVEL, encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "novel.md"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "novel"], check=True)
    return subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True).stdout.strip()


def _annotation(commit: str, chapter_text: str) -> dict:
    start = chapter_text.index("their")
    entry = {"source": {"repository": "someone/novels", "commit": commit, "path": "novel.md",
                        "lines": CHAPTER_LINES},
             "sha256": text_hash(chapter_text), "terms": ["Odile"], "note": "",
             "errors": [{"start": start, "end": start + 5, "category": "confusable",
                         "correction": "there", "unambiguous": True}]}
    return {"works": {"fresh_ch01.md": entry},
            "split": {"tune": [], "held_apart": [], "fresh_authors": ["fresh_ch01.md"]}}


def _flag_their(work) -> list[Finding]:
    start = work.text.index("their")
    return [Finding("confusables.theyre", "confusables", "error", start, start + 5, "m")]


def test_fresh_authors_is_a_part_of_its_own() -> None:
    annotation = load_annotation()
    assert "fresh_authors" in PARTS
    fresh = annotation["split"]["fresh_authors"]
    assert len(fresh) >= 4
    assert {annotation["works"][n]["source"]["repository"] for n in fresh}
    # Chapters by new authors only: no repository of an older part.
    older = {annotation["works"][n].get("source", {}).get("repository")
             for p in PARTS if p != "fresh_authors" for n in annotation["split"][p]}
    assert not older & {annotation["works"][n]["source"]["repository"] for n in fresh}


def test_a_chapter_is_cut_out_of_a_whole_novel_by_its_lines(tmp_path) -> None:
    commit = _snapshot(tmp_path / "mirrors")
    entry = {"source": {"repository": "someone/novels", "commit": commit, "path": "novel.md",
                        "lines": CHAPTER_LINES}}
    path = _story_path(tmp_path, tmp_path / "mirrors", "fresh_ch01.md", entry, tmp_path)
    assert path is not None
    assert read_path(path).text.strip() == NOVEL.splitlines()[2]


def test_lines_outside_the_file_are_a_clear_error(tmp_path) -> None:
    commit = _snapshot(tmp_path / "mirrors")
    entry = {"source": {"repository": "someone/novels", "commit": commit, "path": "novel.md",
                        "lines": [4, 99]}}
    with pytest.raises(ValueError, match="lines 4-99"):
        _story_path(tmp_path, tmp_path / "mirrors", "fresh_ch01.md", entry, tmp_path)


def test_the_fresh_part_is_scored_on_its_own_and_not_in_all(tmp_path) -> None:
    mirrors = tmp_path / "mirrors"
    commit = _snapshot(mirrors)
    chapter = (tmp_path / "chapter.md")
    chapter.write_text(NOVEL.splitlines(keepends=True)[2], encoding="utf-8")
    annotation = _annotation(commit, read_path(chapter).text)
    result = evaluate_real(tmp_path, _flag_their, annotation, mirrors=mirrors)
    assert result["fresh_authors"]["works"] == ["fresh_ch01.md"]
    assert (result["fresh_authors"]["right"], result["fresh_authors"]["findings"]) == (1, 1)
    assert result["fresh_authors"]["by_category"]["confusable"]["found_unambiguous"] == 1
    assert result["all"]["works"] == []
    assert result["skipped_by_part"]["fresh_authors"] == []


def test_an_absent_snapshot_skips_the_part_with_a_note(tmp_path, monkeypatch) -> None:
    annotation = _annotation("0" * 40, "Odile said their was no time left.")
    result = evaluate_real(tmp_path, _flag_their, annotation, mirrors=tmp_path / "none")
    assert result["skipped_by_part"]["fresh_authors"] == ["fresh_ch01.md"]
    assert result["fresh_authors"]["works"] == []
    printed = io.StringIO()
    monkeypatch.setattr(eval_check, "console", Console(file=printed, width=200))
    eval_check._print_real(result)
    assert ("fresh-authors part (authors in no other part): 1 marked work(s) skipped"
            in printed.getvalue())
    assert "fresh_ch01.md" in printed.getvalue()
