"""User mistakes through the real ``ficlens`` command: one line naming the file or option and
an exit code below 70 (70 is kept for bugs); many inputs report each bad one and go on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ficlens.cli import INTERNAL_ERROR
from ficlens.corpus.store import Corpus
from tests.hostile_inputs import nested_divs, spread_bomb
from tests.serve_process import ServeProcess

PREFIX = "ficlens: error: "
STORY = '"Is the lamp lit?" Nora asked Eli.\n\n"It is," Eli said.\n'


def ficlens(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ficlens", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd, env=os.environ.copy())


def lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stories")
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    (folder / "binary.bin").write_bytes(b"ab\x00cd\x00\x01" * 10)
    (folder / "punct.txt").write_text("!!! ... ???\n", encoding="utf-8")
    (folder / "deep.html").write_text(nested_divs(1200, STORY), encoding="utf-8")
    (folder / "too-deep.html").write_text(nested_divs(5000), encoding="utf-8")
    (folder / "spread.epub").write_bytes(spread_bomb())
    return folder


@pytest.mark.parametrize(("args", "message"), [
    (["analyze", "--stages", "foo", "good.txt"], "--stages: unknown stage(s): foo (known: "),
    (["analyze", "-f", "bogus", "good.txt"], "Invalid value for '--format' / '-f'"),
    (["analyze", "--bogus-option", "good.txt"], "No such option: --bogus-option"),
    (["analyze", "good.txt", "punct.txt", "-o", "two.json"], "--output two.json: several inputs"),
    (["analyze", "-f", "json", "too-deep.html"], "too-deep.html: HTML nested more than 2,000"),
    (["analyze", "-f", "json", "spread.epub"], "spread.epub: hostile EPUB (zip bomb?)"),
    (["bench", "--story", "binary.bin", "--repeat", "1"], "--story binary.bin: not a text story"),
    (["bench", "--repeat", "0"], "Invalid value for '--repeat'"),
    (["serve", "db.sqlite", "--port", "99999"], "Invalid value for '--port'"),
    (["serve", "missing.db"], "missing.db: no corpus here"),
    (["corpus", "search", "db.sqlite", "lamp", "--limit", "0"], "Invalid value for '--limit'"),
    (["corpus", "search", "db.sqlite", "--min-words", "-5"], "Invalid value for '--min-words'"),
    (["bench", "corpus", "--works", "0"], "Invalid value for '--works'"),
    (["bench", "check", "--min-words", "-5"], "Invalid value for '--min-words'"),
    (["eval", "scenes", "--tolerance", "-1"], "Invalid value for '--tolerance'"),
], ids=["stages", "format", "option", "output-file", "nesting", "spread-bomb", "bench-story",
        "bench-repeat", "port", "no-corpus", "search-limit", "search-min-words", "bench-works",
        "bench-check-words", "scenes-tolerance"])
def test_a_mistake_is_one_line_naming_the_option_or_file(stories, args, message):
    result = ficlens(*args, cwd=stories)
    assert 0 < result.returncode < INTERNAL_ERROR, result.stderr
    assert len(lines(result.stderr)) == 1, result.stderr
    assert lines(result.stderr)[0].startswith(PREFIX + message), result.stderr
    assert not (stories / "two.json").exists()


def test_deep_html_and_punctuation_only_text_are_analysed(stories):
    result = ficlens("analyze", "-f", "json", "--stages", "segment,nlp,characters,quotes",
                     "deep.html", "punct.txt", "-o", "out", cwd=stories)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (stories / "out").iterdir()) == ["deep.json", "punct.json"]


@pytest.mark.parametrize("command", ["analyze", "check"])
def test_many_files_report_each_bad_one_and_go_on(stories, command):
    args = ["good.txt", "missing.txt", "binary.bin"]
    if command == "analyze":
        args = ["-f", "json", "-o", f"out-{command}", *args]
    result = ficlens(command, *args, cwd=stories)
    assert result.returncode == 1  # some failed, some were done
    assert lines(result.stderr) == [
        f"{PREFIX}missing.txt: no such file or folder",
        f"{PREFIX}binary.bin: not a text story: this is a binary file (it contains NUL bytes)",
    ]
    if command == "check":
        assert "good.txt" in result.stdout


def test_bare_ficlens_shows_help_and_succeeds():
    result = ficlens()
    assert result.returncode == 0
    assert "analyze" in result.stdout


def test_serve_warns_off_loopback_and_names_its_address(tmp_path):
    db = tmp_path / "c.db"
    Corpus(db, create=True).close()
    with ServeProcess([str(db), "--host", "0.0.0.0", "--port", "0"]) as serve:
        warning = serve.line()
        serving = serve.line()
        stopped_in = serve.stop(signal.SIGINT, 20)
    assert warning.startswith("ficlens: warning: --host 0.0.0.0 makes the server reachable")
    assert serving.startswith(f"ficlens: serving {db} at http://0.0.0.0:")
    assert not serving.startswith(f"ficlens: serving {db} at http://0.0.0.0:0/")  # the real port
    assert stopped_in < 15


def test_version_is_shown():
    result = ficlens("--version")
    assert result.returncode == 0
    assert result.stdout.strip().startswith("ficlens ")


def test_a_folder_gives_its_stories_not_its_readme_or_links_out_of_it(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(STORY, encoding="utf-8")
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "README.md").write_text("# My drafts\n", encoding="utf-8")
    (folder / "linked.txt").symlink_to(outside)
    (folder / "part").mkdir()
    (folder / "part" / "two.txt").write_text(STORY + "\nMore.\n", encoding="utf-8")
    (folder / "linked-inside.txt").symlink_to(folder / "part" / "two.txt")
    result = ficlens("analyze", "-f", "json", "--stages", "segment", str(folder), "-o",
                     str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "story.json" in written and "linked.json" not in written
    assert not any(name.lower().startswith("readme") for name in written)
    assert len(written) == 2  # part/two.txt, read once whether by its name or by the link


def test_batch_with_no_scheduler_there_is_one_line(tmp_path):
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ficlens", "batch", str(tmp_path / "good.txt"), "--out",
         str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
    )
    assert 0 < result.returncode < INTERNAL_ERROR, result.stderr
    assert lines(result.stderr) == [lines(result.stderr)[0]]
    assert lines(result.stderr)[0].startswith(
        f"{PREFIX}--scheduler tcp://127.0.0.1:1: no Dask scheduler answers there")
