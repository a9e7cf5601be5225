"""ficlens: reads fan fiction the way a careful reader does."""

from ficlens.document import Metadata, SeriesEntry, Span, Work

__version__ = "0.1.0"
__all__ = ["Metadata", "SeriesEntry", "Span", "Work", "__version__", "analyze_path", "analyze_text"]


def analyze_text(text: str, stages=None) -> Work:
    """Analyse a story given as a string."""
    from ficlens.pipeline import analyze

    return analyze(Work(text=text), stages)


def analyze_path(path, stages=None) -> Work:
    """Read a story file in any supported format and analyse it."""
    from ficlens.ingest import read_path
    from ficlens.pipeline import analyze

    return analyze(read_path(path), stages)
