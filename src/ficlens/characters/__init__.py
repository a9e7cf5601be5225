"""Characters from the text alone: names clustered with aliases, gender, unnamed speakers.

The pipeline stage is :func:`run`; :func:`find_mentions` finds the names of a known alias
table in any text.
"""

from ficlens.characters.mentions import find_mentions
from ficlens.characters.stage import run

__all__ = ["find_mentions", "run"]
