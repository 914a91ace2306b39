"""Errors the parsers raise. Each carries one line of reason; the CLI prints `<file>: error: <reason>`.

They live here, at the bottom of the tree, so that reading a PDF never imports the pipeline;
`pipeline.errors` adds the errors of the later stages (results sheets, the store).
"""

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
