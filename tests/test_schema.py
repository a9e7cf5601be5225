"""The JSON Schema in the package describes what ficlens really writes, and JSON round
trips are lossless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from ficlens.document import Work
from ficlens.ingest import read_path
from ficlens.pipeline import analyze
from ficlens.schema import load_schema, validation_errors

INGEST = Path(__file__).resolve().parent / "fixtures" / "ingest"
FIXTURES = ["plain.txt", "ao3_multi.html", "ao3_oneshot.html", "ao3_work.epub",
            "fanficfare.html", "fanficfare.epub", "ffnet.html"]


def test_schema_is_valid_draft_2020_12():
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["schema"] == {"const": "ficlens/1",
                                              "description": "document format and version"}


@pytest.mark.parametrize("fixture", FIXTURES)
def test_reader_and_segment_output_validates(fixture):
    document = analyze(read_path(INGEST / fixture), ["segment"]).to_dict()
    assert validation_errors(document) == []
    # The layers the readers add are described by name, not only by the generic rule.
    described = load_schema()["properties"]
    assert set(document["span_layers"]) <= set(described)


def test_full_nlp_output_validates():
    document = json.loads(analyze(read_path(INGEST / "ao3_multi.html"), ["segment", "nlp"])
                          .to_json())
    assert {"tokens", "sentences", "entities"} <= set(document["span_layers"])
    assert validation_errors(document) == []


@pytest.mark.parametrize("fixture", FIXTURES)
def test_json_round_trip_is_identical(fixture):
    work = analyze(read_path(INGEST / fixture), ["segment"])
    first = work.to_json()
    again = Work.from_json(first)
    assert again.to_json() == first
    assert again.text == work.text
    assert again.metadata == work.metadata
    assert again.layers == work.layers


def test_validator_catches_what_json_schema_cannot():
    document = read_path(INGEST / "ffnet.html").to_dict()
    document["chapters"][0]["end"] = len(document["text"]) + 5
    document["span_layers"].append("ghost")
    document["metadata"]["rating"] = 5
    length = len(document["text"])
    assert validation_errors(document) == [
        "metadata/rating: 5 is not of type 'string', 'null'",
        f"chapters/0: offsets 0:{length + 5} outside the text (length {length})",
        "ghost: listed in span_layers but not an array of spans",
    ]


def test_plain_text_kept_byte_for_byte():
    path = INGEST / "plain.txt"
    work = read_path(path)
    assert work.text == path.read_bytes().decode("utf-8")
    assert "\r\n" in work.text
