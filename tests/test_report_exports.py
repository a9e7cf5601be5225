"""BookNLP-style tsv tables, CoNLL-2012 coreference, and the analyze command's formats."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from test_report_story import make_work
from typer.testing import CliRunner

from ficlens.cli import app
from ficlens.document import Work
from ficlens.errors import InputError
from ficlens.report import render, write_tsv
from ficlens.report.exports import TOKEN_COLUMNS

BOOKNLP_TOKEN_COLUMNS = (
    "paragraph_ID", "sentence_ID", "token_ID_within_sentence", "token_ID_within_document",
    "word", "lemma", "byte_onset", "byte_offset", "POS_tag", "fine_POS_tag",
    "dependency_relation", "syntactic_head_ID", "event",
)


def read_table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture()
def tables(tmp_path: Path) -> dict[str, list[dict[str, str]]]:
    write_tsv(make_work(), tmp_path / "out")
    files = sorted((tmp_path / "out").iterdir())
    assert [f.name for f in files] == ["tides.characters", "tides.entities", "tides.quotes",
                                       "tides.tokens"]
    return {f.suffix[1:]: read_table(f) for f in files}


def test_tokens_table_has_booknlp_columns_and_offsets(tables):
    work = make_work()
    tokens = tables["tokens"]
    assert tuple(tokens[0]) == BOOKNLP_TOKEN_COLUMNS == TOKEN_COLUMNS
    assert len(tokens) == len(work.layer("tokens"))
    for row in tokens:
        assert work.text[int(row["byte_onset"]) : int(row["byte_offset"])] == row["word"]
    assert [int(r["token_ID_within_document"]) for r in tokens] == list(range(len(tokens)))
    first_quote = next(r for r in tokens if r["word"] == "Who")
    assert first_quote["paragraph_ID"] == "3"
    assert {r["event"] for r in tokens} == {"O"}
    within = [int(r["token_ID_within_sentence"]) for r in tokens if r["sentence_ID"] == "1"]
    assert within == list(range(len(within)))


def test_entities_link_characters_by_integer_coref_id(tables):
    entities = tables["entities"]
    by_text = {(e["text"], e["prop"]): e["COREF"] for e in entities}
    assert by_text[("Mara", "PROP")] == "0"
    assert by_text[("Tobias", "PROP")] == "1"
    assert by_text[("Aunt Iris", "PROP")] == "2"
    assert by_text[("she", "PRON")] == "0"
    tokens = tables["tokens"]
    for entity in entities:
        first, last = int(entity["start_token"]), int(entity["end_token"])
        words = [t["word"] for t in tokens[first : last + 1]]
        assert " ".join(words) == entity["text"]


def test_quotes_table_names_speaker_and_nearest_mention(tables):
    quotes = tables["quotes"]
    assert len(quotes) == 8  # speech only: the shop sign is left out
    split = next(q for q in quotes if q["quote"].startswith('"Not me,"'))
    assert split["char_id"] == "1" and split["mention_phrase"] == "Tobias"
    assert next(q for q in quotes if q["quote"] == '"I know."')["char_id"] == "-1"
    characters = {c["char_id"]: c for c in tables["characters"]}
    assert characters["1"]["name"] == "Tobias Hale"
    assert characters["1"]["ficlens_id"] == "C1"
    assert characters["1"]["aliases"] == "Tobias | the boy"
    assert characters["0"]["lines"] == "3"


def test_conll_brackets_balance_per_cluster():
    conll = render(make_work(), "conll")
    lines = conll.splitlines()
    assert lines[0] == "#begin document (Tides_Things_); part 000"
    assert lines[-1] == "#end document"
    rows = [line.split("\t") for line in lines[1:-1] if line]
    assert all(len(r) == 12 for r in rows)
    marks = [m for r in rows if r[-1] != "-" for m in r[-1].split("|")]
    opened = sorted(m[1:] for m in marks if m.startswith("(") and not m.endswith(")"))
    closed = sorted(m[:-1] for m in marks if m.endswith(")") and not m.startswith("("))
    assert opened == closed == ["2"]  # "Aunt Iris" spans two tokens
    assert "(0)" in marks and "(1)" in marks
    speakers = {r[9] for r in rows}
    assert {"Mara_Lind", "Tobias_Hale", "-"} <= speakers


def test_exports_explain_what_is_missing():
    bare = Work(text="Just words here.")
    with pytest.raises(InputError, match="nlp stage"):
        write_tsv(bare, Path("/tmp/never"))
    work = make_work()
    del work.layers["coref"]
    with pytest.raises(InputError, match="coref stage"):
        render(work, "conll")


@pytest.fixture()
def cli(monkeypatch):
    work = make_work()
    monkeypatch.setattr("ficlens.cli.analyze.read_and_analyze", lambda path, stages: work)
    return CliRunner()


def test_analyze_writes_html_text_tsv_and_conll(cli, tmp_path):
    story = tmp_path / "tides.txt"
    story.write_text("placeholder")
    page = tmp_path / "report.html"
    result = cli.invoke(app, ["analyze", str(story), "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "&lt;script&gt;" in page.read_text()
    result = cli.invoke(app, ["analyze", str(story), "--format", "text"])
    assert result.exit_code == 0 and "\x1b" not in result.output
    assert "Mara Lind/Tobias Hale" in result.output
    result = cli.invoke(app, ["analyze", str(story), "--format", "tsv", "-o", str(tmp_path / "t")])
    assert result.exit_code == 0 and (tmp_path / "t" / "tides.tokens").exists()
    result = cli.invoke(app, ["analyze", str(story), "--format", "conll"])
    assert result.exit_code == 0 and result.output.startswith("#begin document")


def test_analyze_conll_without_coref_is_one_clear_error(monkeypatch, tmp_path):
    work = make_work()
    del work.layers["coref"]
    monkeypatch.setattr("ficlens.cli.analyze.read_and_analyze", lambda path, stages: work)
    story = tmp_path / "tides.txt"
    story.write_text("placeholder")
    result = CliRunner().invoke(app, ["analyze", str(story), "--format", "conll"])
    assert result.exit_code != 0
    assert "coref stage" in result.output
    assert "Traceback" not in result.output
