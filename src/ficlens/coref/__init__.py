"""Pronoun coreference for characters: the ``coref`` pipeline stage (see ``stage``)."""

from ficlens.coref.stage import run

__all__ = ["run"]
