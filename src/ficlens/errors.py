"""Errors that reach the user as one clear line, never as a traceback."""


class FiclensError(Exception):
    """Bad input or a failed step the user can act on; the message is shown as it is."""

    exit_code = 2


class InputError(FiclensError):
    """The input cannot be read as a story (missing, empty, binary, undecodable, too big)."""


class ModelError(FiclensError):
    """A shipped model file is missing or unreadable; reinstall or retrain it."""

    exit_code = 3
