"""Every bad input through the real ``ficlens analyze``: one stderr line each, no traceback,
exit 2 when everything failed, exit 1 when some inputs were analysed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ficlens.cli import app

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"
PREFIX = "ficlens: error: "

# name -> (file content or None for a folder / missing path, message the user sees)
BAD_INPUTS: dict[str, tuple[bytes | None, str]] = {
    "missing.txt": (None, "no such file or folder"),
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\n\t\r\n", "file holds only whitespace"),
    "binary.txt": (b"\x00\x01story\x00" * 64,
                   "not a text story: this is a binary file (it contains NUL bytes)"),
    "picture.txt": (b"\x89PNG\r\n\x1a\n" + b"\x10" * 64, "not a text story: this is a PNG image"),
    "undecodable.txt": (bytes(range(128, 256)) * 16,
                        "cannot decode text: not UTF-8 and no likely encoding fits the bytes"),
    "malformed.html": (b"<html><body><div><script>let x = 1;</script><p> </p></div",
                       "HTML page holds no readable text"),
    "notzip.epub": (b"chapter one\n", "not a valid EPUB: the file is not a zip archive"),
    "truncated.epub": (None, "corrupt EPUB: File is not a zip file"),
    "bomb.epub": (None, "hostile EPUB (zip bomb?): member 'OEBPS/c1.xhtml' inflates "),
    "many.epub": (None, "hostile EPUB: 5,002 members (at most 5,000)"),
    "slip.epub": (None, "hostile EPUB: member name '../../evil.xhtml' points outside the archive"),
    "huge.txt": (None, "file is 100.0 MiB, over the 64.0 MiB limit "
                 "(set FICLENS_MAX_BYTES to raise it)"),
    "nostories": (None, "folder holds no story files (.azw .azw3 .epub .htm .html .markdown "
                  ".md .mobi .pdf .text .txt .xhtml, or text files with no extension)"),
}


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip")
        for name, data in members.items():
            archive.writestr(name, data)


@pytest.fixture(scope="module")
def bad_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for name, (content, _message) in BAD_INPUTS.items():
        if content is not None:
            (folder / name).write_bytes(content)
    good_epub = (INGEST / "fanficfare.epub").read_bytes()
    (folder / "truncated.epub").write_bytes(good_epub[: len(good_epub) // 3])
    _zip(folder / "bomb.epub", {"META-INF/container.xml": b"<c/>",
                                "OEBPS/c1.xhtml": b" " * 30_000_000})
    _zip(folder / "many.epub", {f"OEBPS/p{i}.xhtml": b"" for i in range(5001)})
    _zip(folder / "slip.epub", {"META-INF/container.xml": b"<c/>", "../../evil.xhtml": b"x"})
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    (folder / "nostories").mkdir()
    (folder / "nostories" / "cover.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    return folder


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ficlens", "analyze", "--stages", "segment", *args],
        capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})},
    )


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_each_bad_input_alone(bad_dir: Path, name: str):
    result = CliRunner().invoke(app, ["analyze", "--stages", "segment", "-f", "json",
                                      str(bad_dir / name)])
    expected = BAD_INPUTS[name][1]
    assert result.exit_code == 2, result.output
    assert result.stdout.strip() == ""  # (a folder turns the progress bar on: one newline)
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith(f"{PREFIX}{bad_dir / name}: {expected}")


def test_all_bad_inputs_through_the_real_cli(bad_dir: Path):
    names = sorted(BAD_INPUTS)
    result = run_cli("-f", "json", *(str(bad_dir / n) for n in names))
    assert result.returncode == 2
    assert result.stdout.strip() == ""
    assert "Traceback" not in result.stderr
    lines = error_lines(result.stderr)
    assert len(lines) == len(names)
    for name in names:
        wanted = f"{PREFIX}{bad_dir / name}: {BAD_INPUTS[name][1]}"
        assert sum(line.startswith(wanted) for line in lines) == 1, (wanted, lines)


def test_good_and_bad_inputs_together(bad_dir: Path, tmp_path: Path):
    good = [INGEST / "ffnet.html", INGEST / "fanficfare.epub"]
    bad = [bad_dir / "empty.txt", bad_dir / "missing.txt", bad_dir / "slip.epub"]
    out = tmp_path / "out"
    result = run_cli("-f", "json", "-o", str(out), *map(str, good + bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert sorted(error_lines(result.stderr)) == sorted(
        f"{PREFIX}{path}: {BAD_INPUTS[path.name][1]}" for path in bad
    )
    written = sorted(p.name for p in out.iterdir())
    assert written == ["fanficfare.json", "ffnet.json"]
    document = json.loads((out / "ffnet.json").read_text(encoding="utf-8"))
    assert document["metadata"]["title"] == "Second Harbour"


def test_folder_with_good_and_bad_files(bad_dir: Path, tmp_path: Path):
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "one.txt").write_text("It rained on the harbour.\n", encoding="utf-8")
    (folder / "two.txt").write_bytes(b"")
    result = run_cli("-f", "json", "-o", str(tmp_path / "out"), str(folder))
    assert result.returncode == 1
    assert error_lines(result.stderr) == [f"{PREFIX}{folder / 'two.txt'}: empty file"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["one.json"]


def test_size_cap_from_the_environment(tmp_path: Path):
    result = run_cli("-f", "json", str(INGEST / "ao3_multi.html"),
                     env={"FICLENS_MAX_BYTES": "1000"})
    assert result.returncode == 2
    assert error_lines(result.stderr) == [
        f"{PREFIX}{INGEST / 'ao3_multi.html'}: file is 5,039 bytes, over the 1,000 bytes limit "
        "(set FICLENS_MAX_BYTES to raise it)"
    ]
