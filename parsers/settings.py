"""How a PDF is read: one settings object, built once per command and passed down.

Everything that tunes reading and is not the form's vocabulary (`parsers.sections.labels`) lives
here: per-file limits, the OCR policy, and the tolerances that decide when two pieces of a
table are one. The OCR mode is an enum, checked where the settings are built, so a typo is a
usage error at the command line and never a silent default deep in a worker.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum


class OCRMode(StrEnum):
    """auto: OCR the pages whose text layer is unusable; never; always (every page)."""

    AUTO = "auto"
    NEVER = "never"
    ALWAYS = "always"


#: values of the THAIKPI_OCR switch that turn OCR off whatever `--ocr` says, and those that leave it on
OCR_SWITCH_OFF = ("off", "0", "no", "never")
OCR_SWITCH_ON = ("", "on", "1", "yes", "auto")


def ocr_switched_off(environ: dict[str, str] | None = None) -> bool:
    """THAIKPI_OCR=off: scanned pages are refused as if tesseract were not installed."""
    value = (os.environ if environ is None else environ).get("THAIKPI_OCR", "")
    return value.lower() in OCR_SWITCH_OFF


def check_ocr_switch(environ: dict[str, str] | None = None) -> None:
    """Raise ValueError when THAIKPI_OCR is set to something that is neither on nor off."""
    value = (os.environ if environ is None else environ).get("THAIKPI_OCR", "")
    if value.lower() not in OCR_SWITCH_OFF + OCR_SWITCH_ON:
        raise ValueError(f"THAIKPI_OCR must be on or off, not {value!r}")


@dataclass(frozen=True)
class ReadSettings:
    """Per-file limits, OCR policy and table tolerances; the same for `extract`, `ingest`,
    `score`, `report` (built once per command from its options)."""

    max_pages: int = 500
    timeout: float = 300.0
    ocr: OCRMode = OCRMode.AUTO
    #: processes (or threads inside a batch worker) for the OCR of one file's pages
    jobs: int = 1
    #: points two table pieces' outlines and column rules may differ by and still be one table
    grid_tolerance: float = 2.0

    def __post_init__(self) -> None:
        # a plain string from a command line or a caller is checked here, once
        object.__setattr__(self, "ocr", OCRMode(self.ocr))
