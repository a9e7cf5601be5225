"""Characters from the text alone: names clustered with aliases, gender, unnamed speakers.

The pipeline stage is :data:`STAGE`; :func:`find_mentions` finds the names of a known
alias table in any text.
"""

from ficlens.characters.config import DEFAULT, CharactersConfig, tunables
from ficlens.characters.mentions import find_mentions
from ficlens.characters.stage import reader_narration, run
from ficlens.document import Work
from ficlens.stage import Stage

__all__ = ["STAGE", "CharactersConfig", "find_mentions", "reader_narration", "run"]


def _run(work: Work, _config: CharactersConfig) -> None:
    run(work)


STAGE = Stage(
    name="characters",
    summary="characters with aliases and gender; letters, texts and chat logs",
    run=_run,
    assigns=("characters", "mentions", "documents"),
    requires=("tokens", "sentences", "entities"),
    reads=("paragraphs", "notes"),
    default=DEFAULT,
    tunables=tunables,
)
