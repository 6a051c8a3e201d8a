"""Errors that mean an action cannot run at all.

Bad data is never an exception: it becomes problems (see `validation`).
These are for files that cannot be used, arguments that make no sense and
templates that cannot be rendered. Every one carries a Norwegian message that
the doors (command line, add-in) show as one line.
"""

from __future__ import annotations


class InnspillError(Exception):
    """Base of every "cannot run" error; `str()` is the Norwegian message."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class FileProblem(InnspillError):
    """A file is missing, locked, encrypted, not an .xlsx, or unsafe to open."""


class TemplateMismatch(InnspillError):
    """The workbook is not this template (missing sheets/columns, other version)."""


class WriteRefused(InnspillError):
    """Writing would lose something the user has (parts openpyxl drops, open file)."""


class ReportTemplateError(InnspillError):
    """The Word template cannot be rendered."""


class UsageError(InnspillError):
    """Arguments that cannot be used."""
