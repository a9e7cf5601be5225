"""Bad and hostile input refused with one clear InputError, quickly and without reading
more than the caps allow."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from ficlens.errors import InputError
from ficlens.ingest import read_bytes, read_path
from ficlens.ingest.safe_zip import MAX_MEMBERS

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"


def epub_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        archive.writestr("mimetype", "application/epub+zip")
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n ", "file holds only whitespace"),
        (b"story\x00text" * 50, "not a text story: this is a binary file (it contains NUL bytes)"),
        (b"%PDF-1.7\n...", "corrupt PDF"),
        (bytes(range(128, 256)) * 20, "cannot decode text"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100, "not a text story: it is full of control"),
        (b"<html><body><script>var story = 1;</script><div> </div></body></html>",
         "HTML page holds no readable text"),
        (b"<html><head><title>x</title></head><body><div id='preface'>Posted originally on "
         b"the Archive of Our Own at https://archiveofourown.org/works/1</div></body></html>",
         "AO3 download holds no story text"),
        (b"<html><body><div id=profile_top>fanfiction.net</div><div id=storytext> </div>"
         b"</body></html>", "FanFiction.net page has an empty #storytext"),
    ],
)
def test_bad_bytes(data, message):
    with pytest.raises(InputError) as caught:
        read_bytes(data, "story.txt")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_epub_name_without_zip():
    with pytest.raises(InputError, match="not a valid EPUB: the file is not a zip archive"):
        read_bytes(b"just some words", "story.epub")


def test_truncated_epub():
    data = (INGEST / "fanficfare.epub").read_bytes()
    with pytest.raises(InputError, match="^corrupt EPUB"):
        read_bytes(data[: len(data) // 2], "story.epub")


def test_corrupted_member_fails_its_crc():
    good = (INGEST / "ao3_work.epub").read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(good))
    info = archive.getinfo("The_Glass_Orchard_split_001.xhtml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20
    damaged = bytearray(good)
    damaged[start : start + 40] = b"\x00" * 40
    with pytest.raises(InputError, match="^corrupt EPUB"):
        read_bytes(bytes(damaged), "story.epub")


def test_zip_without_container_is_not_an_epub():
    with pytest.raises(InputError, match="no META-INF/container.xml"):
        read_bytes(epub_bytes({"chapter.xhtml": b"<p>hi</p>"}), "story.epub")


def test_zip_bomb_is_refused_before_inflating():
    bomb = epub_bytes({"META-INF/container.xml": b"<container/>", "big.xhtml": b"\0" * 50_000_000})
    assert len(bomb) < 100_000
    started = time.perf_counter()
    with pytest.raises(InputError, match="^hostile EPUB \\(zip bomb\\?\\): member 'big.xhtml'"):
        read_bytes(bomb, "bomb.epub")
    assert time.perf_counter() - started < 1.0


def test_uncompressed_total_over_the_cap(monkeypatch):
    data = epub_bytes({"META-INF/container.xml": b"x", "a.xhtml": b"word " * 30_000})
    assert len(data) < 10_000
    monkeypatch.setenv("FICLENS_MAX_BYTES", "100000")
    with pytest.raises(InputError, match="^EPUB content \\(uncompressed\\) is 150,0"):
        read_bytes(data, "a.epub")


def test_absurd_member_count():
    members = {f"OEBPS/p{i}.xhtml": b"" for i in range(MAX_MEMBERS + 1)}
    with pytest.raises(InputError, match=f"^hostile EPUB: {MAX_MEMBERS + 2:,} members"):
        read_bytes(epub_bytes(members), "many.epub")


@pytest.mark.parametrize("name", ["../../etc/evil.xhtml", "/abs/evil.xhtml", "OEBPS/../../x",
                                  "C:\\evil.xhtml", "..\\evil.xhtml"])
def test_member_names_leaving_the_archive(name):
    data = epub_bytes({"META-INF/container.xml": b"x", name: b"<p>x</p>"})
    with pytest.raises(InputError, match="^hostile EPUB: member name .* points outside"):
        read_bytes(data, "evil.epub")


def test_huge_text_refused_without_reading_it(tmp_path: Path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MiB on paper, nothing on disk
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        read_path(big)
    assert time.perf_counter() - started < 0.5
    assert str(caught.value) == (
        "file is 100.0 MiB, over the 64.0 MiB limit (set FICLENS_MAX_BYTES to raise it)"
    )


def test_size_cap_from_environment(tmp_path: Path, monkeypatch):
    story = tmp_path / "s.txt"
    story.write_text("x" * 2000)
    monkeypatch.setenv("FICLENS_MAX_BYTES", "1000")
    with pytest.raises(InputError, match="^file is 2,000 bytes, over the 1,000 bytes limit"):
        read_path(story)
    monkeypatch.setenv("FICLENS_MAX_BYTES", "lots")
    with pytest.raises(InputError, match="FICLENS_MAX_BYTES must be a whole number"):
        read_path(story)


def test_folder_given_to_read_path(tmp_path: Path):
    with pytest.raises(InputError, match="is a folder"):
        read_path(tmp_path)


def test_device_is_not_read():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(InputError, match="^not a regular file"):
        read_path("/dev/zero")
