"""AO3's PDF and MOBI downloads and a PalmDOC file, built here for invented stories: a PDF
written with pypdf (text at positions, page numbers and a running header on each page),
a MOBI 6 Palm database written byte by byte."""

from __future__ import annotations

import io
import struct

import pytest

from ficlens.errors import InputError
from ficlens.ingest import read_bytes

LEFT, QUOTE_LEFT, TOP, STEP, PARA = 72, 100, 740, 14, 10


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[tuple[str, bool, bool]]]) -> bytes:
    """``pages``: lines of (text, indented, new paragraph), laid out top down, each page
    with a running header and a page number at the foot."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })
    for number, lines in enumerate(pages, 1):
        page = writer.add_blank_page(width=612, height=792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        ops = [f"BT /F1 9 Tf {LEFT} 770 Td (Lamp Oil - quincefield) Tj ET"]
        y = TOP
        for text, indented, new_paragraph in lines:
            y -= STEP + (PARA if new_paragraph else 0)
            x = QUOTE_LEFT if indented else LEFT
            ops.append(f"BT /F1 11 Tf {x} {y} Td ({_pdf_escape(text)}) Tj ET")
        ops.append(f"BT /F1 9 Tf 300 40 Td ({number}) Tj ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def para(*lines: str, indented: bool = False) -> list[tuple[str, bool, bool]]:
    return [(line, indented, i == 0) for i, line in enumerate(lines)]


AO3_PAGES = [
    para("Lamp Oil")
    + para("Posted originally on the Archive of Our Own at https://archiveofourown.org/works/7770001.")
    + para("Rating: General Audiences") + para("Archive Warning: No Archive Warnings Apply")
    + para("Category: Gen") + para("Fandom: Lantern Keepers (TV)")
    + para("Characters: Old Tam, Mara Quill") + para("Additional Tags: Lighthouses")
    + para("Language: English")
    + para("Stats: Published: 2024-01-02 Words: 96 Chapters: 1/1")
    + para("Lamp Oil") + para("by quincefield") + para("Summary")
    + para("The oil runs low in winter.", indented=True),
    para("Chapter 1: Low", "")[:1]
    + para("Chapter Notes") + para("For the lamp keepers.", indented=True)
    + para("The oil ran low in the second week of the storm, and Old Tam measured what was",
           "left with a stick.")
    + para("\"Three nights,\" he said.")
    + para("Mara did not answer him."),
    para("She climbed the stairs at dusk and trimmed the wick anyway.")
    + para("Chapter End Notes") + para("Thanks for reading.", indented=True)
    + para("Afterword") + para("End Notes") + para("Kudos are lovely.", indented=True)
    + para("Please drop by the Archive and comment to let the creator know if you enjoyed",
           "their work!"),
]


def test_ao3_pdf_metadata():
    work = read_bytes(make_pdf(AO3_PAGES), "x.pdf")
    meta = work.metadata
    assert meta.source_format == "ao3-pdf"
    assert meta.normalized() == {
        "title": "Lamp Oil", "authors": ["quincefield"], "fandoms": ["Lantern Keepers (TV)"],
        "rating": "General Audiences", "warnings": ["No Archive Warnings Apply"],
        "categories": ["Gen"], "relationships": [], "characters": ["Old Tam", "Mara Quill"],
        "freeform_tags": ["Lighthouses"], "language": "English", "words": 96,
        "chapters": [{"number": 1, "title": "Low"}], "series": [],
        "summary": "The oil runs low in winter.",
        "url": "https://archiveofourown.org/works/7770001",
    }


def test_ao3_pdf_text_has_no_page_furniture():
    work = read_bytes(make_pdf(AO3_PAGES))
    assert work.text == (
        "Summary\n\nThe oil runs low in winter.\n\nChapter 1: Low\n\nChapter Notes\n\n"
        "For the lamp keepers.\n\nThe oil ran low in the second week of the storm, and Old "
        "Tam measured what was left with a stick.\n\n\"Three nights,\" he said.\n\n"
        "Mara did not answer him.\n\nShe climbed the stairs at dusk and trimmed the wick "
        "anyway.\n\nChapter End Notes\n\nThanks for reading.\n\nEnd Notes\n\nKudos are lovely."
    )
    assert [(s["kind"], s["chapter"]) for s in work.layer("markup_notes")] == [
        ("summary", None), ("author_note", 1), ("end_note", 1), ("end_note", None)]


def test_plain_pdf_paragraphs_and_page_numbers():
    pages = [para("The first paragraph runs over two lines of the page because it is long",
                  "enough."), para("A second one.")]
    work = read_bytes(make_pdf(pages))
    assert work.metadata.source_format == "pdf"
    assert work.text == ("The first paragraph runs over two lines of the page because it is long "
                         "enough.\n\nA second one.")


def test_corrupt_pdf_is_one_line():
    with pytest.raises(InputError, match="PDF"):
        read_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)


# -- MOBI: a Palm database --------------------------------------------------------------------
def palm_database(kind: bytes, records: list[bytes]) -> bytes:
    """A Palm database: 78-byte header, the record list, two pad bytes, the records."""
    name = b"lamp_oil".ljust(32, b"\0")
    header = name + struct.pack(">HHIIIIII", 0, 0, 0, 0, 0, 0, 0, 0) + kind
    header += struct.pack(">II", 0, 0) + struct.pack(">H", len(records))
    offset = len(header) + 8 * len(records) + 2
    entries = b""
    for index, record in enumerate(records):
        entries += struct.pack(">I", offset) + struct.pack(">I", index * 2)[1:] + b"\0"
        offset += len(record)
    return header + entries + b"\0\0" + b"".join(records)


def mobi7(html: str) -> bytes:
    """A MOBI 6 book: record 0 is the PalmDOC header (uncompressed text) and a MOBI header
    (UTF-8, no EXTH, no indexes), then the book's HTML in 4096-byte text records."""
    body = html.encode("utf-8")
    chunks = [body[i:i + 4096] for i in range(0, len(body), 4096)]
    title = b"Lamp Oil"
    header_length = 0xE4
    mobi = bytearray(b"\xff" * header_length)
    struct.pack_into(">4sIIII", mobi, 0, b"MOBI", header_length, 2, 65001, 1234)
    struct.pack_into(">I", mobi, 0x14, 6)  # file version (offset 0x24 in the record)
    struct.pack_into(">I", mobi, 0x40, len(chunks) + 1)  # first non-text record
    struct.pack_into(">II", mobi, 0x44, 16 + header_length, len(title))  # full name
    struct.pack_into(">III", mobi, 0x4C, 9, 0, 0)  # locale, input and output language
    struct.pack_into(">I", mobi, 0x70, 0)  # EXTH flags: none
    struct.pack_into(">H", mobi, 0xE2, 0)  # no trailing entries after text records
    palm = struct.pack(">HHIHHHH", 1, 0, len(body), len(chunks), 4096, 0, 0)
    record0 = palm + bytes(mobi) + title + b"\0\0"
    return palm_database(b"BOOKMOBI", [record0, *chunks, b"\xe9\x8e\r\n"])


