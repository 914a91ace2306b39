"""Errors a user may see. Each carries one line of reason; the CLI prints `<file>: error: <reason>`."""

from __future__ import annotations


class ThaiKPIError(Exception):
    """Base of every error that is reported to users as one line (never a traceback)."""

    def __init__(self, reason: str, file: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.file = file

    def line(self, file: str | None = None) -> str:
        name = file or self.file
        return f"{name}: error: {self.reason}" if name else f"error: {self.reason}"


class InputError(ThaiKPIError):
    """The input file cannot be read (not a PDF, encrypted, truncated, empty, too large …)."""


class NotAnAgreementError(ThaiKPIError):
    """The PDF reads, but it is not a performance agreement (or has no KPI table)."""


class OCRUnavailableError(ThaiKPIError):
    """Pages need OCR but tesseract (or its Thai model) is not installed or disabled."""


class ValueParseError(ThaiKPIError, ValueError):
    """A Thai number or date could not be read."""


class SheetError(ThaiKPIError):
    """A results sheet is malformed; the reason names the row and column."""


class StoreError(ThaiKPIError):
    """The record store cannot do what was asked (unknown id, unreachable database …)."""
