"""``ficlens analyze -``: a story piped in is sniffed and read like a file."""

from __future__ import annotations

import io
import json

from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.ingest import read_stdin

STORY = b'---\ntitle: Pipe Dream\nauthor: valve\n---\n"Hello," said Ada.\n\nShe left.\n'


def test_read_stdin_sniffs_the_format():
    work = read_stdin(io.BytesIO(STORY))
    assert (work.metadata.title, work.metadata.source_format) == ("Pipe Dream", "markdown")
    assert work.metadata.source_path == "-"


def test_analyze_dash_reads_standard_input():
    result = CliRunner().invoke(app, ["analyze", "-", "--stages", "segment", "-f", "json"],
                                input=STORY)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["metadata"]["title"] == "Pipe Dream"
    assert data["text"].endswith('"Hello," said Ada.\n\nShe left.')


def test_empty_standard_input_is_one_line_and_exit_2():
    result = CliRunner().invoke(app, ["analyze", "-"], input=b"")
    assert result.exit_code == 2
    assert "-: empty file" in result.output