def test_mobi_is_read_through_its_html():
    html = ("<html><body><p>The lamp was lit at six.</p><p>\"Again,\" said Tam.</p>"
            "<hr/><p>Morning came late.</p></body></html>")
    work = read_bytes(mobi7(html), "story.mobi")
    assert work.metadata.source_format == "mobi"
    assert work.text == ("The lamp was lit at six.\n\n\"Again,\" said Tam.\n\n* * *\n\n"
                         "Morning came late.")


def test_broken_mobi_is_one_line():
    with pytest.raises(InputError, match="MOBI"):
        read_bytes(palm_database(b"BOOKMOBI", [b"\0" * 8]), "x.azw3")


def test_ao3_mobi_without_class_names_falls_back_to_its_paragraphs():
    html = ("<html><body><p><b>Lamp Oil</b><br/>Posted originally on the Archive of Our Own at "
            "https://archiveofourown.org/works/7770001.</p><h1>Lamp Oil</h1>"
            "<p>The oil ran low.</p><p>\"Three nights,\" he said.</p></body></html>")
    work = read_bytes(mobi7(html), "x.mobi")
    assert work.metadata.source_format == "mobi"
    assert work.text.endswith("The oil ran low.\n\n\"Three nights,\" he said.")


@pytest.mark.parametrize("kind", ["pdf", "mobi"])
def test_damaged_files_give_a_work_or_one_clear_error(kind, capfd):
    """Bytes flipped and tails cut off (seeded): a Work or an InputError, nothing printed."""
    import random

    rnd = random.Random(21)
    base = make_pdf(AO3_PAGES) if kind == "pdf" else mobi7("<p>The lamp was lit.</p>" * 40)
    for case in range(40):
        data = bytearray(base)
        if case % 2:
            data = data[: rnd.randrange(80, len(data))]
        for _ in range(rnd.randrange(1, 12)):
            data[rnd.randrange(80, len(data))] = rnd.randrange(256)
        try:
            read_bytes(bytes(data))
        except InputError as exc:
            assert "\n" not in str(exc)
    out, err = capfd.readouterr()
    assert out == "" and err == ""
