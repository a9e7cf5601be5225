"""Hostile inputs generated for the tests (never stored): EPUBs, nested HTML, long dialogue."""

from __future__ import annotations

import io
import zipfile

CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" '
    'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
    '<rootfile full-path="content.opf" media-type="application/oebps-package+xml"/>'
    "</rootfiles></container>"
)


def epub(chapters: list[str], title: str = "Test") -> bytes:
    """A minimal valid EPUB whose spine holds one XHTML page per chapter body."""
    items = "".join(
        f'<item id="c{i}" href="c{i}.xhtml" media-type="application/xhtml+xml"/>'
        for i in range(len(chapters))
    )
    spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{title}</dc:title></metadata><manifest>{items}</manifest>"
        f"<spine>{spine}</spine></package>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("content.opf", opf)
        for i, body in enumerate(chapters):
            archive.writestr(f"c{i}.xhtml", f"<html><body>{body}</body></html>")
    return buffer.getvalue()


def spread_bomb(members: int = 62, member_bytes: int = 945_000) -> bytes:
    """The audit's bomb: many members, each under the per-member ratio check's 1 MB floor."""
    body = "<p>" + "Word said the lamp. " * (member_bytes // 20) + "</p>"
    return epub([body] * members)


def nested_divs(depth: int, text: str = "Hello there, said Nora.") -> str:
    return "<html><body>" + "<div>" * depth + text + "</div>" * depth + "</body></html>"


def dialogue(kilobytes: int, one_paragraph: bool) -> str:
    """Invented dense dialogue of about ``kilobytes`` KB, in one paragraph or many."""
    names = ["Nora", "Eli", "Maya", "Jonah"]
    lines = []
    size = 0
    i = 0
    while size < kilobytes * 1000:
        speaker, listener = names[i % 4], names[(i + 1) % 4]
        line = f'"Did you see the lamp, {listener}?" {speaker} asked. "It was lit at {i}."'
        lines.append(line)
        size += len(line) + 2
        i += 1
    return (" " if one_paragraph else "\n\n").join(lines) + "\n"
