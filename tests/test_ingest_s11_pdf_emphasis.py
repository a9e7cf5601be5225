"""The PDF reader writes the ``emphasis`` layer for text set in an italic font, as the
marked-up readers do. The PDFs are built here with pypdf for invented lines."""

from __future__ import annotations

import io

from ficlens.ingest import read_bytes

LEFT, TOP, STEP = 72, 700, 14


def _font(name: str):
    from pypdf.generic import DictionaryObject, NameObject

    return DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject(name),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })


def make_pdf(lines: list[list[tuple[str, str]]], step: int = STEP * 3) -> bytes:
    """One page; each line a list of (font key, text) runs: R roman, I italic, B bold,
    O oblique. Lines ``step`` points apart (by default one paragraph each)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    fonts = {"R": "/Times-Roman", "I": "/Times-Italic", "B": "/Times-Bold",
             "O": "/ABCDEF+Helvetica-Oblique"}
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject(f"/F{key}"): _font(name) for key, name in fonts.items()})})
    ops, y = [], TOP
    for runs in lines:
        shown = " ".join(f"/F{key} 11 Tf ({text}) Tj" for key, text in runs)
        ops.append(f"BT {LEFT} {y} Td {shown} ET")
        y -= step
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("cp1252"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _emphasis(work) -> list[tuple[str, str]]:
    return [(work.span_text(s), s.attrs["kind"]) for s in work.layer("emphasis")]


def test_italic_runs_become_emphasis_spans():
    data = make_pdf([
        [("R", "She read the sign: "), ("I", "Keep Out"), ("R", ". Then she left.")],
        [("R", "Nothing in italics here, "), ("B", "only bold"), ("R", " words.")],
        [("O", "Too late, "), ("I", "she thought.")],
    ])
    work = read_bytes(data, "story.pdf")
    assert work.metadata.source_format == "pdf"
    assert "She read the sign: Keep Out. Then she left." in work.text
    assert _emphasis(work) == [("Keep Out", "em"), ("Too late, she thought.", "em")]


def test_a_pdf_without_italics_has_no_emphasis():
    work = read_bytes(make_pdf([[("R", "Plain words on a plain page.")]]), "plain.pdf")
    assert work.layer("emphasis") == []


def test_italics_running_over_a_line_break_are_one_span():
    data = make_pdf([
        [("R", "The letter said, in her hand, "), ("I", "come home before the river")],
        [("I", "freezes"), ("R", ", and she went.")],
    ], step=STEP)
    work = read_bytes(data, "letter.pdf")
    assert "come home before the river freezes, and she went." in work.text
    assert _emphasis(work) == [("come home before the river freezes", "em")]
