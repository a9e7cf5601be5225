"""Where quoted speech is, from the quote marks themselves (``ficlens.text.quotemarks``).

The ranker's in-quote features are read from these mark-based regions, so the stage uses
them even when a ``quotes`` layer exists (that layer supplies speakers and addressees).
"""

from __future__ import annotations

from ficlens.document import Work
from ficlens.text.quotemarks import quoted_regions


def quote_regions(work: Work) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` stretches of quoted speech, never crossing a
    blank line. Blank lines rather than the ``paragraphs`` layer bound them: in a text laid
    out one sentence per line (LitBank) a line is no paragraph, and a quotation runs on."""
    return quoted_regions(work.text)
