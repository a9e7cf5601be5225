"""Plain-text stories: the decoded text is the Work's text, character for character."""

from __future__ import annotations

from ficlens.document import Metadata, Work


def read_text(text: str, encoding: str) -> Work:
    meta = Metadata(source_format="text", extra={"encoding": encoding})
    return Work(text=text, metadata=meta)
