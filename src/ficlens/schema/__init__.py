"""The JSON Schema of ficlens documents, and a validator that adds the checks JSON Schema
cannot express (span layers named in ``span_layers``, offsets inside the text)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "ficlens-1.schema.json"


@cache
def load_schema() -> dict[str, Any]:
    """The draft 2020-12 JSON Schema for ``schema: "ficlens/1"`` documents."""
    return json.loads(resources.files(__name__).joinpath(SCHEMA_FILE).read_text("utf-8"))


def validation_errors(document: dict[str, Any]) -> list[str]:
    """Every way ``document`` breaks the schema or the span-layer rules; empty when valid."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema())
    errors = [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in validator.iter_errors(document)
    ]
    text_length = len(document.get("text") or "")
    for name in document.get("span_layers") or []:
        spans = document.get(name)
        if not isinstance(spans, list):
            errors.append(f"{name}: listed in span_layers but not an array of spans")
            continue
        for index, span in enumerate(spans):
            if not isinstance(span, dict) or not isinstance(span.get("start"), int):
                errors.append(f"{name}/{index}: not a span")
            elif not 0 <= span["start"] <= span.get("end", -1) <= text_length:
                errors.append(f"{name}/{index}: offsets {span['start']}:{span.get('end')} "
                              f"outside the text (length {text_length})")
    return errors
