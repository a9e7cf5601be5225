"""A repaired *view* of a story's text, for matching and search; never stored as the text.

Fan fiction often went through a wrong encoding on its way to the archive: "cafÃ©" for
"café", "â€œ" for a curly quote. ``work.text`` keeps those bytes as decoded, because every
span points into it. :func:`normalized_view` returns a separate string with the mojibake
repaired by ftfy (curly quotes kept, line breaks kept); its offsets do not match
``work.text``, so use it to compare or search text, not to place spans.
"""

from __future__ import annotations


def normalized_view(text: str) -> str:
    """``text`` with mojibake repaired (ftfy), quotes and line breaks left as they are."""
    import ftfy

    return ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False, normalization="NFC")
