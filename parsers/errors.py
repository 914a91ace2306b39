"""Errors the parsers raise. Each carries one line of reason; the CLI prints `<file>: error: <reason>`.

The reason is a key of the message catalogue (`parsers.messages`) with its values, so it is
written in the language chosen when it is printed: `exc.line(lang="en")`, `exc.text("th")`.
`exc.reason` and `str(exc)` are the English text (for logs and code).

They live here, at the bottom of the tree, so that reading a PDF never imports the pipeline;
`pipeline.errors` adds the errors of the later stages (results sheets, the store).
"""

from __future__ import annotations

from typing import Any

from parsers.messages import Message


class ThaiKPIError(Exception):
    """Base of every error that is reported to users as one line (never a traceback).

    `ThaiKPIError("input.no_file", path)`: a catalogue key, the file it concerns, and the
    key's values as keywords (a string that is not a key is kept as a literal reason)."""

    def __init__(self, key: str, file: str | None = None, **params: Any) -> None:
        self.message = key if isinstance(key, Message) and not params else Message(key, **params)
        super().__init__(str(self.message))
        self.file = file

    @property
    def reason(self) -> Message:
        """The reason: a string equal to its English text, `.text(lang)` for either language."""
        return self.message

    def text(self, lang: str | None = None) -> str:
        """The reason in `lang` (default: the language chosen for this command)."""
        return self.message.text(lang)

    def line(self, file: str | None = None, lang: str | None = None) -> str:
        name = file or self.file
        reason = self.text(lang)
        return f"{name}: error: {reason}" if name else f"error: {reason}"

    def __reduce__(self) -> tuple[Any, ...]:  # pickled with its key and values, not its English text
        return (_rebuild, (type(self), self.message, self.file))


def _rebuild(cls: type[ThaiKPIError], message: Message, file: str | None) -> ThaiKPIError:
    return cls(message, file)


class InputError(ThaiKPIError):
    """The input file cannot be read (not a PDF, encrypted, truncated, empty, too large …)."""


class NotAnAgreementError(ThaiKPIError):
    """The PDF reads, but it is not a performance agreement (or has no KPI table)."""


class OCRUnavailableError(ThaiKPIError):
    """Pages need OCR but tesseract (or its Thai model) is not installed or disabled."""


class ValueParseError(ThaiKPIError, ValueError):
    """A Thai number or date could not be read."""


#: the project's own source directories: an internal error is placed at the last of its frames
#: there (`assemble.py:190`), not in the library that raised it (`pydantic/main.py`)
_OWN_DIRS = ("parsers", "pipeline")


def internal_error(exc: BaseException) -> Message:
    """One line saying what a bug was and where, for the `<file>: error: …` line that stands in
    for a traceback: the exception's kind, its text with line breaks folded (pydantic's errors
    run over several lines) and cut at 200 characters, and the project file and line it came
    from."""
    import traceback
    from pathlib import Path

    detail = " ".join(str(exc).split())
    if len(detail) > 200:
        detail = detail[:199] + "…"
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if Path(f.filename).parent.name in _OWN_DIRS or Path(f.filename).parent.parent.name in _OWN_DIRS]
    if not (own or frames):
        return Message("internal", kind=type(exc).__name__, detail=detail)
    frame = (own or frames)[-1]
    return Message("internal.at", kind=type(exc).__name__, detail=detail, place=f"{Path(frame.filename).name}:{frame.lineno}")
