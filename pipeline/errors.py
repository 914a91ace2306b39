"""Errors a user may see: those the parsers raise (`parsers.errors`) and those of the later stages."""

from __future__ import annotations

from parsers.errors import (
    InputError,
    NotAnAgreementError,
    OCRUnavailableError,
    ThaiKPIError,
    ValueParseError,
)

__all__ = [
    "InputError",
    "NotAnAgreementError",
    "OCRUnavailableError",
    "SheetError",
    "StoreError",
    "ThaiKPIError",
    "ValueParseError",
]


class SheetError(ThaiKPIError):
    """A results sheet is malformed; the reason names the row and column."""


class StoreError(ThaiKPIError):
    """The record store cannot do what was asked (unknown id, unreachable database …)."""
