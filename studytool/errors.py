"""Errors the CLI turns into one clear line on stderr (never a traceback)."""

from __future__ import annotations


class StudytoolError(Exception):
    """A user-facing error. ``exit_code`` 2 = usage or input error."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
